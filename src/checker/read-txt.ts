/**
 * A report as plain text (.txt): decoded whatever encoding it was saved in — UTF-8 (with or without
 * a BOM), UTF-16 with a BOM, or GB18030/GBK, which Chinese Windows still writes — and split into
 * its lines. A form feed starts a new page (text exported from Word or PDF keeps them).
 */
import { type Paragraph, ReadError, type ReportDocument } from './document.ts';

/** Larger than any report: a guard against reading something that is not one. */
const MAX_BYTES = 50 * 1024 * 1024;

function decode(bytes: Uint8Array, name: string, notes: string[]): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: the Chinese national encoding is the usual other one
    const text = new TextDecoder('gb18030').decode(bytes);
    notes.push(`“${name}”不是 UTF-8 编码，已按 GB18030（GBK）读取`);
    return text;
  }
}

/** Control characters other than tab, newline and form feed: many of them mean it is not text. */
function looksBinary(text: string): boolean {
  let control = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) control++;
  }
  return n > 0 && control / n > 0.05;
}

export function readTxt(bytes: Uint8Array, name: string): ReportDocument {
  if (bytes.length > MAX_BYTES) throw new ReadError(`“${name}”过大（超过 50 MB），不像是一份评价报告`);
  const notes: string[] = [];
  const text = decode(bytes, name, notes);
  if (looksBinary(text)) throw new ReadError(`“${name}”不是文本文件：请提供 .txt 或 .docx 格式的报告`);
  const hasPages = text.includes('\f');
  const blocks: Paragraph[] = [];
  let page = 1;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const parts = raw.split('\f');
    parts.forEach((part, k) => {
      if (k > 0) page++;
      const clean = part.replace(/[\s\u3000]+/g, ' ').trim();
      if (clean === '') return;
      blocks.push({
        kind: 'paragraph',
        text: clean,
        at: { line: i + 1, ...(hasPages ? { page } : {}) },
      });
    });
  });
  return { name, format: 'txt', blocks, notes };
}

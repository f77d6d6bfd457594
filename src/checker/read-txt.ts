/**
 * A report as plain text (.txt): decoded whatever encoding it was saved in — UTF-8 (with or without
 * a BOM), UTF-16 with a BOM, or GB18030/GBK, which Chinese Windows still writes — and split into
 * its lines. A form feed starts a new page (text exported from Word or PDF keeps them).
 */
import { type Block, type Cell, type Paragraph, ReadError, type ReportDocument } from './document.ts';

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

interface Line {
  raw: string;
  /** 1-based line number and page. */
  line: number;
  page: number;
}

const clean = (s: string): string => s.replace(/[\s\u3000]+/g, ' ').trim();
const isTabLine = (l: Line | undefined): boolean => l !== undefined && l.raw.startsWith('\t');
const isBlank = (l: Line | undefined): boolean => l !== undefined && clean(l.raw) === '';
/** A line of Word's "save as text" table: cells between tabs, text on both sides. */
const isTabbedRow = (l: Line | undefined): boolean =>
  l !== undefined && !l.raw.startsWith('\t') && /\S\t+\S/.test(l.raw);

/** Joins the lines of one cell: Chinese runs join without a space, others with one. */
function joinCell(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return /[\u4e00-\u9fff）】”]$/.test(a) || /^[\u4e00-\u9fff（【“]/.test(b) ? a + b : `${a} ${b}`;
}

/**
 * A table as text exports write it: each cell on its own line after a tab, the rows apart by a
 * blank line, a merged cell as an empty "\t" line, a cell of several paragraphs continued on lines
 * without the tab. The first row gives the width: a row ends at a single blank line, or at any
 * blank once it has its cells. Returns the table and the index after it, or undefined.
 */
function cellPerLineTable(lines: readonly Line[], from: number): FoundTable | undefined {
  const rows: string[][] = [];
  let row: string[] = [];
  let width = 0;
  let i = from;
  let gap = 0;
  let afterContinuation = false;
  const closeRow = (): void => {
    if (row.length > 0) rows.push(row);
    if (width === 0) width = row.length;
    row = [];
  };
  for (; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (isBlank(l) && !l.raw.startsWith('\t')) {
      gap++;
      continue;
    }
    if (isTabLine(l)) {
      if (gap > 0 && row.length > 0) {
        const full = width > 0 && row.length >= width;
        if (width === 0 || full || (gap === 1 && !afterContinuation)) closeRow();
      }
      row.push(clean(l.raw));
      gap = 0;
      afterContinuation = false;
      continue;
    }
    // a line without the tab: more of the last cell, if the table goes on soon after it
    const text = clean(l.raw);
    let k = i + 1;
    while (k < lines.length && isBlank(lines[k]) && !isTabLine(lines[k]) && k - i < 4) k++;
    if (row.length === 0 || text.length > 60 || !isTabLine(lines[k]) || gap > 2) break;
    row[row.length - 1] = joinCell(row[row.length - 1] ?? '', text);
    gap = 0;
    afterContinuation = true;
  }
  closeRow();
  // trailing blank lines belong to what follows
  while (i > from && isBlank(lines[i - 1]) && !isTabLine(lines[i - 1])) i--;
  if (rows.length < 2 || width < 2) return undefined;
  return { rows, width, next: i };
}

/** A table found in the lines: its rows of cell texts, its width, and the index after it. */
interface FoundTable {
  rows: string[][];
  width: number;
  next: number;
}

/** Cells of a row; a short row (merged across) gives its first cell the missing width. */
function toCells(texts: readonly string[], width: number): Cell[] {
  const missing = Math.max(0, width - texts.length);
  return texts.map((text, k) => ({ text, colSpan: k === 0 ? 1 + missing : 1, rowSpan: 1 }));
}

/** Consecutive lines of tab-separated cells ("save as text" in Word): one row per line. */
function tabbedRowsTable(lines: readonly Line[], from: number): FoundTable | undefined {
  let i = from;
  const rows: string[][] = [];
  while (i < lines.length && isTabbedRow(lines[i])) {
    rows.push((lines[i] as Line).raw.split('\t').map(clean));
    i++;
  }
  if (rows.length < 2) return undefined;
  return { rows, width: Math.max(...rows.map((r) => r.length)), next: i };
}

export function readTxt(bytes: Uint8Array, name: string): ReportDocument {
  if (bytes.length > MAX_BYTES) throw new ReadError(`“${name}”过大（超过 50 MB），不像是一份评价报告`);
  const notes: string[] = [];
  const text = decode(bytes, name, notes);
  if (looksBinary(text)) throw new ReadError(`“${name}”不是文本文件：请提供 .txt 或 .docx 格式的报告`);
  const hasPages = text.includes('\f');
  // one Line per line and page part, so that a form feed inside a line starts a new page
  const lines: Line[] = [];
  let page = 1;
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      raw.split('\f').forEach((part, k) => {
        if (k > 0) page++;
        lines.push({ raw: part, line: i + 1, page });
      });
    });
  const blocks: Block[] = [];
  const at = (l: Line): Paragraph['at'] => ({ line: l.line, ...(hasPages ? { page: l.page } : {}) });
  for (let i = 0; i < lines.length;) {
    const l = lines[i] as Line;
    const found = isTabLine(l)
      ? cellPerLineTable(lines, i)
      : isTabbedRow(l)
        ? tabbedRowsTable(lines, i)
        : undefined;
    if (found) {
      blocks.push({ kind: 'table', rows: found.rows.map((r) => toCells(r, found.width)), at: at(l) });
      i = found.next;
      continue;
    }
    const t = clean(l.raw);
    if (t !== '') blocks.push({ kind: 'paragraph', text: t, at: at(l) });
    i++;
  }
  return { name, format: 'txt', blocks, notes };
}

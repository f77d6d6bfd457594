/**
 * Images that are still being drawn while the document is packed. The document is built with a
 * unique placeholder for each, packed, and the placeholders' media files (docx names them
 * image1.png …) are then found by their content and replaced by the finished PNGs (./zip.ts).
 * Laying out and packing a report (~25 ms) thus overlaps with drawing its charts on a chart thread.
 */
import { randomUUID } from 'node:crypto';
import { crc32 } from '../bytes.ts';
import { ZipError, replaceFiles } from './zip.ts';

export interface PendingImage {
  /** The bytes the document holds until the PNG is there. */
  placeholder: Uint8Array;
  png: Promise<Uint8Array>;
}

const encoder = new TextEncoder();

/** A pending image: unique placeholder bytes standing for `png`. */
export function pendingImage(png: Promise<Uint8Array>): PendingImage {
  return { placeholder: encoder.encode(`jixiao: image being drawn ${randomUUID()}`), png };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The packed document with every pending image's PNG in place of its placeholder. */
export async function fillImages(docx: Uint8Array, pending: readonly PendingImage[]): Promise<Uint8Array> {
  if (pending.length === 0) return docx;
  const pngs = await Promise.all(pending.map((p) => p.png));
  const byCrc = new Map(pending.map((p, i) => [crc32(p.placeholder), i]));
  const filled = new Set<number>();
  const out = replaceFiles(docx, (entry, read) => {
    if (!entry.name.startsWith('word/media/')) return undefined;
    const i = byCrc.get(entry.crc);
    const p = i === undefined ? undefined : pending[i];
    if (i === undefined || p === undefined || entry.size !== p.placeholder.length) return undefined;
    if (!sameBytes(read(), p.placeholder)) return undefined;
    filled.add(i);
    return pngs[i];
  });
  if (filled.size !== pending.length)
    throw new ZipError(`${String(pending.length - filled.size)} 张图片的占位文件不在文档中`);
  return out;
}

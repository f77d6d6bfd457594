/**
 * Replacing files inside a finished zip (a .docx) with stored (uncompressed) data, copying every
 * other entry byte for byte. Images drawn while the document was being packed go in this way
 * (./media.ts): PNG is compressed already, so storing it costs nothing and the rest is not redone.
 * Handles the zips docx writes (no zip64, sizes in the local headers); refuses anything else.
 */
import { inflateRawSync } from 'node:zlib';
import { concatBytes, crc32 } from '../bytes.ts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DATA_DESCRIPTOR_FLAG = 0x0008;

export class ZipError extends Error {
  constructor(message: string) {
    super(`无法处理 .docx 压缩包：${message}`);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  /** CRC-32 and size of the uncompressed data. */
  crc: number;
  size: number;
  method: number;
  /** The central directory record as written (header, name, extra, comment). */
  central: Uint8Array;
  localOffset: number;
  compressedSize: number;
  flags: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function endRecord(zip: Uint8Array): number {
  const v = view(zip);
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (v.getUint32(at, true) === END) return at;
  throw new ZipError('找不到中央目录结束记录');
}

function entries(zip: Uint8Array, end: number): ZipEntry[] {
  const v = view(zip);
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('不支持 zip64');
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || v.getUint32(at, true) !== CENTRAL)
      throw new ZipError(`第 ${String(i + 1)} 个目录项损坏`);
    const nameLength = v.getUint16(at + 28, true);
    const length = 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    out.push({
      name: utf8.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      central: zip.subarray(at, at + length),
      crc: v.getUint32(at + 16, true),
      size: v.getUint32(at + 24, true),
      method: v.getUint16(at + 10, true),
      localOffset: v.getUint32(at + 42, true),
      compressedSize: v.getUint32(at + 20, true),
      flags: v.getUint16(at + 8, true),
    });
    at += length;
  }
  return out;
}

/** The local header and data of an entry, as written. */
function localRecord(zip: Uint8Array, e: ZipEntry): Uint8Array {
  const v = view(zip);
  const at = e.localOffset;
  if (at + 30 > zip.length || v.getUint32(at, true) !== LOCAL) throw new ZipError(`${e.name} 的文件头损坏`);
  if (e.flags & DATA_DESCRIPTOR_FLAG) throw new ZipError(`${e.name} 使用数据描述符`);
  const length = 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true) + e.compressedSize;
  if (at + length > zip.length) throw new ZipError(`${e.name} 超出文件末尾`);
  return zip.subarray(at, at + length);
}

/** The uncompressed data of an entry (stored or deflated). */
function entryData(zip: Uint8Array, e: ZipEntry): Uint8Array {
  const record = localRecord(zip, e);
  const data = record.subarray(record.length - e.compressedSize);
  if (e.method === 0) return data;
  if (e.method === 8) return new Uint8Array(inflateRawSync(data));
  throw new ZipError(`${e.name} 使用不支持的压缩方法 ${String(e.method)}`);
}

/** A stored entry's local header and central record for `data`, keeping name, flags and time. */
function storedRecords(
  e: ZipEntry,
  data: Uint8Array,
  offset: number,
): { local: Uint8Array; central: Uint8Array } {
  const c = view(e.central);
  const nameLength = c.getUint16(28, true);
  const name = e.central.subarray(46, 46 + nameLength);
  const commentLength = c.getUint16(32, true);
  const comment = e.central.subarray(e.central.length - commentLength);
  const crc = crc32(data);
  const flags = e.flags & ~DATA_DESCRIPTOR_FLAG;

  const local = new Uint8Array(30 + nameLength + data.length);
  const l = view(local);
  l.setUint32(0, LOCAL, true);
  l.setUint16(4, 20, true); // version needed: 2.0
  l.setUint16(6, flags, true);
  l.setUint16(8, 0, true); // stored
  l.setUint16(10, c.getUint16(12, true), true); // time
  l.setUint16(12, c.getUint16(14, true), true); // date
  l.setUint32(14, crc, true);
  l.setUint32(18, data.length, true);
  l.setUint32(22, data.length, true);
  l.setUint16(26, nameLength, true);
  l.setUint16(28, 0, true);
  local.set(name, 30);
  local.set(data, 30 + nameLength);

  const central = new Uint8Array(46 + nameLength + commentLength);
  central.set(e.central.subarray(0, 46));
  const n = view(central);
  n.setUint16(6, 20, true);
  n.setUint16(8, flags, true);
  n.setUint16(10, 0, true);
  n.setUint32(16, crc, true);
  n.setUint32(20, data.length, true);
  n.setUint32(24, data.length, true);
  n.setUint16(30, 0, true); // no extra field
  n.setUint32(42, offset, true);
  central.set(name, 46);
  central.set(comment, 46 + nameLength);
  return { local, central };
}

/**
 * `zip` with some files' data replaced, stored: `replace` sees each entry (and can read its data)
 * and returns the new data, or undefined to copy the entry as it is.
 */
export function replaceFiles(
  zip: Uint8Array,
  replace: (entry: ZipEntry, read: () => Uint8Array) => Uint8Array | undefined,
): Uint8Array {
  const end = endRecord(zip);
  const list = entries(zip, end);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of list) {
    const data = replace(e, () => entryData(zip, e));
    if (data === undefined) {
      const central = e.central.slice();
      view(central).setUint32(42, offset, true);
      const local = localRecord(zip, e);
      locals.push(local);
      centrals.push(central);
      offset += local.length;
    } else {
      const records = storedRecords(e, data, offset);
      locals.push(records.local);
      centrals.push(records.central);
      offset += records.local.length;
    }
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const tail = zip.slice(end);
  const t = view(tail);
  t.setUint32(12, directorySize, true);
  t.setUint32(16, offset, true);
  return concatBytes([...locals, ...centrals, tail]);
}

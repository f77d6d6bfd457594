/**
 * Reads a report file into a `ReportDocument`, by what it is: a .docx (a zip: "PK") or text. An old
 * binary .doc, a PDF or an image is refused with a message saying what to do instead.
 */
import { ReadError, type ReportDocument } from './document.ts';
import { readDocx, startsWith } from './read-docx.ts';
import { readTxt } from './read-txt.ts';

export function readReport(bytes: Uint8Array, name: string): ReportDocument {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readDocx(bytes, name);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new ReadError(`“${name}”是旧版 Word 文档（.doc）：请在 Word 或 WPS 中另存为 .docx 后再检查`);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    throw new ReadError(`“${name}”是 PDF：请提供 .docx 或 .txt 格式的报告（可从 PDF 复制文字另存为 .txt）`);
  if (/\.docx$/i.test(name)) throw new ReadError(`“${name}”不是有效的 Word 文档（.docx）：无法解压`);
  return readTxt(bytes, name);
}

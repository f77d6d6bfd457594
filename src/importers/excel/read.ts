/**
 * Streaming read of a workbook (exceljs WorkbookReader): rows are handed over one by one with
 * their cells as Content, so a large 指标 sheet never sits in memory as a workbook model.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { type Content, contentOf } from './cells.ts';

export interface SheetRow {
  /** 1-based row number as in Excel. */
  number: number;
  /** Cells by 1-based column; missing entries are empty. */
  cells: Map<number, Content>;
}

export type RowHandler = (sheet: string, row: SheetRow) => void;

export type WorkbookSource = Uint8Array | Readable;

/**
 * unzipper 0.10's Parse emits 'end' as soon as its input is consumed, while entries may still wait
 * in its buffer; exceljs then stops iterating and silently skips the last parts (xl/workbook.xml
 * last, as exceljs writes it), failing at random under load. The zip stream is caught when exceljs
 * pipes the input into it, and only its real end (readableEnded) is let through.
 */
function realEndOnly(zip: NodeJS.WritableStream): void {
  const z = zip as unknown as Readable;
  const emit = z.emit.bind(z);
  z.emit = (event: string | symbol, ...args: unknown[]): boolean =>
    event === 'end' && !z.readableEnded ? false : emit(event, ...args);
}

function toStream(data: WorkbookSource): Readable {
  const input =
    data instanceof Uint8Array
      ? Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)])
      : data;
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T => {
    realEndOnly(dest);
    return pipe(dest, opts);
  };
  return input;
}

/** Decoded text whose chunks never end inside a multi-byte character. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

interface ReaderInternals {
  _parseWorksheet: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;
  [part: string]: unknown;
}

/**
 * exceljs 4.4 decodes each inflated chunk on its own, so a Chinese character split across two
 * chunks turns into U+FFFD (exceljs issues #2063, #2084). The parts are decoded as streams here.
 */
function decodeWhole(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const r = reader as unknown as ReaderInternals;
  const worksheet = r._parseWorksheet.bind(r);
  r._parseWorksheet = (iterator, sheetNo) => worksheet(utf8Chunks(iterator), sheetNo);
  for (const part of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    const parse = (r[part] as (entry: Readable) => unknown).bind(r);
    r[part] = (entry: Readable) => parse(entry.setEncoding('utf8'));
  }
}

/** Reads every sheet; returns the names of the sheets seen. Throws on a file that is not .xlsx. */
export async function readRows(data: WorkbookSource, onRow: RowHandler): Promise<Set<string>> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(toStream(data), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  decodeWhole(reader);
  const seen = new Set<string>();
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    seen.add(name);
    for await (const row of sheet) {
      const cells = new Map<number, Content>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const c = contentOf(cell.value, cell.numFmt);
        if (c.kind !== 'empty') cells.set(col, c);
      });
      if (cells.size > 0) onRow(name, { number: row.number, cells });
    }
  }
  return seen;
}

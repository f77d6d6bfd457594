/**
 * Streaming read of a workbook (exceljs WorkbookReader): rows are handed over one by one with
 * their cells as Content, so a large 指标 sheet never sits in memory as a workbook model.
 */
import { Readable } from 'node:stream';
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

function toStream(data: WorkbookSource): Readable {
  return data instanceof Uint8Array
    ? Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)])
    : data;
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

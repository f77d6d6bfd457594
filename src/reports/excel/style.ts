/** Cell helpers shared by the workbooks: fonts, borders, exact numbers, text that never becomes a formula. */
import type ExcelJS from 'exceljs';
import type { Borders, Cell, Font, Worksheet } from 'exceljs';
import { type Rat, toFixed } from '../../core/decimal/index.ts';

export const FONT_BODY: Partial<Font> = { name: '仿宋', size: 11 };
export const FONT_HEAD: Partial<Font> = { name: '宋体', size: 11, bold: true };
export const FONT_TITLE: Partial<Font> = { name: '宋体', size: 16, bold: true };

export const FMT_AMOUNT = '#,##0.00';
export const FMT_PERCENT = '0.00%';
export const DASH = '—';
/** PaperSize.A4: exceljs declares PaperSize as an ambient const enum, which type stripping cannot read. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- 9 is A4 in that enum
const A4 = 9 as ExcelJS.PaperSize;

const THIN = { style: 'thin' as const };
export const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A leading = + - @ would make a spreadsheet (or a CSV export of it) treat the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/**
 * Text as a plain string cell: exceljs writes strings as shared strings (t="s"), never as <f>, so
 * Excel does not evaluate "=…" — the text round-trips unchanged.
 */
export function setText(cell: Cell, text: string): void {
  cell.value = text;
}

/** An exact amount: the number from its 2-decimal text, shown with 2 decimals and separators. */
export function setAmount(cell: Cell, value: Rat | undefined): void {
  if (value === undefined) {
    setText(cell, DASH);
    return;
  }
  cell.value = Number(toFixed(value, 2));
  cell.numFmt = FMT_AMOUNT;
}

/** A score or weight with 2 decimals (no separators needed below 1000, but harmless). */
export function setScore(cell: Cell, value: Rat): void {
  cell.value = Number(toFixed(value, 2));
  cell.numFmt = FMT_AMOUNT;
}

/** A fraction shown as a percentage with 2 decimals (0.9535 → 95.35%). */
export function setPercent(cell: Cell, value: Rat | null | undefined): void {
  if (value === null || value === undefined) {
    setText(cell, DASH);
    return;
  }
  cell.value = Number(toFixed(value, 4));
  cell.numFmt = FMT_PERCENT;
}

/** Borders, font and wrapping on every cell of a rectangle. */
export function frame(ws: Worksheet, top: number, bottom: number, left: number, right: number): void {
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      if (cell.font === undefined || cell.font.name === undefined) cell.font = FONT_BODY;
      cell.alignment = { vertical: 'middle', wrapText: true, ...cell.alignment };
    }
  }
}

/** A header row: bold, centred. */
export function headerRow(ws: Worksheet, row: number, labels: readonly string[]): void {
  labels.forEach((label, i) => {
    const cell = ws.getCell(row, i + 1);
    setText(cell, label);
    cell.font = FONT_HEAD;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
}

/** Text in columns `from`–`to` of a row, merged and wrapped; bold and centred for a heading. */
export function mergedText(
  ws: Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  head = false,
): Cell {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  setText(cell, text);
  cell.font = head ? FONT_HEAD : FONT_BODY;
  cell.alignment = { vertical: 'middle', horizontal: head ? 'center' : 'left', wrapText: true };
  return cell;
}

/** A merged title line across `width` columns. */
export function titleRow(ws: Worksheet, row: number, width: number, text: string): void {
  ws.mergeCells(row, 1, row, width);
  const cell = ws.getCell(row, 1);
  setText(cell, text);
  cell.font = FONT_TITLE;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(row).height = 30;
}

/** A4, fitted to the page width, header rows repeated on every page. */
export function printSetup(ws: Worksheet, titleRows: string, landscape: boolean): void {
  ws.pageSetup = {
    paperSize: A4,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    printTitlesRow: titleRows,
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

/** Serialize a workbook to bytes. */
export async function toBytes(wb: {
  xlsx: { writeBuffer: () => Promise<ArrayBuffer> };
}): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

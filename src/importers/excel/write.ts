/** Cell writers shared by the template's sheets: headers, values, percentages, drop-down lists. */
import type ExcelJS from 'exceljs';
import { HUNDRED, div, toPlain, toRat } from '../../core/decimal/index.ts';
import { FONT_BODY, FONT_HEAD, setText } from '../../reports/excel/style.ts';

export type Value = string | number | undefined;

/** A decimal as a number cell when the number reads back as the same text, else as text. */
export function numeric(v: unknown): Value {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return /^-?\d+(\.\d+)?$/.test(t) && String(Number(t)) === t.replace(/^(-?)0+(?=\d)/, '$1') ? Number(t) : v;
}

/** Column widths, then the header row with each column's note (how to fill it) on its cell. */
export function writeColumns(
  ws: ExcelJS.Worksheet,
  columns: readonly { header: string; width: number; note: string }[],
): void {
  ws.columns = columns.map((c) => ({ width: c.width }));
  writeHeader(
    ws,
    columns.map((c) => c.header),
  );
  columns.forEach((c, i) => {
    ws.getCell(1, i + 1).note = c.note;
  });
}

export function writeHeader(ws: ExcelJS.Worksheet, labels: readonly string[]): void {
  labels.forEach((l, i) => {
    const cell = ws.getCell(1, i + 1);
    setText(cell, l);
    cell.font = FONT_HEAD;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
}

export function writeValue(cell: ExcelJS.Cell, v: Value, amount = false): void {
  if (v === undefined || v === '') return;
  if (typeof v === 'number') {
    cell.value = v;
    if (amount) cell.numFmt = '#,##0.00##';
  } else setText(cell, v);
  cell.font = FONT_BODY;
}

/**
 * A share ("86.54%", 0.5, "0.5"): "…%" becomes a percent-formatted number (read back as "86.54%"),
 * a plain number stays a number; anything that would not read back exactly is written as text.
 */
export function writeShare(cell: ExcelJS.Cell, v: number | string | undefined): void {
  if (v === undefined) return;
  const t = String(v).trim();
  if (!t.endsWith('%')) {
    writeValue(cell, numeric(t));
    return;
  }
  const pct = toRat(t.slice(0, -1).trim());
  const text = pct === undefined ? undefined : toPlain(div(pct, HUNDRED), 15);
  if (pct === undefined || text === undefined || numeric(text) !== Number(text)) {
    writeValue(cell, t);
    return;
  }
  writeValue(cell, Number(text));
  const places = Math.max(2, (toPlain(pct, 15).split('.')[1] ?? '').length);
  cell.numFmt = `0.${'0'.repeat(places)}%`;
}

export function listValidation(ws: ExcelJS.Worksheet, address: string, labels: readonly string[]): void {
  // exceljs 4.4 has worksheet.dataValidations (ranges included) but its typings omit it.
  const dv = (ws as unknown as { dataValidations: { add: (a: string, v: ExcelJS.DataValidation) => void } })
    .dataValidations;
  dv.add(address, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${labels.join(',')}"`],
    showErrorMessage: true,
    errorTitle: '取值不在列表中',
    error: `请从下拉列表中选择：${labels.join('、')}`,
  });
}

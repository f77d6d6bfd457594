/**
 * A cell's value as the importer sees it: text, an exact number, empty, or an error. Formulas are
 * never evaluated: their cached result is taken. Text starting with = + - @ is data.
 */
import type { CellValue } from 'exceljs';
import { mul, toPlain, toRat } from '../../core/decimal/index.ts';

export type Content =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** `text` is the exact decimal as displayed (a percent format gives "95.35%"). */
  | { kind: 'number'; value: number; text: string }
  | { kind: 'error'; text: string };

const EMPTY: Content = { kind: 'empty' };
const HUNDRED = { n: 100n, d: 1n };

/** Excel holds 15 significant digits; anything beyond is binary noise (0.1 + 0.2). */
function numberContent(n: number, numFmt: string | undefined): Content {
  if (!Number.isFinite(n)) return { kind: 'error', text: String(n) };
  const r = toRat(Number(n.toPrecision(15)));
  if (r === undefined) return { kind: 'error', text: String(n) };
  const percent = numFmt !== undefined && numFmt.includes('%');
  return { kind: 'number', value: n, text: percent ? `${toPlain(mul(r, HUNDRED), 12)}%` : toPlain(r, 15) };
}

function dateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function objectContent(v: object, numFmt: string | undefined): Content {
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null)
      return { kind: 'error', text: '公式没有计算结果（请在 Excel 中重新计算并保存）' };
    return contentOf(result as CellValue, numFmt);
  }
  if ('richText' in v) {
    const runs = (v as { richText: { text: string }[] }).richText;
    return textContent(runs.map((r) => r.text).join(''));
  }
  if ('error' in v) return { kind: 'error', text: `单元格错误值 ${String(v.error)}` };
  if ('text' in v) return textContent(String(v.text));
  return { kind: 'error', text: '无法识别的单元格内容' };
}

function textContent(text: string): Content {
  const t = text.trim();
  return t === '' ? EMPTY : { kind: 'text', text: t };
}

export function contentOf(v: CellValue | undefined, numFmt?: string): Content {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return textContent(v);
  if (typeof v === 'number') return numberContent(v, numFmt);
  if (typeof v === 'boolean') return { kind: 'text', text: v ? '是' : '否' };
  if (v instanceof Date) return { kind: 'text', text: dateText(v) };
  return objectContent(v, numFmt);
}

/** The text of a content, '' when empty. */
export function textOf(c: Content): string {
  return c.kind === 'text' || c.kind === 'number' ? c.text : '';
}

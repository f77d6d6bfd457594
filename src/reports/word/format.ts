/** Number and text formatting for the Word reports: amounts in the evaluation's unit, rates, scores. */
import {
  type Rat,
  div,
  formatAmount,
  formatPercent,
  isZero,
  toFixed,
  toPlain,
} from '../../core/decimal/index.ts';
import { inAmountUnit } from '../../core/amounts.ts';
import type { Evaluation } from '../../core/model.ts';
import type { ScoredNode } from '../../core/result.ts';

export const DASH = '—';

/** An amount held in 元, written in the evaluation's unit with 2 decimals ("7,202,507.26"). */
export function amount(ev: Evaluation, yuan: Rat | undefined): string {
  if (yuan === undefined) return DASH;
  return formatAmount(inAmountUnit(yuan, ev.amountUnit));
}

/** An amount with its unit ("33.46万元"). */
export function money(ev: Evaluation, yuan: Rat | undefined): string {
  return yuan === undefined ? DASH : `${amount(ev, yuan)}${ev.amountUnit}`;
}

/** numerator ÷ denominator as a percentage with 2 decimals; a dash when either is missing or 0. */
export function rateOf(numerator: Rat | undefined, denominator: Rat | undefined): string {
  if (numerator === undefined || denominator === undefined || isZero(denominator)) return DASH;
  return formatPercent(div(numerator, denominator));
}

export function percent(r: Rat | null | undefined): string {
  return r === null || r === undefined ? DASH : formatPercent(r);
}

/** A score with 2 decimals, as the tables print it. */
export function score(r: Rat): string {
  return toFixed(r, 2);
}

/** A weight as written (20, 2.5). */
export function weight(r: Rat): string {
  return toPlain(r, 4);
}

/** A head count. */
export function count(r: Rat | undefined): string {
  return r === undefined ? DASH : toPlain(r, 2);
}

/** The target as written, or a dash. */
export function targetText(n: ScoredNode): string {
  return n.node.target?.text ?? DASH;
}

/** The actual value used by the engine, else the value as written, else a dash. */
export function actualText(n: ScoredNode): string {
  const a = n.actual ?? (n.node.actual.kind === 'ratio' ? undefined : n.node.actual);
  if (!a || a.kind === 'none') return DASH;
  return a.text;
}

/**
 * A note without the source annotation the seed files keep for auditors, e.g.
 * "未按时缴纳社保金（五、预算执行进度与绩效指标偏差）" → "未按时缴纳社保金".
 */
export function cleanNote(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/（[一二三四五六七八九十]+、[^）]*）\s*$/u, '').trim();
  return t === '' ? undefined : t;
}

/** Ends a sentence with "。" unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[。；！？.!?]$/u.test(t) ? t : `${t}。`;
}

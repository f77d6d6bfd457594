/** Amounts are held in 元; users read them in the unit their evaluation chose (元 or 万元). */
import { type Rat, div, formatAmount, mul, parseDecimal } from './decimal/index.ts';
import type { AmountUnit } from './model.ts';

const TEN_THOUSAND: Rat = { n: 10000n, d: 1n };

/** An amount held in 元, in `unit`. */
export function inAmountUnit(yuan: Rat, unit: AmountUnit): Rat {
  return unit === '万元' ? div(yuan, TEN_THOUSAND) : yuan;
}

/** "33.46万元", "7,202,507.26元": 2 decimals, thousands separators, the unit. */
export function formatMoney(yuan: Rat, unit: AmountUnit): string {
  return `${formatAmount(inAmountUnit(yuan, unit))}${unit}`;
}

/** "33.46万元" → the number as written and its unit; a bare number has no unit. */
export function splitAmount(text: string): { number: string; unit?: AmountUnit } {
  const t = text.trim().replace(/\s+/g, '');
  if (t.endsWith('万元')) return { number: t.slice(0, -2), unit: '万元' };
  if (t.endsWith('元')) return { number: t.slice(0, -1), unit: '元' };
  return { number: t };
}

/** "33.46万元", "7,202,507.26元" in 元; undefined without a unit or a number. */
export function amountInYuan(text: string): Rat | undefined {
  const { number, unit } = splitAmount(text);
  const r = unit === undefined ? undefined : parseDecimal(number);
  return r === undefined ? undefined : unit === '万元' ? mul(r, TEN_THOUSAND) : r;
}

/** Amounts are held in 元; users read them in the unit their evaluation chose (元 or 万元). */
import { type Rat, div, formatAmount } from './decimal/index.ts';
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

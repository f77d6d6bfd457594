import { pow10 } from './pow10.ts';
import type { Rat } from './rational.ts';

const DECIMAL = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/**
 * Parse a plain decimal ("7,202,507.26", "-0.5", "95.35") exactly. Thousands separators are
 * accepted only in their proper places. Returns undefined for anything else (no exponents).
 */
export function parseDecimal(text: string): Rat | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const [, sign, intPart, frac] = m;
  if (intPart === undefined && frac === undefined) return undefined;
  const digits = (intPart ?? '0').replaceAll(',', '') + (frac ?? '');
  const n = BigInt(digits);
  return { n: sign === '-' ? -n : n, d: pow10(frac?.length ?? 0) };
}

/** A JSON number or numeric string; JS numbers go through their shortest round-trip text. */
export function toRat(value: number | string): Rat | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    if (/e/i.test(text)) return parseDecimal(value.toFixed(20).replace(/0+$/, '').replace(/\.$/, ''));
    return parseDecimal(text);
  }
  return parseDecimal(value);
}

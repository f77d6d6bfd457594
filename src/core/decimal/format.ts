import { log10Exact, pow10 } from './pow10.ts';
import { type Rat, reduce } from './rational.ts';
import { roundHalfUp } from './round-half-up.ts';

/** Fixed-point text with `places` decimals; a value with more digits is rounded half-up. */
export function toFixed(a: Rat, places: number): string {
  const r = roundHalfUp(a, places);
  const negative = r.n < 0n;
  const mag = (negative ? -r.n : r.n).toString().padStart(places + 1, '0');
  const int = mag.slice(0, mag.length - places);
  const frac = places > 0 ? '.' + mag.slice(mag.length - places) : '';
  return (negative ? '-' : '') + int + frac;
}

/** The shortest exact decimal text, or undefined when the value does not terminate (1/3). */
export function toExactString(a: Rat): string | undefined {
  const k = log10Exact(a.d);
  if (k !== undefined) {
    const text = toFixed(a, k);
    return k === 0 ? text : text.replace(/\.?0+$/, '');
  }
  const r = reduce(a);
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return undefined;
  const places = Math.max(twos, fives);
  const n = (r.n * pow10(places)) / r.d;
  return toFixed({ n, d: pow10(places) }, places);
}

/** Exact text when it terminates within `maxPlaces`, else rounded half-up to `maxPlaces`. */
export function toPlain(a: Rat, maxPlaces = 10): string {
  const exact = toExactString(a);
  if (exact !== undefined && (exact.split('.')[1]?.length ?? 0) <= maxPlaces) return exact;
  return toFixed(a, maxPlaces).replace(/\.?0+$/, '');
}

/** 7202507.26 → "7,202,507.26" (2 places by default). */
export function formatAmount(a: Rat, places = 2): string {
  const text = toFixed(a, places);
  const [int = '', frac] = text.split('.');
  const negative = int.startsWith('-');
  const digits = negative ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** A ratio as a percentage: 0.9535 → "95.35%". */
export function formatPercent(ratio: Rat, places = 2): string {
  return toFixed({ n: ratio.n * 100n, d: ratio.d }, places) + '%';
}

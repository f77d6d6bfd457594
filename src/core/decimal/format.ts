import { log10Exact, pow10 } from './pow10.ts';
import { type Rat, reduce } from './rational.ts';
import { roundHalfUp } from './round-half-up.ts';

/** n ÷ 10^k written out with exactly k decimals ("-0.05" for −5, 2). */
function pointed(n: bigint, k: number): string {
  const negative = n < 0n;
  const mag = (negative ? -n : n).toString().padStart(k + 1, '0');
  const text = k > 0 ? `${mag.slice(0, mag.length - k)}.${mag.slice(mag.length - k)}` : mag;
  return negative ? `-${text}` : text;
}

/** Fixed-point text with `places` decimals; a value with more digits is rounded half-up. */
export function toFixed(a: Rat, places: number): string {
  if (a.d === 1n) return places === 0 ? a.n.toString() : pointed(a.n * pow10(places), places);
  const r = a.d === pow10(places) ? a : roundHalfUp(a, places);
  return pointed(r.n, places);
}

function trimZeros(text: string): string {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // '0'
  if (text.charCodeAt(end - 1) === 46) end--; // '.'
  return text.slice(0, end);
}

/** The shortest exact decimal text, or undefined when the value does not terminate (1/3). */
export function toExactString(a: Rat): string | undefined {
  if (a.d === 1n) return a.n.toString();
  const k = log10Exact(a.d);
  if (k !== undefined) return trimZeros(pointed(a.n, k));
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
  return trimZeros(pointed((r.n * pow10(places)) / r.d, places));
}

/** Exact text when it terminates within `maxPlaces`, else rounded half-up to `maxPlaces`. */
export function toPlain(a: Rat, maxPlaces = 10): string {
  if (a.d === 1n) return a.n.toString();
  const k = log10Exact(a.d);
  if (k !== undefined && k <= maxPlaces) return trimZeros(pointed(a.n, k));
  const exact = toExactString(a);
  if (exact !== undefined && (exact.split('.')[1]?.length ?? 0) <= maxPlaces) return exact;
  return trimZeros(toFixed(a, maxPlaces));
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

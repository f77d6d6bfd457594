import { pow10 } from './pow10.ts';
import type { Rat } from './rational.ts';

/** 四舍五入: round half away from zero to `places` decimals (1.005 → 1.01, −0.125 → −0.13). */
export function roundHalfUp(a: Rat, places: number): Rat {
  const scale = pow10(places);
  if (a.d === scale) return a;
  if (scale % a.d === 0n) return { n: a.n * (scale / a.d), d: scale };
  const scaled = a.n * scale;
  const negative = scaled < 0n;
  const mag = negative ? -scaled : scaled;
  const q = (2n * mag + a.d) / (2n * a.d);
  return { n: negative ? -q : q, d: scale };
}

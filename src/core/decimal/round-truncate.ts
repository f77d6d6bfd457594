import { pow10 } from './pow10.ts';
import type { Rat } from './rational.ts';

/** 截尾: drop the digits after `places` decimals, toward zero (9.557 → 9.55). */
export function roundTruncate(a: Rat, places: number): Rat {
  const scale = pow10(places);
  if (a.d === scale) return a;
  if (scale % a.d === 0n) return { n: a.n * (scale / a.d), d: scale };
  return { n: (a.n * scale) / a.d, d: scale };
}

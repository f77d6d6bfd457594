import type { Rat } from './rational.ts';
import { roundHalfUp } from './round-half-up.ts';
import { roundTruncate } from './round-truncate.ts';

/** Rounding modes by stable code; an indicator system names one in its rounding policy. */
export const roundingModes = {
  'half-up': roundHalfUp, // 四舍五入
  truncate: roundTruncate, // 截尾
} as const satisfies Record<string, (a: Rat, places: number) => Rat>;

export type RoundingMode = keyof typeof roundingModes;

export interface RoundingPolicy {
  mode: RoundingMode;
  places: number;
}

export const DEFAULT_ROUNDING: RoundingPolicy = { mode: 'half-up', places: 2 };

export function applyRounding(a: Rat, policy: RoundingPolicy): Rat {
  return roundingModes[policy.mode](a, policy.places);
}

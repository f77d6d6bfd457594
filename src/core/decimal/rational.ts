/**
 * Exact rational numbers over BigInt: the numeric backend of every amount, ratio and score.
 * Inputs are decimals (n / 10^k); division stays exact as a fraction, so nothing is rounded
 * until a named rounding mode is applied (see round-half-up.ts, round-truncate.ts).
 */
export interface Rat {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

export class DivisionByZeroError extends Error {
  constructor() {
    super('division by zero');
    this.name = 'DivisionByZeroError';
  }
}

export const ZERO: Rat = { n: 0n, d: 1n };
export const ONE: Rat = { n: 1n, d: 1n };
export const HUNDRED: Rat = { n: 100n, d: 1n };

export function rat(n: bigint, d = 1n): Rat {
  if (d === 0n) throw new DivisionByZeroError();
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

export function fromInt(i: number): Rat {
  return { n: BigInt(i), d: 1n };
}

export function add(a: Rat, b: Rat): Rat {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function sub(a: Rat, b: Rat): Rat {
  if (a.d === b.d) return { n: a.n - b.n, d: a.d };
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}

export function mul(a: Rat, b: Rat): Rat {
  return { n: a.n * b.n, d: a.d * b.d };
}

export function div(a: Rat, b: Rat): Rat {
  if (b.n === 0n) throw new DivisionByZeroError();
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
}

export function neg(a: Rat): Rat {
  return { n: -a.n, d: a.d };
}

export function abs(a: Rat): Rat {
  return a.n < 0n ? { n: -a.n, d: a.d } : a;
}

/** -1, 0 or 1. */
export function cmp(a: Rat, b: Rat): -1 | 0 | 1 {
  const l = a.d === b.d ? a.n : a.n * b.d;
  const r = a.d === b.d ? b.n : b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Rat, b: Rat): boolean => cmp(a, b) === 0;
export const lt = (a: Rat, b: Rat): boolean => cmp(a, b) < 0;
export const lte = (a: Rat, b: Rat): boolean => cmp(a, b) <= 0;
export const gt = (a: Rat, b: Rat): boolean => cmp(a, b) > 0;
export const gte = (a: Rat, b: Rat): boolean => cmp(a, b) >= 0;
export const isZero = (a: Rat): boolean => a.n === 0n;
export const isNegative = (a: Rat): boolean => a.n < 0n;

export function min(a: Rat, b: Rat): Rat {
  return cmp(a, b) <= 0 ? a : b;
}

export function max(a: Rat, b: Rat): Rat {
  return cmp(a, b) >= 0 ? a : b;
}

/** Clamp to [lo, hi]. */
export function clamp(a: Rat, lo: Rat, hi: Rat): Rat {
  return min(max(a, lo), hi);
}

export function sum(values: readonly Rat[]): Rat {
  let acc = ZERO;
  for (const v of values) acc = add(acc, v);
  return acc;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Lowest terms; used before printing, not on the hot path. */
export function reduce(a: Rat): Rat {
  const g = gcd(a.n, a.d);
  return g <= 1n ? a : { n: a.n / g, d: a.d / g };
}

/**
 * Microbenchmark of the arithmetic alone: the band formula w × (r − 60%) ÷ 40% with r = actual ÷
 * target, rounded half-up to 2 places, over the same inputs in jixiao's BigInt rationals and in
 * binary doubles (what a spreadsheet does). No parsing, no explanation text, no tree.
 *
 * V8 compiles BigInt arithmetic to plain 64-bit integer instructions while every value it has
 * seen fits in 64 bits. The engine's products of denominators do not always fit, and once it has
 * run, the shared decimal functions carry that feedback: the same band formula then runs several
 * times slower. So the BigInt variant is measured twice, through two identical copies of the
 * formula: `fresh` before anything else ran, `late` first compiled after the engine has run.
 */
import {
  type Rat,
  ONE,
  cmp,
  div,
  lt,
  mul,
  parseDecimal,
  roundHalfUp,
  sub,
} from '../src/core/decimal/index.ts';
import { mulberry32, units } from './generate.ts';

const FLOOR: Rat = { n: 6n, d: 10n };
const SPAN: Rat = { n: 4n, d: 10n };

interface Input {
  w: Rat;
  actual: Rat;
  target: Rat;
  wf: number;
  af: number;
  tf: number;
}

function inputs(count: number): Input[] {
  const rng = mulberry32(20240601);
  const rat = (s: string): Rat => parseDecimal(s) ?? ONE;
  return Array.from({ length: count }, () => {
    const w = units(2 + Math.floor(rng() * 10), 1);
    const t = units(2000 + Math.floor(rng() * 50000), 1);
    const a = units(Math.round(Number(t) * 100 * (0.5 + rng() * 0.7)), 2);
    return { w: rat(w), actual: rat(a), target: rat(t), wf: Number(w), af: Number(a), tf: Number(t) };
  });
}

function bandExact(x: Input): Rat {
  const r = div(x.actual, x.target);
  if (cmp(r, ONE) >= 0) return roundHalfUp(x.w, 2);
  if (lt(r, FLOOR)) return { n: 0n, d: 1n };
  return roundHalfUp(div(mul(x.w, sub(r, FLOOR)), SPAN), 2);
}

/** The same as bandExact; a separate copy so that it is first optimized late, after the engine ran. */
function bandExactLate(x: Input): Rat {
  const r = div(x.actual, x.target);
  if (cmp(r, ONE) >= 0) return roundHalfUp(x.w, 2);
  if (lt(r, FLOOR)) return { n: 0n, d: 1n };
  return roundHalfUp(div(mul(x.w, sub(r, FLOOR)), SPAN), 2);
}

function bandFloat(x: Input): number {
  const r = x.af / x.tf;
  if (r >= 1) return Math.round(x.wf * 100) / 100;
  if (r < 0.6) return 0;
  return Math.round(((x.wf * (r - 0.6)) / 0.4) * 100) / 100;
}

export interface MicroRun {
  /** Band scores per second. */
  bigint: number;
  float: number;
}

/** Runs each variant for about `ms` milliseconds; `when` picks the copy of the BigInt formula. */
export function runMicro(ms: number, when: 'fresh' | 'late'): MicroRun {
  const xs = inputs(4096);
  let last: unknown;
  const time = (f: (x: Input) => unknown): number => {
    let done = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (const x of xs) last = f(x);
      done += xs.length;
      now = performance.now();
    }
    return (done / (now - start)) * 1000;
  };
  const bigint = time(when === 'fresh' ? bandExact : bandExactLate);
  const float = time(bandFloat);
  if (last === undefined) throw new Error('unreachable: keeps the results observable');
  return { bigint, float };
}

if (import.meta.main) {
  console.log(JSON.stringify(runMicro(Number(process.argv[2] ?? 1000), 'fresh')));
}

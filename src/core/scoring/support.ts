/** Small helpers shared by the scoring methods: parsing parameters, completion, text. */
import {
  div,
  gte,
  gt,
  lt,
  lte,
  eq,
  type Rat,
  toPlain,
  toRat,
  formatPercent,
  isZero,
} from '../decimal/index.ts';
import type { Target } from '../model.ts';
import type { MethodContext, MethodProblem, ResolvedActual } from './types.ts';

/**
 * Parsed parameters by their written form: the same few strings ("60%", "0.01", weights) recur in
 * every evaluation of a system, and parsing is the dearest part of scoring. Bounded, so memory
 * stays flat however many evaluations are scored.
 */
const decCache = new Map<number | string, Rat>();
const shareCache = new Map<number | string, Rat>();
const CACHE_LIMIT = 4096;

function remember(cache: Map<number | string, Rat>, key: number | string, value: Rat): Rat {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** A decimal parameter (already checked by the schema). */
export function dec(input: number | string): Rat {
  const hit = decCache.get(input);
  if (hit) return hit;
  const r = toRat(typeof input === 'string' ? input.trim() : input);
  if (r === undefined) throw new TypeError(`not a decimal: ${String(input)}`);
  return remember(decCache, input, r);
}

/** A share parameter: "60%" → 0.6; 0.6 → 0.6. */
export function share(input: number | string): Rat {
  const hit = shareCache.get(input);
  if (hit) return hit;
  if (typeof input === 'string' && input.trim().endsWith('%')) {
    const r = dec(input.trim().slice(0, -1).trim());
    return remember(shareCache, input, { n: r.n, d: r.d * 100n });
  }
  return remember(shareCache, input, dec(input));
}

/** A number for an explanation: exact when short, else 4 places. */
export function num(r: Rat): string {
  return toPlain(r, 4);
}

/** A fraction as a percentage for an explanation ("71.67%"). */
export function pct(r: Rat, places = 2): string {
  return formatPercent(r, places);
}

export type Quant = Extract<ResolvedActual, { kind: 'quantity' }>;
export type QuantTarget = Extract<Target, { kind: 'quantity' }>;

export function problem(code: string, message: string): { ok: false; problem: MethodProblem } {
  return { ok: false, problem: { code, message } };
}

/** The actual as a quantity, or a problem naming what is missing. */
export function needActual(ctx: MethodContext): Quant | { ok: false; problem: MethodProblem } {
  if (ctx.actual.kind === 'quantity') return ctx.actual;
  if (ctx.actual.kind === 'text')
    return problem('actual-not-numeric', `完成值“${ctx.actual.text}”不是数值，无法按此方法计分`);
  return problem('actual-missing', '缺少完成值');
}

/** The target as a quantity, or a problem. */
export function needTarget(ctx: MethodContext): QuantTarget | { ok: false; problem: MethodProblem } {
  if (ctx.target?.kind === 'quantity') return ctx.target;
  if (ctx.target?.kind === 'text')
    return problem('target-not-numeric', `指标值“${ctx.target.text}”不是数值，无法按此方法计分`);
  return problem('target-missing', '缺少指标值（目标）');
}

/** Both a quantitative actual and a quantitative target, or the first problem. */
export function needQuantities(
  ctx: MethodContext,
): { actual: Quant; target: QuantTarget } | { ok: false; problem: MethodProblem } {
  const actual = needActual(ctx);
  if (isProblem(actual)) return actual;
  const target = needTarget(ctx);
  if (isProblem(target)) return target;
  return { actual, target };
}

/** The formatters a method writes its explanation with: real ones, or silent ones for batch rescoring. */
export interface Text {
  num: (r: Rat) => string;
  pct: (r: Rat, places?: number) => string;
  show: (value: Rat, percent: boolean) => string;
}

export const WRITTEN: Text = {
  num: (r) => num(r),
  pct: (r, places) => pct(r, places),
  show: (v, p) => show(v, p),
};
export const SILENT: Text = { num: () => '', pct: () => '', show: () => '' };

export function isProblem(x: object): x is { ok: false; problem: MethodProblem } {
  return 'ok' in x && x.ok === false;
}

/** How a value is shown in a formula: percentages as "95%", others as plain numbers. */
export function show(value: Rat, percent: boolean): string {
  return percent ? pct(value).replace(/\.00%$/, '%') : num(value);
}

export interface Completion {
  /** actual ÷ target (or target ÷ actual for lower-is-better). */
  rate: Rat;
  /** "215 ÷ 300" */
  formula: string;
}

/**
 * Completion rate of a quantitative target. Lower-is-better targets (≤, <) invert the ratio.
 * A zero denominator is a problem, never Infinity.
 */
export function completion(
  actual: Quant,
  target: QuantTarget,
  direction: 'higher' | 'lower' = lowerIsBetter(target) ? 'lower' : 'higher',
  text: Text = WRITTEN,
): Completion | { ok: false; problem: MethodProblem } {
  const { show } = text;
  const [n, d] = direction === 'higher' ? [actual, target] : [target, actual];
  if (isZero(d.value))
    return problem('zero-denominator', `${direction === 'higher' ? '指标值' : '完成值'}为 0，完成率不适用`);
  return {
    rate: div(n.value, d.value),
    formula: `${show(n.value, n.percent)} ÷ ${show(d.value, d.percent)}`,
  };
}

export function lowerIsBetter(target: QuantTarget): boolean {
  return target.op === '<=' || target.op === '<';
}

/** Whether a quantitative actual meets its target. */
export function targetMet(target: QuantTarget, actual: Rat): boolean {
  switch (target.op) {
    case '>=':
      return gte(actual, target.value);
    case '>':
      return gt(actual, target.value);
    case '<=':
      return lte(actual, target.value);
    case '<':
      return lt(actual, target.value);
    case '=':
      return eq(actual, target.value);
    case 'range':
      return gte(actual, target.value) && (target.max === undefined || lte(actual, target.max));
  }
}

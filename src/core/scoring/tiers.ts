import { HUNDRED, ONE, type Rat, ZERO, cmp, div, gt, gte, mul } from '../decimal/index.ts';
import { completion, dec, isProblem, needActual, needTarget, problem, share } from './support.ts';
import type { MethodContext, MethodProblem, ScoringMethod } from './types.ts';

type Failure = { ok: false; problem: MethodProblem };
type Params = Parameters<typeof tiers.score>[0];

interface Value {
  value: Rat;
  /** Whether tier mins are read as shares. */
  percent: boolean;
  note: string;
}

/**
 * 分档: the value (the actual, or actual ÷ target with basis 'completion') selects the tier with
 * the highest min it reaches; score = tier.score ?? w × tier.share; below every tier → 0.
 * Reading a tier min: "90%" is always a share (0.9). A bare number against a percentage value is
 * a fraction when ≤ 1 (0.9) and percentage points when > 1 (90 → 0.9); against a plain value
 * (人, 次) it is that plain number.
 */
export const tiers: ScoringMethod<'tiers'> = {
  type: 'tiers',
  label: '分档',
  score(params, ctx) {
    const { num, show } = ctx.text;
    const v = valueOf(params, ctx);
    if (isProblem(v)) return v;
    const bands = params.tiers
      .map((t) => ({ min: tierMin(t.min, v.percent), score: t.score, share: t.share }))
      .sort((a, b) => cmp(b.min, a.min));
    const loose = bands.find((t) => t.score === undefined && t.share === undefined);
    if (loose)
      return problem(
        'tier-without-score',
        `分档“≥${show(loose.min, v.percent)}”未给出分数（score）或比例（share）`,
      );
    const reached = bands.find((t) => gte(v.value, t.min));
    if (reached === undefined) {
      const lowest = bands.at(-1)?.min ?? ZERO;
      return {
        ok: true,
        raw: ZERO,
        note: `${v.note}低于最低档 ${show(lowest, v.percent)}，`,
        formula: '得 0 分',
      };
    }
    const note = `${v.note}达到“≥${show(reached.min, v.percent)}”档，`;
    if (reached.score !== undefined) {
      const score = dec(reached.score);
      return { ok: true, raw: score, note, formula: `得 ${num(score)} 分` };
    }
    const s = share(reached.share ?? 0);
    return { ok: true, raw: mul(ctx.weight, s), note, formula: `${num(ctx.weight)} × ${show(s, true)}` };
  },
};

function valueOf(params: Params, ctx: MethodContext): Value | Failure {
  const actual = needActual(ctx);
  if (isProblem(actual)) return actual;
  if (params.basis !== 'completion')
    return { value: actual.value, percent: actual.percent, note: `完成值 ${actual.text}，` };
  const target = needTarget(ctx);
  if (isProblem(target)) return target;
  const c = completion(actual, target, undefined, ctx.text);
  if (isProblem(c)) return c;
  return { value: c.rate, percent: true, note: `完成率 ${c.formula} = ${ctx.text.pct(c.rate)}，` };
}

function tierMin(min: number | string, percent: boolean): Rat {
  if (typeof min === 'string' && min.trim().endsWith('%')) return share(min);
  const m = dec(min);
  return percent && gt(m, ONE) ? div(m, HUNDRED) : m;
}

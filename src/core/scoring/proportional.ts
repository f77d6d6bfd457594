import { ONE, gte, isZero, lte, mul } from '../decimal/index.ts';
import { completion, isProblem, lowerIsBetter, needQuantities } from './support.ts';
import type { ScoringMethod } from './types.ts';

/**
 * 完成比例: higher-is-better w × min(actual ÷ target, 1); lower-is-better w × min(target ÷ actual, 1).
 * The direction defaults from the target operator (≤ < → lower). A lower-is-better actual of 0
 * (no cost, no complaint) meets any non-negative target, so it earns full marks rather than
 * failing on the zero denominator of target ÷ actual.
 */
export const proportional: ScoringMethod<'proportional'> = {
  type: 'proportional',
  label: '完成比例',
  score(params, ctx) {
    const { num, pct } = ctx.text;
    const q = needQuantities(ctx);
    if (isProblem(q)) return q;
    const { actual, target } = q;
    const direction = params.direction ?? (lowerIsBetter(target) ? 'lower' : 'higher');
    const w = num(ctx.weight);
    if (direction === 'lower' && isZero(actual.value) && lte(actual.value, target.value)) {
      return {
        ok: true,
        raw: ctx.weight,
        note: `完成值 ${actual.text} 不高于指标值 ${target.text}，`,
        formula: `得满分 ${w}`,
      };
    }
    const c = completion(actual, target, direction, ctx.text);
    if (isProblem(c)) return c;
    if (gte(c.rate, ONE)) {
      return {
        ok: true,
        raw: ctx.weight,
        note: `完成率 ${c.formula} = ${pct(c.rate)} ≥ 100%，`,
        formula: `得满分 ${w}`,
      };
    }
    return { ok: true, raw: mul(ctx.weight, c.rate), formula: `${w} × ${c.formula}` };
  },
};

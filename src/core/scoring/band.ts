import { ONE, ZERO, cmp, div, mul, sub, lt } from '../decimal/index.ts';
import { completion, isProblem, needQuantities, share } from './support.ts';
import type { ScoringMethod } from './types.ts';

const DEFAULT_FLOOR = share('60%');

/**
 * 区间插值 (财预〔2021〕101号): r = completion; full at r ≥ 1;
 * w × (r − floor) ÷ (1 − floor) for floor ≤ r < 1; 0 below the floor.
 */
export const band: ScoringMethod<'band'> = {
  type: 'band',
  label: '区间插值',
  score(params, ctx) {
    const { num, pct } = ctx.text;
    const q = needQuantities(ctx);
    if (isProblem(q)) return q;
    const { actual, target } = q;
    const c = completion(actual, target, undefined, ctx.text);
    if (isProblem(c)) return c;
    const floor = params.floor === undefined ? DEFAULT_FLOOR : share(params.floor);
    const w = num(ctx.weight);
    if (cmp(c.rate, ONE) >= 0) {
      return {
        ok: true,
        raw: ctx.weight,
        note: `完成率 ${c.formula} = ${pct(c.rate)} ≥ 100%，`,
        formula: `得满分 ${w}`,
      };
    }
    if (lt(c.rate, floor)) {
      return {
        ok: true,
        raw: ZERO,
        note: `完成率 ${c.formula} = ${pct(c.rate)}，低于 ${pct(floor, 0)}，`,
        formula: '得 0 分',
      };
    }
    const span = sub(ONE, floor);
    const raw = div(mul(ctx.weight, sub(c.rate, floor)), span);
    return {
      ok: true,
      raw,
      formula: `${w} × (${c.formula} − ${pct(floor, 0)}) ÷ ${pct(span, 0)}`,
    };
  },
};

import { ZERO } from '../decimal/index.ts';
import { dec, isProblem, needQuantities, targetMet } from './support.ts';
import type { ScoringMethod } from './types.ts';

/** 达标: full marks when the target is met, else the stated partial score (default 0). */
export const threshold: ScoringMethod<'threshold'> = {
  type: 'threshold',
  label: '达标',
  score(params, ctx) {
    const { num } = ctx.text;
    const q = needQuantities(ctx);
    if (isProblem(q)) return q;
    const { actual, target } = q;
    const lead = `指标值 ${target.text}，完成值 ${actual.text}，`;
    if (targetMet(target, actual.value)) {
      return { ok: true, raw: ctx.weight, note: `${lead}达标，`, formula: `得满分 ${num(ctx.weight)}` };
    }
    const partial = params.partial === undefined ? ZERO : dec(params.partial);
    return { ok: true, raw: partial, note: `${lead}未达标，`, formula: `得 ${num(partial)} 分` };
  },
};

import { dec } from './support.ts';
import type { ScoringMethod } from './types.ts';

/**
 * 评价人打分: the evaluator's score with its mandatory reason. A score above the weight is
 * returned as given; the engine clamps it and the validator reports it.
 */
export const manual: ScoringMethod<'manual'> = {
  type: 'manual',
  label: '评价人打分',
  score(params, ctx) {
    const { num } = ctx.text;
    const score = dec(params.score);
    return { ok: true, raw: score, note: `评价人打分：${params.reason}，`, formula: `得 ${num(score)} 分` };
  },
};

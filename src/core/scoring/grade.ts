import { eq, gt, lt, mul } from '../decimal/index.ts';
import { dec, problem, share, WRITTEN } from './support.ts';
import type { ScoringMethod } from './types.ts';

type Level = NonNullable<Parameters<typeof grade.score>[0]['levels']>[number];

/** 财预〔2021〕101号 qualitative tiers: shares of the weight. */
const DEFAULT_LEVELS: readonly Level[] = [
  { label: '基本达成', min: '80%', max: '100%' },
  { label: '部分实现', min: '60%', max: '80%' },
  { label: '实现程度较低', min: '0%', max: '60%' },
];

/**
 * 等级描述: a judgement picks a level. A fixed-share level scores w × share; a range level takes
 * the evaluator's score, which must lie within [w × min, w × max] (bounds inclusive, so adjacent
 * levels share their boundary).
 */
export const grade: ScoringMethod<'grade'> = {
  type: 'grade',
  label: '等级描述',
  score(params, ctx) {
    const { num, show } = ctx.text;
    const levels = params.levels ?? DEFAULT_LEVELS;
    if (params.level === undefined) {
      return problem('grade-not-judged', `尚未评定等级（可选：${levels.map((l) => l.label).join('、')}）`);
    }
    const level = levels.find((l) => l.label === params.level);
    if (level === undefined) {
      return problem(
        'unknown-grade',
        `等级“${params.level}”不在可选等级中（${levels.map((l) => l.label).join('、')}）`,
      );
    }
    const w = num(ctx.weight);
    const named = `评价等级“${level.label}”`;
    if (level.share !== undefined) {
      const s = share(level.share);
      const raw = mul(ctx.weight, s);
      if (params.score !== undefined && !eq(dec(params.score), raw)) {
        return problem(
          'grade-score-mismatch',
          `${named}固定得 ${WRITTEN.num(raw)} 分（${WRITTEN.num(ctx.weight)} × ${WRITTEN.show(s, true)}），与给出的 ${WRITTEN.num(dec(params.score))} 分不符`,
        );
      }
      return { ok: true, raw, note: `${named}，`, formula: `${w} × ${show(s, true)}` };
    }
    if (level.min === undefined && level.max === undefined) {
      return problem('grade-level-undefined', `${named}既未规定比例（share），也未规定区间（min、max）`);
    }
    const lo = mul(ctx.weight, share(level.min ?? 0));
    const hi = mul(ctx.weight, share(level.max ?? 1));
    // Problems are always written out, whatever the caller's formatters.
    const range = `${WRITTEN.num(lo)}–${WRITTEN.num(hi)} 分`;
    if (params.score === undefined)
      return problem('grade-score-missing', `${named}对应 ${range}，请给出区间内的具体得分（score）`);
    const score = dec(params.score);
    if (lt(score, lo) || gt(score, hi)) {
      return problem('grade-score-out-of-range', `得分 ${WRITTEN.num(score)} 不在${named}的区间 ${range}内`);
    }
    return { ok: true, raw: score, note: `${named}（${range}），`, formula: `得 ${num(score)} 分` };
  },
};

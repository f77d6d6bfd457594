import { z } from 'zod';
import { DecimalInput, ShareInput } from './primitives.ts';

const rule = z
  .string()
  .optional()
  .describe(
    'The scoring rule as printed (评分标准). Indicators that share a rule must score the same input alike.',
  );

export const ProportionalMethod = z
  .object({
    type: z.literal('proportional'),
    direction: z
      .enum(['higher', 'lower'])
      .optional()
      .describe(
        'higher: w × min(actual/target, 1); lower: w × min(target/actual, 1). Default from the target operator (≤ < → lower).',
      ),
    rule,
  })
  .strict()
  .describe('完成比例: score in proportion to completion.');

export const BandMethod = z
  .object({
    type: z.literal('band'),
    floor: ShareInput.optional().describe('Completion below which the score is 0; default 60%.'),
    rule,
  })
  .strict()
  .describe(
    '区间插值 (财预〔2021〕101号): full at r ≥ 1; w × (r − floor)/(1 − floor) for floor ≤ r < 1; 0 below.',
  );

export const ThresholdMethod = z
  .object({
    type: z.literal('threshold'),
    partial: DecimalInput.optional().describe('Score when the target is missed; default 0.'),
    rule,
  })
  .strict()
  .describe('达标: full marks if the target is met, else 0 or the stated partial score.');

export const DeductionMethod = z
  .object({
    type: z.literal('deduction'),
    perUnit: DecimalInput.describe('Points deducted per unit (of shortfall, or per counted violation).'),
    basis: z
      .enum(['shortfall', 'count'])
      .optional()
      .describe(
        'shortfall (default): units by which the actual misses the target; count: the actual is a number of violations.',
      ),
    unitSize: DecimalInput.optional().describe('Size of one unit of shortfall; default 1.'),
    rule,
  })
  .strict()
  .describe('扣分: start at the weight, deduct perUnit per unit, never below 0.');

export const ElementsMethod = z
  .object({
    type: z.literal('elements'),
    elements: z
      .array(
        z
          .object({
            name: z.string().min(1),
            points: DecimalInput,
            met: z.boolean(),
          })
          .strict(),
      )
      .min(1),
    rule,
  })
  .strict()
  .describe('要素: a checklist; each element met earns its points (capped at the weight).');

export const LikertMethod = z
  .object({
    type: z.literal('likert'),
    survey: z.string().optional().describe('id of a survey in surveys[]'),
    question: z
      .string()
      .optional()
      .describe('id of the question in that survey; absent: all questions averaged'),
    levels: z
      .array(z.object({ label: z.string().min(1), weight: ShareInput }).strict())
      .optional()
      .describe(
        'Answer levels and their weights; default the survey’s, else 非常满意 1, 满意 0.5, 一般 0.25, 不满意 0.',
      ),
    shares: z.record(z.string(), ShareInput).optional().describe('Share of answers per level, inline.'),
    rate: ShareInput.optional().describe('The satisfaction rate itself, when only the rate is known.'),
    rule,
  })
  .strict()
  .describe('问卷得分率: rate = Σ share × level weight; score = w × rate.');

export const Tier = z
  .object({
    min: ShareInput.describe(
      'Lower bound (inclusive) of the tier, as a share ("90%") or plain number for non-percent values.',
    ),
    score: DecimalInput.optional().describe('Fixed score of the tier.'),
    share: ShareInput.optional().describe('Share of the weight for the tier.'),
  })
  .strict();

export const TiersMethod = z
  .object({
    type: z.literal('tiers'),
    basis: z
      .enum(['actual', 'completion'])
      .optional()
      .describe(
        'actual (default): the actual value itself (e.g. a satisfaction rate); completion: actual ÷ target.',
      ),
    tiers: z.array(Tier).min(1).describe('Tiers; the highest tier whose min the value reaches applies.'),
    rule,
  })
  .strict()
  .describe('分档: a value maps to a fixed score or share of the weight by bands.');

export const GradeLevel = z
  .object({
    label: z.string().min(1),
    share: ShareInput.optional().describe('Fixed share of the weight.'),
    min: ShareInput.optional().describe('Lowest share of the weight for this level (a range level).'),
    max: ShareInput.optional().describe('Highest share of the weight for this level (a range level).'),
  })
  .strict();

export const GradeMethod = z
  .object({
    type: z.literal('grade'),
    levels: z
      .array(GradeLevel)
      .optional()
      .describe('Default: 101号 — 基本达成 80–100%, 部分实现 60–80%, 实现程度较低 0–60%.'),
    level: z
      .string()
      .min(1)
      .optional()
      .describe('The judgement given (e.g. 良, 基本达成); absent until the evaluator judges.'),
    score: DecimalInput.optional().describe('The score chosen within a range level.'),
    rule,
  })
  .strict()
  .describe('等级描述: a qualitative judgement maps to a share of the weight.');

export const OverTargetMethod = z
  .object({
    type: z.literal('over-target'),
    refs: z
      .array(z.string())
      .optional()
      .describe(
        'Codes of the indicators whose deviation is judged; absent: this indicator’s own target and actual.',
      ),
    direction: z
      .enum(['above', 'below', 'both'])
      .optional()
      .describe('Which deviation costs points; default above.'),
    steps: z
      .array(z.object({ over: ShareInput, deduct: DecimalInput }).strict())
      .min(1)
      .describe(
        'Deduct `deduct` points when the deviation exceeds `over`; the largest step reached applies.',
      ),
    rule,
  })
  .strict()
  .describe(
    '目标偏离: a result far from a target set too low (or too high) loses points by the degree of deviation.',
  );

export const ManualMethod = z
  .object({
    type: z.literal('manual'),
    score: DecimalInput,
    reason: z.string().min(1, { error: '评价人打分必须说明理由' }),
    rule,
  })
  .strict()
  .describe('评价人打分: an evaluator’s score in [0, w] with a mandatory reason.');

export const Method = z.discriminatedUnion(
  'type',
  [
    ProportionalMethod,
    BandMethod,
    ThresholdMethod,
    DeductionMethod,
    ElementsMethod,
    LikertMethod,
    TiersMethod,
    GradeMethod,
    OverTargetMethod,
    ManualMethod,
  ],
  { error: '未知的评分方法' },
);

export type MethodInput = z.infer<typeof Method>;
export type MethodType = MethodInput['type'];

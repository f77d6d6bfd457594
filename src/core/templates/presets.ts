/**
 * Scoring methods and rules the official documents fix, as file-format data. Each call returns
 * a fresh object so that one skeleton never shares state with another.
 */
import type { z } from 'zod';
import type { Rules } from '../schema/evaluation.ts';
import type { MethodInput } from '../schema/methods.ts';

/**
 * The judgement of a qualitative indicator before anyone has judged it. The schema requires a
 * level on every grade method; this placeholder matches none of the levels, so scoring reports
 * the indicator as not yet judged instead of inventing a score.
 */
/** Kept for callers that show a pending judgement; templates leave `level` out until it is judged. */
export const PENDING_LEVEL = '待评定';

type Method<T extends MethodInput['type']> = Extract<MethodInput, { type: T }>;
type GradeLevels = NonNullable<Method<'grade'>['levels']>;

/** 财预〔2020〕10号: 达成 / 部分达成 / 未达成, 100–80%（含）, 80–60%（含）, 60–0% of the weight. */
export function grade10(): Method<'grade'> {
  return {
    type: 'grade',
    levels: threeTiers(['达成年度指标', '部分达成年度指标并具有一定效果', '未达成年度指标且效果较差']),
    rule: '定性指标分三档：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差，分别按分值的100%–80%（含）、80%–60%（含）、60%–0%确定得分',
  };
}

/** 财预〔2021〕101号: 基本达成 / 部分实现 / 实现程度较低, 100–80%, 80–60%, 60–0% of the weight. */
export function grade101(): Method<'grade'> {
  return {
    type: 'grade',
    levels: threeTiers(['基本达成', '部分实现', '实现程度较低']),
    rule: '定性指标按基本达成、部分实现、实现程度较低三档，分别按分值的100%–80%、80%–60%、60%–0%确定得分',
  };
}

function threeTiers([top, middle, low]: [string, string, string]): GradeLevels {
  return [
    { label: top, min: '80%', max: '100%' },
    { label: middle, min: '60%', max: '80%' },
    { label: low, min: '0%', max: '60%' },
  ];
}

/** 10号 self-evaluation: met → full marks; missed → points in proportion to completion. */
export function proportional(rule?: string, direction?: 'higher' | 'lower'): Method<'proportional'> {
  return {
    type: 'proportional',
    ...(direction === undefined ? {} : { direction }),
    rule: rule ?? '完成指标值的得满分；未完成的，按完成值与指标值的比例计分',
  };
}

/** 101号: 0 below 60% completion, else (rate − 60%) ÷ (1 − 60%) × weight. */
export function band60(rule?: string): Method<'band'> {
  return {
    type: 'band',
    floor: '60%',
    rule: rule ?? '完成率低于60%的不得分；60%及以上的，按（完成率−60%）÷（1−60%）×分值计分，完成的得满分',
  };
}

/** 101号 预算执行率: ≥100% full, 80–100% 7/10, 60–80% 5/10, below 60% 0 (shares, so they scale). */
export function executionTiers101(): Method<'tiers'> {
  return {
    type: 'tiers',
    basis: 'actual',
    tiers: [
      { min: '100%', share: '100%' },
      { min: '80%', share: '70%' },
      { min: '60%', share: '50%' },
      { min: '0%', share: '0%' },
    ],
    rule: '预算执行率100%得满分（10分），80%（含）–100%得7分，60%（含）–80%得5分，60%以下不得分；按分值等比例折算',
  };
}

/** 101号 满意度: ≥90% full, 80–90% 8/10, 60–80% 5/10, below 60% 0 (shares, so they scale). */
export function satisfactionTiers101(): Method<'tiers'> {
  return {
    type: 'tiers',
    basis: 'actual',
    tiers: [
      { min: '90%', share: '100%' },
      { min: '80%', share: '80%' },
      { min: '60%', share: '50%' },
      { min: '0%', share: '0%' },
    ],
    rule: '满意度90%（含）以上得满分（10分），80%（含）–90%得8分，60%（含）–80%得5分，60%以下不得分；按分值等比例折算',
  };
}

/** 达标: full marks when the target is met, else 0. */
export function threshold(rule: string): Method<'threshold'> {
  return { type: 'threshold', rule };
}

/** 问卷得分率: score = weight × satisfaction rate of the questionnaire. */
export function likert(rule?: string): Method<'likert'> {
  return { type: 'likert', rule: rule ?? '按问卷调查得分率计分：得分＝分值×得分率' };
}

export type RulesInput = z.infer<typeof Rules>;

/** 四舍五入 to 2 places, 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差; not-applicable indicators score full marks. */
export function standardRules(extra?: Partial<RulesInput>): RulesInput {
  return {
    rounding: { mode: 'half-up', places: 2 },
    grades: [
      { grade: '优', min: 90 },
      { grade: '良', min: 80 },
      { grade: '中', min: 60 },
      { grade: '差', min: 0 },
    ],
    notApplicable: 'full',
    ...extra,
  };
}

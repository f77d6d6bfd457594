/** What scoring produces: a tree of scored nodes mirroring the indicator tree, plus totals. */
import type { Rat } from './decimal/index.ts';
import type { Evaluation, IndicatorNode } from './model.ts';
import type { MethodProblem, ResolvedActual } from './scoring/types.ts';

export type ScoreStatus = 'scored' | 'override' | 'not-applicable' | 'unscorable' | 'group';

export interface ScoredNode {
  node: IndicatorNode;
  /** Weight used after not-applicable redistribution (equals node.weight otherwise). */
  effectiveWeight: Rat;
  /** Rounded score (groups: Σ children). */
  score: Rat;
  /** The method's rounded score before an override. */
  computed?: Rat | undefined;
  /** The method's score clamped to [0, weight], before rounding. */
  raw?: Rat | undefined;
  /** 得分率 = score ÷ effectiveWeight; null when the weight is 0. */
  rate: Rat | null;
  /** Chinese explanation with the numbers put into the formula. */
  explanation: string;
  status: ScoreStatus;
  /** Leaves: the actual value used, ratios resolved from the data. */
  actual?: ResolvedActual | undefined;
  problem?: MethodProblem | undefined;
  children: ScoredNode[];
}

export interface RatioResult {
  code: string;
  scope?: string | undefined;
  /** Chinese name (预算执行率 …). */
  name: string;
  /** null: not applicable (zero denominator) or missing data (see `missing`). */
  value: Rat | null;
  /** The data the ratio needs are not in the evaluation (as opposed to a zero denominator). */
  missing?: boolean | undefined;
  numerator?: Rat | undefined;
  denominator?: Rat | undefined;
  /** "31.98万元 ÷ 33.46万元 = 95.58%" or why it is not applicable. */
  explanation: string;
}

export interface ScoreResult {
  evaluation: Evaluation;
  roots: ScoredNode[];
  total: Rat;
  totalWeight: Rat;
  grade: string;
  /** Every node by code. */
  byCode: Map<string, ScoredNode>;
}

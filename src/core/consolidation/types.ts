/** What the consolidation functions are given: each unit's scored evaluation, under a stable key. */
import type { ScoreResult } from '../result.ts';

export interface UnitScore {
  /** A stable key (the organisation's id as text, say); never shown. */
  key: string;
  /** The unit's name (单位名称), as shown. */
  name: string;
  result: ScoreResult;
}

/** How the consolidated score (汇总得分) is formed from the units' totals. */
export type ConsolidationRule = 'budget-weighted' | 'mean';

export const CONSOLIDATION_RULES: readonly ConsolidationRule[] = ['budget-weighted', 'mean'];

/** 按预算加权 / 简单平均: the rule as stated to the user. */
export const RULE_NAMES: Readonly<Record<ConsolidationRule, string>> = {
  'budget-weighted': '按全年预算数加权平均',
  mean: '简单算术平均',
};

export function isConsolidationRule(s: string): s is ConsolidationRule {
  return Object.hasOwn(RULE_NAMES, s);
}

/**
 * 汇总: a department's figures from its own evaluation and its units' — budgets summed (全年预算数,
 * 执行数, and the 预算执行率 of the sums), each unit's total and grade, and one consolidated score by
 * a stated rule: weighted by each unit's 全年预算数, or the plain mean of the totals. The score is
 * rounded half-up to 2 places and graded by the first unit's (the department's own) grade bands.
 */
import { type Rat, ZERO, add, div, fromInt, isZero, mul, roundHalfUp, sum } from '../decimal/index.ts';
import { gradeOf } from '../grading.ts';
import type { ScoreResult } from '../result.ts';
import { RULE_NAMES, type ConsolidationRule, type UnitScore } from './types.ts';

export interface UnitFigures {
  key: string;
  name: string;
  /** 全年预算数 and 执行数 in 元; undefined when the evaluation does not give them. */
  annual: Rat | undefined;
  executed: Rat | undefined;
  /** 预算执行率; null when not computable (missing or zero budget). */
  executionRate: Rat | null;
  total: Rat;
  totalWeight: Rat;
  grade: string;
}

/** Why the consolidated score could not be formed (a value, not an exception). */
export type ConsolidationProblem =
  { code: 'no-units' } | { code: 'budget-missing'; units: string[] } | { code: 'budget-zero' };

export interface Consolidated {
  rule: ConsolidationRule;
  /** The rule in words (按全年预算数加权平均 …). */
  ruleName: string;
  units: UnitFigures[];
  annual: Rat | undefined;
  executed: Rat | undefined;
  executionRate: Rat | null;
  /** Exact, before rounding; null with a problem. */
  exactScore: Rat | null;
  /** Rounded half-up to 2 places. */
  score: Rat | null;
  grade: string | null;
  problem?: ConsolidationProblem | undefined;
}

function rate(executed: Rat | undefined, annual: Rat | undefined): Rat | null {
  return executed === undefined || annual === undefined || isZero(annual) ? null : div(executed, annual);
}

/** 预算执行率 of a scored evaluation (执行数 / 全年预算数); null when not computable. */
export function executionRateOf(result: ScoreResult): Rat | null {
  const b = result.evaluation.budget;
  return rate(b.executed, b.annual);
}

function figures(u: UnitScore): UnitFigures {
  const b = u.result.evaluation.budget;
  return {
    key: u.key,
    name: u.name,
    annual: b.annual,
    executed: b.executed,
    executionRate: executionRateOf(u.result),
    total: u.result.total,
    totalWeight: u.result.totalWeight,
    grade: u.result.grade,
  };
}

/** Σ of the values, or undefined when any is missing. */
function total(values: readonly (Rat | undefined)[]): Rat | undefined {
  return values.every((v) => v !== undefined) ? sum(values) : undefined;
}

function score(
  units: readonly UnitFigures[],
  rule: ConsolidationRule,
): { value: Rat } | { problem: ConsolidationProblem } {
  if (units.length === 0) return { problem: { code: 'no-units' } };
  if (rule === 'mean') return { value: div(sum(units.map((u) => u.total)), fromInt(units.length)) };
  const missing = units.filter((u) => u.annual === undefined).map((u) => u.name);
  if (missing.length > 0) return { problem: { code: 'budget-missing', units: missing } };
  const weights = units.map((u) => u.annual ?? ZERO);
  const all = sum(weights);
  if (isZero(all)) return { problem: { code: 'budget-zero' } };
  const weighted = units.reduce((acc, u, i) => add(acc, mul(u.total, weights[i] ?? ZERO)), ZERO);
  return { value: div(weighted, all) };
}

export function consolidate(units: readonly UnitScore[], rule: ConsolidationRule): Consolidated {
  const rows = units.map(figures);
  const annual = total(rows.map((r) => r.annual));
  const executed = total(rows.map((r) => r.executed));
  const s = score(rows, rule);
  const bands = units[0]?.result.evaluation.rules.grades ?? [];
  const rounded = 'value' in s ? roundHalfUp(s.value, 2) : null;
  return {
    rule,
    ruleName: RULE_NAMES[rule],
    units: rows,
    annual,
    executed,
    executionRate: rate(executed, annual),
    exactScore: 'value' in s ? s.value : null,
    score: rounded,
    grade: rounded === null ? null : gradeOf(rounded, bands),
    ...('problem' in s ? { problem: s.problem } : {}),
  };
}

/** The problem in Chinese, for the edge. */
export function problemMessage(p: ConsolidationProblem): string {
  switch (p.code) {
    case 'no-units':
      return '没有可汇总的单位评价';
    case 'budget-missing':
      return `以下单位未填全年预算数，无法按预算加权：${p.units.join('、')}`;
    case 'budget-zero':
      return '各单位全年预算数合计为 0，无法按预算加权';
  }
}

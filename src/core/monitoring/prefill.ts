/**
 * The year-end evaluation pre-filled from the last checkpoint: its budget executed (执行数, by
 * source), the 年度总体目标, and the value to date of each indicator as the actual (完成值) of the
 * evaluation's indicator with the same name, with the 偏差原因 and 纠偏措施. A new document; the
 * one given is not changed. Amounts carry the sheet's unit, so the evaluation's own unit is kept.
 */
import type { EvaluationInput, IndicatorInputT } from '../schema/evaluation.ts';
import type { Checkpoint, IndicatorProgress, TargetSheet } from './types.ts';

type Budget = NonNullable<EvaluationInput['budget']>;
type Source = NonNullable<Budget['sources']>[number];

export interface Prefilled {
  document: EvaluationInput;
  /** Names of the indicators whose actual was written. */
  filled: string[];
  /** Checkpoint indicators with no indicator of that name in the evaluation. */
  unmatched: string[];
}

function deviationText(p: IndicatorProgress): string | undefined {
  const parts = [p.cause, p.causeNote].filter((s): s is string => s !== undefined && s !== '');
  return parts.length > 0 ? parts.join('：') : undefined;
}

function fillIndicators(
  nodes: readonly IndicatorInputT[],
  byName: ReadonlyMap<string, IndicatorProgress>,
  filled: Set<string>,
): IndicatorInputT[] {
  return nodes.map((n) => {
    if (n.children !== undefined && n.children.length > 0)
      return { ...n, children: fillIndicators(n.children, byName, filled) };
    const p = byName.get(n.name.trim());
    if (p === undefined) return n;
    filled.add(p.name);
    const deviation = deviationText(p);
    return {
      ...n,
      actual: p.toDate,
      ...(deviation === undefined ? {} : { deviation }),
      ...(p.measures === undefined || p.measures === '' ? {} : { measures: p.measures }),
    };
  });
}

function fillSource(
  sources: readonly Source[],
  name: string,
  annual: string,
  executed: string | undefined,
  unit: TargetSheet['amountUnit'],
): Source[] {
  const at = sources.findIndex((s) => s.name === name);
  const old: Source = at >= 0 ? (sources[at] as Source) : { name };
  const next: Source = {
    ...old,
    annual: old.annual ?? { value: annual, unit },
    ...(executed === undefined ? {} : { executed: { value: executed, unit } }),
  };
  return at >= 0 ? sources.map((s, i) => (i === at ? next : s)) : [...sources, next];
}

function fillBudget(budget: Budget | undefined, sheet: TargetSheet, checkpoint: Checkpoint): Budget {
  const unit = sheet.amountUnit;
  const b: Budget = budget ?? {};
  let sources = b.sources ?? [];
  sources = fillSource(sources, '财政拨款', sheet.budget.fiscal, checkpoint.executed.fiscal, unit);
  sources = fillSource(sources, '其他资金', sheet.budget.other, checkpoint.executed.other, unit);
  return {
    ...b,
    annual: b.annual ?? { value: sheet.budget.total, unit },
    executed: { value: checkpoint.executed.total, unit },
    sources,
  };
}

export function prefillEvaluation(
  document: EvaluationInput,
  sheet: TargetSheet,
  checkpoint: Checkpoint,
): Prefilled {
  const byName = new Map(checkpoint.indicators.map((p) => [p.name, p]));
  const filled = new Set<string>();
  const indicators = fillIndicators(document.indicators, byName, filled);
  const goals = {
    ...document.goals,
    overall: document.goals?.overall ?? sheet.overallGoal,
    ...(checkpoint.goalProgress === undefined ? {} : { achieved: checkpoint.goalProgress }),
  };
  return {
    document: {
      ...document,
      budget: fillBudget(document.budget, sheet, checkpoint),
      goals,
      indicators,
    },
    filled: [...filled],
    unmatched: checkpoint.indicators.map((p) => p.name).filter((n) => !filled.has(n)),
  };
}

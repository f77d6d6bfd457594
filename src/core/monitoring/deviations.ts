/**
 * 双监控 deviations at a checkpoint: budget execution against the time elapsed (序时进度), and each
 * indicator's expected year-end value against its target and its 完成可能性. Percentages are
 * rounded half-up to 2 places before they are compared, so a flag agrees with the figures shown.
 */
import {
  HUNDRED,
  type Rat,
  div,
  fromInt,
  gt,
  gte,
  isZero,
  lt,
  lte,
  mul,
  parseDecimal,
  roundHalfUp,
  sub,
  eq,
} from '../decimal/index.ts';
import { parseQuantity, parseTarget, unitsDiffer } from '../quantity.ts';
import type { Target } from '../model.ts';
import type { Checkpoint, IndicatorProgress, TargetIndicator, TargetSheet } from './types.ts';

/** Percentage points execution may lag the time elapsed when the sheet sets none. */
export const DEFAULT_EXECUTION_MARGIN: Rat = fromInt(10);

const PLACES = 2;
const percent = (fraction: Rat): Rat => roundHalfUp(mul(fraction, HUNDRED), PLACES);

export type IndicatorIssueCode =
  /** 全年预计完成值 misses the 指标值. */
  | 'target-missed'
  /** 完成可能性 is 完全不可能. */
  | 'cannot-complete'
  /** Off target or not 确定能, and no 偏差原因 given. */
  | 'cause-missing'
  /** Off track and no 纠偏措施. */
  | 'measures-missing'
  /** The expected value's unit is not the target's: not comparable. */
  | 'unit-mismatch'
  /** The indicator has no progress at this checkpoint. */
  | 'not-reported';

export interface IndicatorDeviation {
  name: string;
  target: string;
  progress: IndicatorProgress | undefined;
  /** Whether the expected year-end value meets a quantitative target; undefined when not comparable. */
  meetsTarget: boolean | undefined;
  issues: IndicatorIssueCode[];
  offTrack: boolean;
}

export interface ExecutionDeviation {
  /** 序时进度: months elapsed ÷ 12, in percent, 2 places. */
  elapsedPercent: Rat;
  /** 执行率: executed ÷ 资金总额, in percent, 2 places; undefined when the budget is 0 (not applicable). */
  ratePercent: Rat | undefined;
  /** elapsed − rate, in percentage points (positive: behind). */
  lagPoints: Rat | undefined;
  marginPoints: Rat;
  behind: boolean;
}

export interface Deviations {
  months: number;
  execution: ExecutionDeviation;
  indicators: IndicatorDeviation[];
  /** Indicators off track. */
  offTrack: number;
}

const meets = (t: Extract<Target, { kind: 'quantity' }>, v: Rat): boolean => {
  switch (t.op) {
    case '>=':
      return gte(v, t.value);
    case '<=':
      return lte(v, t.value);
    case '>':
      return gt(v, t.value);
    case '<':
      return lt(v, t.value);
    case '=':
      return eq(v, t.value);
    case 'range':
      return gte(v, t.value) && (t.max === undefined || lte(v, t.max));
  }
};

/** Whether `expected` meets `target`: undefined for a qualitative target, 'unit' when not comparable. */
export function expectedMeetsTarget(target: string, expected: string): boolean | 'unit' | undefined {
  const t = parseTarget(target);
  if (t.kind !== 'quantity') return undefined;
  const q = parseQuantity(expected);
  if (q === undefined) return undefined;
  if (q.percent !== t.percent) return 'unit';
  if (!t.percent && t.unit !== undefined && q.unit !== undefined && unitsDiffer(t.unit, q.unit))
    return 'unit';
  return meets(t, q.value);
}

export function indicatorDeviation(
  indicator: TargetIndicator,
  progress: IndicatorProgress | undefined,
): IndicatorDeviation {
  const base = { name: indicator.name, target: indicator.target, progress };
  if (progress === undefined)
    return { ...base, meetsTarget: undefined, issues: ['not-reported'], offTrack: true };
  const issues: IndicatorIssueCode[] = [];
  const m = expectedMeetsTarget(indicator.target, progress.expected);
  if (m === 'unit') issues.push('unit-mismatch');
  if (m === false) issues.push('target-missed');
  if (progress.likelihood === '完全不可能') issues.push('cannot-complete');
  const explained = progress.cause !== undefined;
  if ((m === false || progress.likelihood !== '确定能') && !explained) issues.push('cause-missing');
  const offTrack = issues.length > 0;
  if ((m === false || progress.likelihood === '完全不可能') && (progress.measures ?? '') === '')
    issues.push('measures-missing');
  return { ...base, meetsTarget: typeof m === 'boolean' ? m : undefined, issues, offTrack };
}

export function executionDeviation(sheet: TargetSheet, checkpoint: Checkpoint): ExecutionDeviation {
  const marginPoints =
    (sheet.executionMargin === undefined ? undefined : parseDecimal(sheet.executionMargin)) ??
    DEFAULT_EXECUTION_MARGIN;
  const elapsedPercent = percent(div(fromInt(checkpoint.months), fromInt(12)));
  const budget = parseDecimal(sheet.budget.total);
  const executed = parseDecimal(checkpoint.executed.total);
  if (budget === undefined || executed === undefined || isZero(budget))
    return { elapsedPercent, ratePercent: undefined, lagPoints: undefined, marginPoints, behind: false };
  const ratePercent = percent(div(executed, budget));
  const lagPoints = sub(elapsedPercent, ratePercent);
  return { elapsedPercent, ratePercent, lagPoints, marginPoints, behind: gt(lagPoints, marginPoints) };
}

/** Every deviation of a checkpoint against its target sheet. */
export function flagDeviations(sheet: TargetSheet, checkpoint: Checkpoint): Deviations {
  const byName = new Map(checkpoint.indicators.map((p) => [p.name, p]));
  const indicators = sheet.indicators.map((i) => indicatorDeviation(i, byName.get(i.name)));
  return {
    months: checkpoint.months,
    execution: executionDeviation(sheet, checkpoint),
    indicators,
    offTrack: indicators.filter((d) => d.offTrack).length,
  };
}

/**
 * 绩效目标申报表 and 绩效监控 (双监控) checkpoints, as stored and sent: amounts and values are the
 * exact decimal text the user typed (never floats), in the sheet's amount unit.
 */
import type { AmountUnit } from '../model.ts';

/** 偏差原因 of the official 绩效监控情况表. */
export const DEVIATION_CAUSES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;
export type DeviationCause = (typeof DEVIATION_CAUSES)[number];

/** 完成可能性. */
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** The level-1 indicator groups of a 绩效目标申报表. */
export const TARGET_LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;

/** One indicator target (一级/二级/三级指标 and 指标值, e.g. "≥2000人", "=100%", "有效提升"). */
export interface TargetIndicator {
  level1: string;
  level2: string;
  /** 三级指标: unique within the sheet; checkpoints refer to it by this name. */
  name: string;
  /** 指标值 as written. */
  target: string;
}

/** 绩效目标申报表 of a project (项目) or a department (部门整体). */
export interface TargetSheet {
  scope: 'project' | 'department';
  /** 项目名称 or 部门（单位）名称. */
  name: string;
  amountUnit: AmountUnit;
  /** 资金总额, 其中财政拨款, 其他资金 (decimal text in amountUnit). */
  budget: { total: string; fiscal: string; other: string };
  /** 年度总体目标. */
  overallGoal: string;
  indicators: TargetIndicator[];
  /** Execution may lag the time elapsed by this many percentage points before it is flagged (default 10). */
  executionMargin?: string | undefined;
}

/** An indicator's progress at a checkpoint. */
export interface IndicatorProgress {
  /** The 三级指标 of the target sheet. */
  name: string;
  /** 1–N月执行情况 (value to date), as written: "1200人", "85%". */
  toDate: string;
  /** 全年预计完成情况 (expected year-end value). */
  expected: string;
  likelihood: Likelihood;
  cause?: DeviationCause | undefined;
  /** 偏差原因 explained in words. */
  causeNote?: string | undefined;
  /** 纠偏措施. */
  measures?: string | undefined;
}

/** A monitoring checkpoint: January to `months` (1–7月 → 7; a quarter → 3, 6, 9, 12). */
export interface Checkpoint {
  months: number;
  /** 执行数 to date: total, of which 财政拨款 and 其他资金 (decimal text in the sheet's amountUnit). */
  executed: { total: string; fiscal?: string | undefined; other?: string | undefined };
  indicators: IndicatorProgress[];
  /** 总体目标完成情况 to date. */
  goalProgress?: string | undefined;
}

/** "1–7月" for 7. */
export function periodLabel(months: number): string {
  return months === 1 ? '1月' : `1–${String(months)}月`;
}

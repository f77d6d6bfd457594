/**
 * The 绩效监控情况表 as rows, for the Excel and Word exports to lay out alike: funds (全年预算数,
 * 1–N月执行数, 执行率, 序时进度), the 年度总体目标, and per indicator 年度指标值, 执行情况, 全年预计完成情况,
 * √ under its 偏差原因 and 完成可能性, 纠偏措施 and the flags.
 */
import { type Rat, div, isZero, parseDecimal } from '../decimal/index.ts';
import { type Deviations, flagDeviations } from './deviations.ts';
import { ISSUE_TEXT, executionText } from './messages.ts';
import { type Checkpoint, DEVIATION_CAUSES, LIKELIHOODS, type TargetSheet, periodLabel } from './types.ts';

export interface FundRow {
  label: string;
  annual: Rat | undefined;
  executed: Rat | undefined;
  /** Fraction; undefined when not applicable (no budget or no execution given). */
  rate: Rat | undefined;
}

export interface IndicatorRow {
  level1: string;
  level2: string;
  name: string;
  target: string;
  toDate: string;
  expected: string;
  /** '√' under the cause given, '' elsewhere (DEVIATION_CAUSES order). */
  causes: string[];
  /** '√' under the likelihood (LIKELIHOODS order). */
  likelihood: string[];
  measures: string;
  /** Flags in Chinese; '' when on track. */
  flags: string;
  offTrack: boolean;
}

export interface MonitoringTable {
  title: string;
  period: string;
  scopeLabel: string;
  name: string;
  amountUnit: string;
  funds: FundRow[];
  elapsed: Rat;
  executionBehind: boolean;
  executionText: string;
  overallGoal: string;
  goalProgress: string;
  indicators: IndicatorRow[];
  deviations: Deviations;
}

export const CAUSE_HEADERS = DEVIATION_CAUSES;
export const LIKELIHOOD_HEADERS = LIKELIHOODS;

function fund(label: string, annualText: string, executedText: string | undefined): FundRow {
  const annual = parseDecimal(annualText);
  const executed = executedText === undefined ? undefined : parseDecimal(executedText);
  const rate =
    annual === undefined || executed === undefined || isZero(annual) ? undefined : div(executed, annual);
  return { label, annual, executed, rate };
}

/** What an export of the form is told besides the sheet and the checkpoint. */
export interface MonitoringMeta {
  fiscalYear?: number;
  unitName?: string;
}

/** An export of the 绩效监控情况表 (the Excel workbook, the Word document): the file's bytes. */
export type MonitoringExport = (
  sheet: TargetSheet,
  checkpoint: Checkpoint,
  meta?: MonitoringMeta,
) => Promise<Uint8Array>;

export function monitoringTable(
  sheet: TargetSheet,
  checkpoint: Checkpoint,
  fiscalYear?: number,
): MonitoringTable {
  const d = flagDeviations(sheet, checkpoint);
  const period = periodLabel(checkpoint.months);
  const kind = sheet.scope === 'project' ? '项目支出' : '部门整体支出';
  const year = fiscalYear === undefined ? '' : `${String(fiscalYear)}年度`;
  return {
    title: `${year}${kind}绩效监控情况表（${period}）`,
    period,
    scopeLabel: sheet.scope === 'project' ? '项目名称' : '部门（单位）名称',
    name: sheet.name,
    amountUnit: sheet.amountUnit,
    funds: [
      fund('年度资金总额', sheet.budget.total, checkpoint.executed.total),
      fund('其中：财政拨款', sheet.budget.fiscal, checkpoint.executed.fiscal),
      fund('其他资金', sheet.budget.other, checkpoint.executed.other),
    ],
    elapsed: d.execution.elapsedPercent,
    executionBehind: d.execution.behind,
    executionText: executionText(d.execution),
    overallGoal: sheet.overallGoal,
    goalProgress: checkpoint.goalProgress ?? '',
    indicators: sheet.indicators.map((ind, i) => {
      const dev = d.indicators[i];
      const p = dev?.progress;
      return {
        level1: ind.level1,
        level2: ind.level2,
        name: ind.name,
        target: ind.target,
        toDate: p?.toDate ?? '',
        expected: p?.expected ?? '',
        causes: DEVIATION_CAUSES.map((c) => (p?.cause === c ? '√' : '')),
        likelihood: LIKELIHOODS.map((l) => (p?.likelihood === l ? '√' : '')),
        measures: [p?.causeNote, p?.measures].filter((s) => s !== undefined && s !== '').join('；'),
        flags: (dev?.issues ?? []).map((c) => ISSUE_TEXT[c]).join('；'),
        offTrack: dev?.offTrack ?? false,
      };
    }),
    deviations: d,
  };
}

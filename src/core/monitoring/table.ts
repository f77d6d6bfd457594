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

/** A heading of the form: `span` columns wide, with the headings `under` it in the next row if any. */
export interface TableHead {
  label: string;
  span: number;
  under?: readonly string[];
}

export interface MonitoringTable {
  title: string;
  period: string;
  scopeLabel: string;
  name: string;
  amountUnit: string;
  /** Over the funds: 资金情况, 全年预算数, 1–N月执行数, 执行率, 序时进度, 执行进度偏差. */
  fundHeads: TableHead[];
  funds: FundRow[];
  elapsed: Rat;
  executionBehind: boolean;
  executionText: string;
  overallGoal: string;
  goalProgress: string;
  /** Over the indicators, one a column two rows high but 偏差原因 and 完成目标可能性 (the headings under them). */
  indicatorHeads: TableHead[];
  indicators: IndicatorRow[];
  deviations: Deviations;
}

/** The form's width in columns (the cells of an indicator's row). */
export const MONITORING_COLUMNS = 16;

export const CAUSE_HEADERS = DEVIATION_CAUSES;
export const LIKELIHOOD_HEADERS = LIKELIHOODS;

/** An indicator's row as the form's cells, left to right. */
export function indicatorCells(ind: IndicatorRow): string[] {
  return [
    ind.level1,
    ind.level2,
    ind.name,
    ind.target,
    ind.toDate,
    ind.expected,
    ...ind.causes,
    ...ind.likelihood,
    ind.measures,
    ind.flags,
  ];
}

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
    fundHeads: [
      { label: `资金情况（${sheet.amountUnit}）`, span: 3 },
      { label: '全年预算数', span: 3 },
      { label: `${period}执行数`, span: 3 },
      { label: '执行率', span: 3 },
      { label: '序时进度', span: 2 },
      { label: '执行进度偏差', span: 2 },
    ],
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
    indicatorHeads: [
      { label: '一级指标', span: 1 },
      { label: '二级指标', span: 1 },
      { label: '三级指标', span: 1 },
      { label: '年度指标值', span: 1 },
      { label: `${period}执行情况`, span: 1 },
      { label: '全年预计完成情况', span: 1 },
      { label: '偏差原因', span: CAUSE_HEADERS.length, under: CAUSE_HEADERS },
      { label: '完成目标可能性', span: LIKELIHOOD_HEADERS.length, under: LIKELIHOOD_HEADERS },
      { label: '原因说明及纠偏措施', span: 1 },
      { label: '偏差提示', span: 1 },
    ],
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

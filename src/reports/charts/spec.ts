/**
 * What the charts show, as echarts options built from exact Rat values: every number shown is text
 * formatted from a Rat; the bar lengths are Number(that text). The options are plain JSON, so they
 * can be sent to a chart thread.
 *
 * 得分率 is a vertical bar chart for any number of groups, not a radar: level-1 得分率 usually lie
 * within a few points of each other (88–100%), which a radar squeezes into one ring, while bars
 * on a 0–100% axis with printed values read exactly; bars also suit evaluations with only 2 groups.
 */
import type { EChartsOption, TitleComponentOption } from 'echarts';
import {
  type Rat,
  div,
  eq,
  formatAmount,
  formatPercent,
  fromInt,
  isZero,
  mul,
  toFixed,
  toPlain,
} from '../../core/decimal/index.ts';
import { inAmountUnit } from '../../core/amounts.ts';
import type { AmountUnit, BudgetLine } from '../../core/model.ts';
import type { ScoreResult } from '../../core/result.ts';

/**
 * Logical chart width. Reports place charts ~15 cm wide, so a 14 px label prints at ~9 pt (小五–五号);
 * the PNG is 1200 px wide (1.875×), sharp in print. No chart title: the document's caption names it.
 */
export const WIDTH = 640;
export const PNG_WIDTH = 1200;
const BUDGET_COLOR = '#5470c6';
const EXECUTED_COLOR = '#91cc75';

/** A one-line note above the plot (the document's caption is the title). */
const note = (text: string, where: 'center' | 'right'): TitleComponentOption => ({
  text,
  [where === 'center' ? 'left' : 'right']: where === 'center' ? 'center' : 10,
  top: 6,
  textStyle: { fontSize: 14, fontWeight: 'normal', color: '#333333' },
});

/** A percentage as a chart coordinate: Number of the 2-decimal text. */
const percentValue = (ratio: Rat): number => Number(toFixed(mul(ratio, fromInt(100)), 2));

/** Room for one category label under a bar (plot width ÷ bars, less a gap). */
const bandWidth = (bars: number): number => Math.floor((WIDTH - 72) / bars) - 8;

const LINE = 19;

/** Lines under the tallest bar label: the name wrapped to its band (14 px a character) plus the weight. */
function labelLines(names: readonly string[]): number {
  const perLine = Math.max(1, Math.floor(bandWidth(names.length) / 14));
  return Math.max(...names.map((n) => Math.ceil(n.length / perLine))) + 1;
}

/** A chart's echarts option and its logical height (exported for tests). */
export interface ChartSpec {
  option: EChartsOption;
  height: number;
}

export function scoreRateSpec(result: ScoreResult): ChartSpec | undefined {
  const groups = result.roots.filter((g) => g.rate !== null);
  if (groups.length === 0) return undefined;
  const names = groups.map((g) => `${g.node.name}\n（${toPlain(g.effectiveWeight, 2)}分）`);
  const data = groups.map((g) => {
    const rate = g.rate ?? fromInt(0);
    return { value: percentValue(rate), label: { formatter: formatPercent(rate) } };
  });
  const overall = isZero(result.totalWeight) ? undefined : div(result.total, result.totalWeight);
  const option: EChartsOption = {
    ...(overall === undefined ? {} : { title: note(`总得分率 ${formatPercent(overall)}`, 'center') }),
    grid: { left: 56, right: 16, top: 64, bottom: 16 + LINE * labelLines(groups.map((g) => g.node.name)) },
    xAxis: {
      type: 'category',
      data: names,
      // Long names wrap within their band rather than overlap.
      axisLabel: {
        interval: 0,
        fontSize: 14,
        lineHeight: 19,
        width: bandWidth(groups.length),
        overflow: 'break',
      },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 20,
      axisLabel: { formatter: '{value}%' },
    },
    series: [
      {
        type: 'bar',
        name: '得分率',
        barMaxWidth: 72,
        itemStyle: { color: BUDGET_COLOR },
        // no white halo around the label (echarts' default outside a bar): it sits on white anyway,
        // and stroking glyph outlines is a sixth of the rasterising time
        label: {
          show: true,
          position: 'top',
          fontSize: groups.length > 6 ? 13 : 15,
          fontWeight: 'bold',
          textBorderWidth: 0,
        },
        data,
      },
    ],
  };
  return { option, height: 344 + LINE * labelLines(groups.map((g) => g.node.name)) };
}

interface BudgetRow {
  name: string;
  annual?: Rat | undefined;
  executed?: Rat | undefined;
}

const hasFigures = (line: BudgetLine | undefined): line is BudgetLine =>
  line !== undefined &&
  ((line.annual !== undefined && !isZero(line.annual)) ||
    (line.executed !== undefined && !isZero(line.executed)));

const sameFigures = (a: BudgetRow, b: BudgetRow): boolean =>
  (a.annual === undefined ? b.annual === undefined : b.annual !== undefined && eq(a.annual, b.annual)) &&
  (a.executed === undefined
    ? b.executed === undefined
    : b.executed !== undefined && eq(a.executed, b.executed));

/** 合计, then 基本支出/项目支出, then by source; a lone breakdown row equal to 合计 adds nothing. */
function budgetRows(result: ScoreResult): BudgetRow[] {
  const b = result.evaluation.budget;
  const total: BudgetRow = { name: '合计', annual: b.annual, executed: b.executed };
  const groups: BudgetRow[][] = [
    [
      ...(hasFigures(b.basic) ? [{ name: '基本支出', ...b.basic }] : []),
      ...(hasFigures(b.project) ? [{ name: '项目支出', ...b.project }] : []),
    ],
    b.sources.filter((s) => hasFigures(s)),
  ];
  const rows = hasFigures(b) ? [total] : [];
  for (const group of groups) {
    const only = group[0];
    if (group.length === 1 && only !== undefined && rows.length > 0 && sameFigures(only, total)) continue;
    rows.push(...group);
  }
  return rows;
}

function rowLabel(row: BudgetRow): string {
  if (row.annual === undefined || row.executed === undefined || isZero(row.annual)) return row.name;
  return `${row.name}\n执行率 ${formatPercent(div(row.executed, row.annual))}`;
}

function amountData(rows: BudgetRow[], pick: (r: BudgetRow) => Rat | undefined, unit: AmountUnit): object[] {
  return rows.map((row) => {
    const value = pick(row);
    if (value === undefined) return { value: null, label: { show: false } };
    const shown = inAmountUnit(value, unit);
    return { value: Number(toFixed(shown, 2)), label: { formatter: formatAmount(shown) } };
  });
}

/** 全年预算数 vs 全年执行数 overall, by structure and by source; undefined without budget figures. */
export function budgetSpec(result: ScoreResult): ChartSpec | undefined {
  const rows = budgetRows(result);
  if (rows.length === 0) return undefined;
  const unit = result.evaluation.amountUnit;
  const label = { show: true, position: 'right' as const, fontSize: 13, textBorderWidth: 0 };
  const bar = { type: 'bar' as const, barMaxWidth: 40, label };
  const option: EChartsOption = {
    title: note(`单位：${unit}`, 'right'),
    legend: { top: 4, itemGap: 24, textStyle: { fontSize: 14 } },
    grid: { left: 112, right: unit === '元' ? 112 : 72, top: 44, bottom: 12 },
    // No value axis: every bar prints its amount, and 元 tick labels would not fit.
    xAxis: { type: 'value', min: 0, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map(rowLabel),
      axisLabel: { interval: 0, fontSize: 14, lineHeight: 19 },
    },
    series: [
      {
        ...bar,
        name: '全年预算数',
        itemStyle: { color: BUDGET_COLOR },
        data: amountData(rows, (r) => r.annual, unit),
      },
      {
        ...bar,
        name: '全年执行数',
        itemStyle: { color: EXECUTED_COLOR },
        data: amountData(rows, (r) => r.executed, unit),
      },
    ],
  };
  return { option, height: Math.max(230, 80 + rows.length * 84) };
}

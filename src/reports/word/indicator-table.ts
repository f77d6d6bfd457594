/**
 * 指标体系评分表: the whole indicator tree as one table, a row per node, merged cells per level
 * (a group's cell spans its own row and all its descendants), with 权重, 指标值, 完成值, 评分方法,
 * 得分, 得分率 and 计分说明 (the engine's explanation). Landscape A4.
 */
import type { ScoredNode } from '../../core/result.ts';
import { methodLabel } from '../../core/scoring/registry.ts';
import type { ReportInput } from '../types.ts';
import type { Part } from './document.ts';
import { DASH, actualText, percent, score, targetText, weight } from './format.ts';
import { percentOfTotal } from './score-tables.ts';
import { LANDSCAPE_TEXT_WIDTH } from './style.ts';
import { type Cell, type Row, c, table } from './tables.ts';

const LEVEL_NAMES = ['一级指标', '二级指标', '三级指标', '四级指标', '五级指标'];

function size(n: ScoredNode): number {
  return 1 + n.children.reduce((k, x) => k + size(x), 0);
}

function depth(nodes: readonly ScoredNode[]): number {
  return nodes.reduce((d, n) => Math.max(d, n.children.length > 0 ? 1 + depth(n.children) : 1), 0);
}

function method(n: ScoredNode): string {
  if (n.children.length > 0) return '合计';
  if (n.status === 'not-applicable') return '不适用';
  const label = n.node.method ? methodLabel(n.node.method.type) : DASH;
  return n.status === 'override' ? `${label}（调整）` : label;
}

function tail(n: ScoredNode): Cell[] {
  const leaf = n.children.length === 0;
  return [
    c(weight(n.effectiveWeight)),
    c(leaf ? targetText(n) : ''),
    c(leaf ? actualText(n) : ''),
    c(method(n)),
    c(score(n.score), { bold: !leaf }),
    c(percent(n.rate)),
    c(n.explanation, { align: 'left' }),
  ];
}

function rows(nodes: readonly ScoredNode[], levels: number, out: Row[]): void {
  for (const n of nodes) {
    const k = Math.min(n.node.level, levels);
    const name = `${n.node.code} ${n.node.name}`;
    const own: Cell[] =
      n.children.length > 0
        ? [
            c(name, { rowSpan: size(n), align: 'left' }),
            ...(k < levels ? [c('小计', { colSpan: levels - k })] : []),
          ]
        : [c(name, { colSpan: levels - k + 1, align: 'left' })];
    out.push([...own, ...tail(n)]);
    rows(n.children, levels, out);
  }
}

export function indicatorTable(input: ReportInput): { title: string; parts: Part[] } {
  const result = input.result;
  const ev = result.evaluation;
  const levels = Math.min(depth(result.roots), LEVEL_NAMES.length);
  const head: Row = [
    ...LEVEL_NAMES.slice(0, levels).map((l) => c(l)),
    ...['权重', '指标值', '完成值', '评分方法', '得分', '得分率', '计分说明'].map((l) => c(l)),
  ];
  const body: Row[] = [];
  rows(result.roots, levels, body);
  const total: Row = [
    c('总计', { colSpan: levels, bold: true }),
    c(weight(result.totalWeight), { bold: true }),
    c('', { colSpan: 3 }),
    c(score(result.total), { bold: true }),
    c(percentOfTotal(result), { bold: true }),
    c(`评价等级：${result.grade}`, { bold: true, align: 'left' }),
  ];
  const levelWidth = (i: number): number => (i === levels - 1 ? 2.4 : 1.5);
  const widths = [
    ...LEVEL_NAMES.slice(0, levels).map((_, i) => levelWidth(i)),
    0.7,
    2,
    1.6,
    1.1,
    0.8,
    1.2,
    4.2,
  ];
  const kind = ev.project ? `“${ev.project.name}”项目` : '部门整体支出';
  return {
    title: `${ev.unit.name}${ev.fiscalYear}年度${kind}绩效评价指标体系评分表`,
    parts: [
      { landscape: true, children: [table([head, ...body, total], { widths, width: LANDSCAPE_TEXT_WIDTH })] },
    ],
  };
}

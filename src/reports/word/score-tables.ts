/** Score tables: the summary per level-1 group, the units side by side, a group's indicators. */
import type { Table } from 'docx';
import type { ScoreResult, ScoredNode } from '../../core/result.ts';
import { actualText, percent, score, weight } from './format.ts';
import { leaves } from './indicator-text.ts';
import { type Row, c, table } from './tables.ts';

/** 指标 | 分值 | 得分 | 得分率 per level-1 group, then 总计 (seed 002's summary table). */
export function summaryTable(result: ScoreResult): Table {
  const rows: Row[] = [
    [c('指标'), c('分值'), c('得分'), c('得分率')],
    ...result.roots.map((g): Row => [
      c(g.node.name),
      c(weight(g.effectiveWeight)),
      c(score(g.score)),
      c(percent(g.rate)),
    ]),
    [
      c('总计', { bold: true }),
      c(weight(result.totalWeight), { bold: true }),
      c(score(result.total), { bold: true }),
      c(percentOfTotal(result), { bold: true }),
    ],
    [c('评价等级', { bold: true }), c(result.grade, { colSpan: 3, bold: true })],
  ];
  return table(rows, { widths: [3, 1.5, 1.5, 1.5] });
}

export function percentOfTotal(result: ScoreResult): string {
  return result.totalWeight.n === 0n
    ? '—'
    : percent({ n: result.total.n * result.totalWeight.d, d: result.total.d * result.totalWeight.n });
}

export interface NamedResult {
  name: string;
  result: ScoreResult;
}

/** Rows: the department and each unit; columns: the level-1 groups (by name), 总分, 等级. */
export function unitsTable(all: readonly NamedResult[]): Table {
  const groups: string[] = [];
  for (const { result } of all)
    for (const g of result.roots) if (!groups.includes(g.node.name)) groups.push(g.node.name);
  const cell = (r: ScoreResult, name: string): string => {
    const g = r.roots.find((x) => x.node.name === name);
    return g ? score(g.score) : '—';
  };
  const rows: Row[] = [
    [c('单位'), ...groups.map((g) => c(g)), c('总分'), c('等级')],
    ...all.map(({ name, result }): Row => [
      c(name, { align: 'left' }),
      ...groups.map((g) => c(cell(result, g))),
      c(score(result.total), { bold: true }),
      c(result.grade),
    ]),
  ];
  return table(rows, { widths: [3, ...groups.map(() => 1.4), 1.2, 1] });
}

/** 指标名称 | 分值 | 业绩值 | 得分 for one level-1 group: level-2 rows in bold, leaves below, 合计. */
export function groupTable(g: ScoredNode): Table {
  const rows: Row[] = [[c('指标名称'), c('分值'), c('业绩值'), c('得分')]];
  const leafRow = (n: ScoredNode): Row => [
    c(n.node.name, { align: 'left' }),
    c(weight(n.effectiveWeight)),
    c(actualText(n)),
    c(score(n.score)),
  ];
  for (const child of g.children) {
    if (child.children.length === 0) {
      rows.push(leafRow(child));
      continue;
    }
    rows.push([
      c(child.node.name, { align: 'left', bold: true }),
      c(weight(child.effectiveWeight), { bold: true }),
      c(''),
      c(score(child.score), { bold: true }),
    ]);
    for (const leaf of leaves(child)) rows.push(leafRow(leaf));
  }
  rows.push([
    c('合计', { bold: true }),
    c(weight(g.effectiveWeight), { bold: true }),
    c(''),
    c(score(g.score), { bold: true }),
  ]);
  return table(rows, { widths: [4, 1, 2.6, 1] });
}

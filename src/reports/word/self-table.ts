/**
 * 绩效自评表 in the shape of seed 003's annex and the 财预〔2020〕10号 form: 单位名称, 资金情况
 * (全年预算数 / 全年执行数 / 执行率 by source and structure), 年度总体目标 set vs achieved, then the
 * indicator rows with merged level cells and the 总分 row. Landscape A4.
 */
import type { BudgetLine, Evaluation } from '../../core/model.ts';
import type { ScoredNode } from '../../core/result.ts';
import { type ReportInput, SELF_TABLE_HEADER } from '../types.ts';
import type { Part } from './document.ts';
import { gap } from './style.ts';
import { DASH, amount, cleanNote, rateOf, score, targetText, actualText, weight } from './format.ts';
import { leaves } from './indicator-text.ts';
import { LANDSCAPE_TEXT_WIDTH } from './style.ts';
import { type Row, c, table } from './tables.ts';

/**
 * 一级 · 二级 · 三级指标 · 年度指标值 · 全年完成值 · 分值 · 得分 · 偏差原因分析及改进措施, in the 10号 form's
 * proportions: the target and actual columns wide enough that a target fits on one or two lines.
 */
const WIDTHS = [1.6, 1.8, 2.1, 2.8, 2.0, 0.7, 0.8, 3.0];

function fundLines(ev: Evaluation): [string, BudgetLine][] {
  const b = ev.budget;
  const lines: [string, BudgetLine][] = [['年度资金总额', b]];
  for (const s of b.sources) lines.push([`其中：${s.name}`, s]);
  if (b.basic) lines.push(['按结构：基本支出', b.basic]);
  if (b.project) lines.push(['按结构：项目支出', b.project]);
  return lines;
}

function headerRows(ev: Evaluation): Row[] {
  const funds = fundLines(ev);
  const rows: Row[] = [[c('单位名称', { colSpan: 2 }), c(ev.unit.name, { colSpan: 6, align: 'left' })]];
  if (ev.project)
    rows.push([c('项目名称', { colSpan: 2 }), c(ev.project.name, { colSpan: 6, align: 'left' })]);
  rows.push([
    c(`资金情况\n（${ev.amountUnit}）`, { colSpan: 2, rowSpan: funds.length + 1, valign: 'center' }),
    c('', { colSpan: 2 }),
    c('全年预算数'),
    c('全年执行数', { colSpan: 2 }),
    c('执行率'),
  ]);
  for (const [label, l] of funds)
    rows.push([
      c(label, { colSpan: 2, align: 'left' }),
      c(amount(ev, l.annual), { align: 'right' }),
      c(amount(ev, l.executed), { colSpan: 2, align: 'right' }),
      c(rateOf(l.executed, l.annual), { align: 'right' }),
    ]);
  rows.push([
    c('年度总体目标', { colSpan: 2, rowSpan: 2, valign: 'center' }),
    c('预期目标', { colSpan: 3 }),
    c('实际完成情况', { colSpan: 3 }),
  ]);
  rows.push([
    c(ev.goals?.overall ?? '—', { colSpan: 3, align: 'left' }),
    c(ev.goals?.achieved ?? '—', { colSpan: 3, align: 'left' }),
  ]);
  return rows;
}

/** Deviation and measures as given; a dash when the evaluation has none (no deviation to explain). */
function note(n: ScoredNode): string {
  const text = [cleanNote(n.node.deviation), cleanNote(n.node.measures)]
    .filter((x) => x)
    .join('；改进措施：');
  return text === '' ? DASH : text;
}

/** The leaf's own cells after the level columns. */
function values(n: ScoredNode): Row {
  const text = note(n);
  return [
    c(targetText(n)),
    c(actualText(n)),
    c(weight(n.effectiveWeight)),
    c(score(n.score)),
    c(text, { align: text === DASH ? 'center' : 'left' }),
  ];
}

/** The leaves under a level-2 group with their names from level 3 down ("子项—指标" when deeper). */
function namedLeaves(s: ScoredNode): { leaf: ScoredNode; name: string }[] {
  const walk = (n: ScoredNode, names: string[]): { leaf: ScoredNode; name: string }[] =>
    n.children.length === 0
      ? [{ leaf: n, name: [...names, n.node.name].join('—') }]
      : n.children.flatMap((k) => walk(k, n === s ? [] : [...names, n.node.name]));
  return walk(s, []);
}

function indicatorRows(roots: readonly ScoredNode[]): Row[] {
  const rows: Row[] = [];
  for (const g of roots) {
    const gCell = c(`${g.node.name}\n（${weight(g.effectiveWeight)}）`, { rowSpan: leaves(g).length });
    if (g.children.length === 0) {
      rows.push([gCell, c('—', { colSpan: 2 }), ...values(g)]);
      continue;
    }
    g.children.forEach((s, i) => {
      const first = i === 0 ? [gCell] : [];
      const ls = leaves(s);
      if (s.children.length === 0) {
        rows.push([...first, c(s.node.name, { colSpan: 2 }), ...values(s)]);
        return;
      }
      const sCell = c(`${s.node.name}\n（${weight(s.effectiveWeight)}）`, { rowSpan: ls.length });
      namedLeaves(s).forEach(({ leaf, name }, j) => {
        rows.push([...(j === 0 ? [...first, sCell] : []), c(name, { align: 'left' }), ...values(leaf)]);
      });
    });
  }
  return rows;
}

const INDICATOR_HEAD = SELF_TABLE_HEADER;

export function selfTable(input: ReportInput): { title: string; parts: Part[] } {
  const result = input.result;
  const ev = result.evaluation;
  const indicators: Row[] = [
    INDICATOR_HEAD.map((h) => c(h)),
    ...indicatorRows(result.roots),
    [
      c('总分', { colSpan: 5, bold: true }),
      c(weight(result.totalWeight), { bold: true }),
      c(score(result.total), { bold: true }),
      c(`评价等级：${result.grade}`, { bold: true }),
    ],
  ];
  const opts = { widths: WIDTHS, width: LANDSCAPE_TEXT_WIDTH };
  const kind = ev.project ? '项目支出' : '部门整体支出';
  return {
    title: `${ev.fiscalYear}年度${kind}绩效自评表`,
    parts: [
      {
        landscape: true,
        // two tables so the indicator header repeats on every page; the gap keeps Word from joining them
        children: [
          table(headerRows(ev), { ...opts, headerRows: 0 }),
          gap(),
          table(indicators, { ...opts, headerRows: 1 }),
        ],
      },
    ],
  };
}

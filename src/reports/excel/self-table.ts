/**
 * 绩效自评表 (财预〔2020〕10号 form, seed 003's annex): funds by source and structure with 执行率,
 * 年度总体目标 set vs achieved, then one row per leaf indicator with its levels merged, and 总分.
 * A department with units gets one such sheet per unit, named by the unit.
 */
import ExcelJS from 'exceljs';
import { type Rat, div, isZero, toPlain } from '../../core/decimal/index.ts';
import type { BudgetLine, Evaluation } from '../../core/model.ts';
import type { ScoredNode, ScoreResult } from '../../core/result.ts';
import { REPORT_NAMES, type ReportInput, SELF_TABLE_HEADER } from '../types.ts';
import { SheetNames } from './sheet-names.ts';
import { actualText, deviationText, groupTitle, inUnit, targetText } from './text.ts';
import {
  frame,
  headerRow,
  mergedText,
  printSetup,
  setAmount,
  setPercent,
  setScore,
  setText,
  titleRow,
  toBytes,
} from './style.ts';

const WIDTH = 8;
const COLUMNS = [14, 16, 22, 16, 16, 9, 9, 30];
export { SELF_TABLE_HEADER };

function title(ev: Evaluation): string {
  const kind =
    ev.kind === 'project' ? '项目支出' : ev.kind === 'department' ? '部门整体支出' : '单位整体支出';
  return `${ev.fiscalYear}年度${kind}${REPORT_NAMES['self-table']}`;
}

function unitRows(ws: ExcelJS.Worksheet, ev: Evaluation, row: number): number {
  mergedText(ws, row, 1, 1, ev.kind === 'project' ? '项目名称' : '单位名称', true);
  mergedText(ws, row, 2, WIDTH, ev.project?.name ?? ev.unit.name);
  if (ev.kind !== 'project') return row + 1;
  mergedText(ws, row + 1, 1, 1, '实施单位', true);
  mergedText(ws, row + 1, 2, WIDTH, ev.unit.name);
  return row + 2;
}

interface FundLine {
  name: string;
  line: BudgetLine | undefined;
}

function fundLines(ev: Evaluation): FundLine[] {
  const b = ev.budget;
  return [
    { name: '年度资金总额', line: b },
    ...b.sources.map((s) => ({ name: `其中：${s.name}`, line: s })),
    { name: '按支出结构：基本支出', line: b.basic },
    { name: '按支出结构：项目支出', line: b.project },
  ];
}

function executionRate(line: BudgetLine | undefined): Rat | null {
  const annual = line?.annual;
  const executed = line?.executed;
  if (annual === undefined || executed === undefined || isZero(annual)) return null;
  return div(executed, annual);
}

/** 资金情况: one row per total, source and structure with 全年预算数 / 全年执行数 / 执行率. */
function fundRows(ws: ExcelJS.Worksheet, ev: Evaluation, row: number): number {
  const lines = fundLines(ev);
  const last = row + lines.length;
  ws.mergeCells(row, 1, last, 1);
  mergedText(ws, row, 1, 1, `资金情况（${ev.amountUnit}）`, true);
  mergedText(ws, row, 2, 3, '项目', true);
  mergedText(ws, row, 4, 4, '全年预算数', true);
  mergedText(ws, row, 5, 5, '全年执行数', true);
  mergedText(ws, row, 6, 7, '执行率', true);
  mergedText(ws, row, 8, 8, '备注', true);
  lines.forEach((l, i) => {
    const r = row + 1 + i;
    mergedText(ws, r, 2, 3, l.name);
    setAmount(ws.getCell(r, 4), inUnit(ev, l.line?.annual));
    setAmount(ws.getCell(r, 5), inUnit(ev, l.line?.executed));
    ws.mergeCells(r, 6, r, 7);
    setPercent(ws.getCell(r, 6), executionRate(l.line));
  });
  return last + 1;
}

function goalRows(ws: ExcelJS.Worksheet, ev: Evaluation, row: number): number {
  ws.mergeCells(row, 1, row + 1, 1);
  mergedText(ws, row, 1, 1, '年度总体目标', true);
  mergedText(ws, row, 2, 5, '预期目标', true);
  mergedText(ws, row, 6, WIDTH, '实际完成情况', true);
  mergedText(ws, row + 1, 2, 5, ev.goals?.overall ?? '');
  mergedText(ws, row + 1, 6, WIDTH, ev.goals?.achieved ?? '');
  ws.getRow(row + 1).height = 60;
  return row + 2;
}

interface LeafRow {
  path: ScoredNode[]; // ancestors then the leaf
}

function leafRows(roots: readonly ScoredNode[]): LeafRow[] {
  const out: LeafRow[] = [];
  const walk = (s: ScoredNode, path: ScoredNode[]): void => {
    const p = [...path, s];
    if (s.children.length === 0) out.push({ path: p });
    else
      s.children.forEach((c) => {
        walk(c, p);
      });
  };
  roots.forEach((r) => {
    walk(r, []);
  });
  return out;
}

function nameAt(path: ScoredNode[], depth: number): string {
  const s = path[depth];
  if (s === undefined) return '';
  return s.children.length > 0 ? groupTitle(s.node, toPlain(s.effectiveWeight, 4)) : s.node.name;
}

/** Merge runs of the same group in column `col` (levels 1 and 2). */
function mergeRuns(ws: ExcelJS.Worksheet, rows: LeafRow[], start: number, depth: number): void {
  let i = 0;
  while (i < rows.length) {
    const node = rows[i]?.path[depth];
    let j = i;
    while (j + 1 < rows.length && node !== undefined && rows[j + 1]?.path[depth] === node) j++;
    const isGroup = node !== undefined && node.children.length > 0;
    if (isGroup && j > i) ws.mergeCells(start + i, depth + 1, start + j, depth + 1);
    i = j + 1;
  }
}

function indicatorRow(ws: ExcelJS.Worksheet, r: number, row: LeafRow): void {
  const leaf = row.path[row.path.length - 1];
  if (leaf === undefined) return;
  const depth = row.path.length - 1;
  for (let d = 0; d < Math.min(depth, 2); d++) setText(ws.getCell(r, d + 1), nameAt(row.path, d));
  // The leaf takes the column of its level; a shallow leaf spans the level columns up to 三级指标.
  const col = Math.min(depth, 2) + 1;
  const name =
    depth > 2
      ? row.path
          .slice(2)
          .map((s) => s.node.name)
          .join(' — ')
      : leaf.node.name;
  setText(ws.getCell(r, col), name);
  if (col < 3) ws.mergeCells(r, col, r, 3);
  setText(ws.getCell(r, 4), targetText(leaf.node));
  setText(ws.getCell(r, 5), actualText(leaf));
  setScore(ws.getCell(r, 6), leaf.effectiveWeight);
  setScore(ws.getCell(r, 7), leaf.score);
  setText(ws.getCell(r, 8), deviationText(leaf.node));
}

function totalRow(ws: ExcelJS.Worksheet, result: ScoreResult, r: number): void {
  mergedText(ws, r, 1, 5, '总分', true);
  setScore(ws.getCell(r, 6), result.totalWeight);
  setScore(ws.getCell(r, 7), result.total);
  mergedText(ws, r, 8, 8, `评价等级：${result.grade}`);
}

function selfTableSheet(wb: ExcelJS.Workbook, result: ScoreResult, name: string): void {
  const ev = result.evaluation;
  const ws = wb.addWorksheet(name);
  ws.columns = COLUMNS.map((width) => ({ width }));
  titleRow(ws, 1, WIDTH, title(ev));
  mergedText(ws, 2, 1, WIDTH, `金额单位：${ev.amountUnit}`);
  ws.getCell(2, 1).alignment = { horizontal: 'right' };
  let row = unitRows(ws, ev, 3);
  row = fundRows(ws, ev, row);
  row = goalRows(ws, ev, row);
  const header = row;
  headerRow(ws, header, SELF_TABLE_HEADER);
  const rows = leafRows(result.roots);
  rows.forEach((l, i) => {
    indicatorRow(ws, header + 1 + i, l);
  });
  mergeRuns(ws, rows, header + 1, 0);
  mergeRuns(ws, rows, header + 1, 1);
  const total = header + 1 + rows.length;
  totalRow(ws, result, total);
  frame(ws, 3, total, 1, WIDTH);
  printSetup(ws, `${header}:${header}`, false);
}

/** One 自评表 sheet; a department with units: one per unit (the department first), named by unit. */
export async function renderSelfTable(input: ReportInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const units = input.units ?? [];
  if (units.length === 0) selfTableSheet(wb, input.result, REPORT_NAMES['self-table']);
  else {
    const names = new SheetNames();
    for (const r of [input.result, ...units.map((u) => u.result)])
      selfTableSheet(wb, r, names.next(r.evaluation.unit.name));
  }
  return toBytes(wb);
}

/**
 * 汇总: a department and its units side by side (seed 001) — one row per unit, for each level-1
 * group its score and 得分率, then 总分 and 评价等级.
 */
import type ExcelJS from 'exceljs';
import { type Rat, eq, toFixed, toPlain } from '../../core/decimal/index.ts';
import type { ScoredNode, ScoreResult } from '../../core/result.ts';
import { DASH, FONT_HEAD, FMT_PERCENT, frame, printSetup, setText, titleRow } from './style.ts';

export const SUMMARY_SHEET = '汇总';
/** Scores on 汇总 as plain 2-decimal numbers. */
export const FMT_SCORE = '0.00';

interface Group {
  name: string;
  /** The group's weight when every unit gives it the same, else undefined. */
  weight: Rat | undefined;
}

/** Level-1 groups by name, in order of first appearance across the units. */
function groups(results: readonly ScoreResult[]): Group[] {
  const out: Group[] = [];
  for (const r of results) {
    for (const s of r.roots) {
      const g = out.find((x) => x.name === s.node.name);
      if (g === undefined) out.push({ name: s.node.name, weight: s.effectiveWeight });
      else if (g.weight !== undefined && !eq(g.weight, s.effectiveWeight)) g.weight = undefined;
    }
  }
  return out;
}

function score(cell: ExcelJS.Cell, value: Rat | undefined): void {
  if (value === undefined) {
    setText(cell, DASH);
    return;
  }
  cell.value = Number(toFixed(value, 2));
  cell.numFmt = FMT_SCORE;
}

function rate(cell: ExcelJS.Cell, value: Rat | null | undefined): void {
  if (value === null || value === undefined) {
    setText(cell, DASH);
    return;
  }
  cell.value = Number(toFixed(value, 4));
  cell.numFmt = FMT_PERCENT;
}

function head(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number, text: string): void {
  if (r2 > r1 || c2 > c1) ws.mergeCells(r1, c1, r2, c2);
  const cell = ws.getCell(r1, c1);
  setText(cell, text);
  cell.font = FONT_HEAD;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

function unitRow(ws: ExcelJS.Worksheet, r: number, result: ScoreResult, list: readonly Group[]): void {
  setText(ws.getCell(r, 1), result.evaluation.unit.name);
  list.forEach((g, i) => {
    const s: ScoredNode | undefined = result.roots.find((x) => x.node.name === g.name);
    score(ws.getCell(r, 2 + 2 * i), s?.score);
    rate(ws.getCell(r, 3 + 2 * i), s === undefined ? undefined : s.rate);
  });
  const c = 2 + 2 * list.length;
  score(ws.getCell(r, c), result.total);
  setText(ws.getCell(r, c + 1), result.grade);
}

/** The 汇总 sheet; `results` are the department first, then its units. */
export function summarySheet(wb: ExcelJS.Workbook, results: readonly ScoreResult[]): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  const list = groups(results);
  const width = 3 + 2 * list.length;
  ws.columns = [
    { width: 28 },
    ...list.flatMap(() => [{ width: 10 }, { width: 10 }]),
    { width: 10 },
    { width: 10 },
  ];
  const year = results[0]?.evaluation.fiscalYear ?? '';
  titleRow(ws, 1, width, `${year}年度绩效评价得分汇总表`);
  head(ws, 2, 1, 3, 1, '单位');
  list.forEach((g, i) => {
    const c = 2 + 2 * i;
    head(ws, 2, c, 2, c + 1, g.weight === undefined ? g.name : `${g.name}（${toPlain(g.weight, 4)}分）`);
    head(ws, 3, c, 3, c, '得分');
    head(ws, 3, c + 1, 3, c + 1, '得分率');
  });
  head(ws, 2, width - 1, 3, width - 1, '总分');
  head(ws, 2, width, 3, width, '评价等级');
  results.forEach((r, i) => {
    unitRow(ws, 4 + i, r, list);
  });
  frame(ws, 2, 3 + results.length, 1, width);
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
  printSetup(ws, '2:3', true);
}

/**
 * 绩效评价指标体系评分表: the whole tree on one sheet, one row per node in pre-order, each level's
 * name merged down over its descendants; a second sheet with the audit findings (审核发现).
 * A department with units: first 汇总 comparing them, then one sheet per unit named by the unit.
 */
import ExcelJS from 'exceljs';
import { FINDING_KINDS, type Finding, type Severity } from '../../core/audit/index.ts';
import type { ScoredNode, ScoreResult } from '../../core/result.ts';
import { REPORT_NAMES, type ReportInput } from '../types.ts';
import { SheetNames } from './sheet-names.ts';
import { SUMMARY_SHEET, summarySheet } from './summary.ts';
import { actualText, methodText, targetText } from './text.ts';
import {
  FONT_HEAD,
  frame,
  headerRow,
  printSetup,
  setPercent,
  setScore,
  setText,
  titleRow,
  toBytes,
} from './style.ts';

export const INDICATOR_HEADER = [
  '代码',
  '一级指标',
  '二级指标',
  '三级指标',
  '权重',
  '指标值',
  '完成值',
  '评分方法',
  '得分',
  '得分率',
  '计分说明',
] as const;
const COLUMNS = [8, 14, 16, 22, 8, 14, 14, 12, 9, 10, 48];
const WIDTH = INDICATOR_HEADER.length;
const LEVEL_COLUMNS = 3; // 一级 · 二级 · 三级 (deeper levels share the 三级 column)

const SEVERITY: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** Rows this node and its descendants take. */
function span(s: ScoredNode): number {
  return 1 + s.children.reduce((n, c) => n + span(c), 0);
}

function nodeRow(ws: ExcelJS.Worksheet, r: number, s: ScoredNode): void {
  const level = s.node.level;
  const col = 1 + Math.min(level, LEVEL_COLUMNS); // column of this level's name
  setText(ws.getCell(r, 1), s.node.code);
  const prefix = level > LEVEL_COLUMNS ? '　'.repeat(level - LEVEL_COLUMNS) : '';
  setText(ws.getCell(r, col), prefix + s.node.name);
  if (s.children.length > 0) {
    // A group's own row: its name merged down, "小计" in the columns to its right.
    const rows = span(s);
    if (level <= LEVEL_COLUMNS && rows > 1) ws.mergeCells(r, col, r + rows - 1, col);
    if (col < 1 + LEVEL_COLUMNS) {
      ws.mergeCells(r, col + 1, r, 1 + LEVEL_COLUMNS);
      setText(ws.getCell(r, col + 1), '小计');
    }
  } else if (col < 1 + LEVEL_COLUMNS) {
    ws.mergeCells(r, col, r, 1 + LEVEL_COLUMNS);
  }
  setScore(ws.getCell(r, 5), s.effectiveWeight);
  setText(ws.getCell(r, 6), targetText(s.node));
  setText(ws.getCell(r, 7), s.children.length > 0 ? '' : actualText(s));
  setText(ws.getCell(r, 8), methodText(s));
  setScore(ws.getCell(r, 9), s.score);
  setPercent(ws.getCell(r, 10), s.rate);
  setText(ws.getCell(r, 11), s.explanation);
  if (s.children.length > 0) for (let c = 5; c <= WIDTH; c++) ws.getCell(r, c).font = FONT_HEAD;
}

function treeRows(ws: ExcelJS.Worksheet, roots: readonly ScoredNode[], start: number): number {
  let r = start;
  const walk = (s: ScoredNode): void => {
    nodeRow(ws, r++, s);
    s.children.forEach(walk);
  };
  roots.forEach(walk);
  return r;
}

function totalRow(ws: ExcelJS.Worksheet, result: ScoreResult, r: number): void {
  ws.mergeCells(r, 1, r, 4);
  setText(ws.getCell(r, 1), '总分');
  setScore(ws.getCell(r, 5), result.totalWeight);
  ws.mergeCells(r, 6, r, 8);
  setText(ws.getCell(r, 6), `评价等级：${result.grade}`);
  setScore(ws.getCell(r, 9), result.total);
  for (let c = 1; c <= WIDTH; c++) ws.getCell(r, c).font = FONT_HEAD;
}

export const INDICATORS_SHEET = '指标体系评分表';
const FINDINGS_SHEET = '审核发现';

function indicatorSheet(wb: ExcelJS.Workbook, result: ScoreResult, name: string): void {
  const ev = result.evaluation;
  const ws = wb.addWorksheet(name);
  ws.columns = COLUMNS.map((width) => ({ width }));
  titleRow(ws, 1, WIDTH, `${ev.fiscalYear}年度${REPORT_NAMES.indicators}`);
  ws.mergeCells(2, 1, 2, WIDTH);
  setText(ws.getCell(2, 1), `评价对象：${ev.project?.name ?? ev.unit.name}`);
  headerRow(ws, 3, INDICATOR_HEADER);
  const total = treeRows(ws, result.roots, 4);
  totalRow(ws, result, total);
  frame(ws, 3, total, 1, WIDTH);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  printSetup(ws, '3:3', true);
}

export const FINDINGS_HEADER = ['严重程度', '类型', '位置', '说明', '所述值', '复算值'] as const;

function findingsSheet(wb: ExcelJS.Workbook, findings: readonly Finding[]): void {
  const ws = wb.addWorksheet(FINDINGS_SHEET);
  ws.columns = [10, 26, 18, 60, 14, 14].map((width) => ({ width }));
  headerRow(ws, 1, FINDINGS_HEADER);
  findings.forEach((f, i) => {
    const r = i + 2;
    setText(ws.getCell(r, 1), SEVERITY[f.severity]);
    setText(ws.getCell(r, 2), FINDING_KINDS[f.kind]);
    setText(ws.getCell(r, 3), f.location);
    setText(ws.getCell(r, 4), f.message);
    setText(ws.getCell(r, 5), f.stated ?? '');
    setText(ws.getCell(r, 6), f.computed ?? '');
  });
  if (findings.length === 0) {
    ws.mergeCells(2, 1, 2, FINDINGS_HEADER.length);
    setText(ws.getCell(2, 1), '未发现问题');
  }
  frame(ws, 1, Math.max(2, findings.length + 1), 1, FINDINGS_HEADER.length);
  printSetup(ws, '1:1', true);
}

/** A unit's findings, their location prefixed with the unit's name. */
function unitFindings(result: ScoreResult, findings: readonly Finding[]): Finding[] {
  const unit = result.evaluation.unit.name;
  return findings.map((f) => ({ ...f, location: f.location === '' ? unit : `${unit}：${f.location}` }));
}

export async function renderIndicators(input: ReportInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const units = input.units ?? [];
  if (units.length === 0) {
    indicatorSheet(wb, input.result, INDICATORS_SHEET);
    findingsSheet(wb, input.findings);
    return toBytes(wb);
  }
  const all = [{ result: input.result, findings: input.findings }, ...units];
  summarySheet(
    wb,
    all.map((u) => u.result),
  );
  const names = new SheetNames([SUMMARY_SHEET, FINDINGS_SHEET]);
  for (const u of all) indicatorSheet(wb, u.result, names.next(u.result.evaluation.unit.name));
  findingsSheet(
    wb,
    all.flatMap((u) => unitFindings(u.result, u.findings)),
  );
  return toBytes(wb);
}

/**
 * The template's 问卷 and 问卷选项 sheets, pre-filled from an evaluation's surveys: one row per
 * question with one column per answer level (its share or count), and the levels' weights.
 */
import type ExcelJS from 'exceljs';
import type { EvaluationInput } from '../../core/schema/evaluation.ts';
import { frame } from '../../reports/excel/style.ts';
import { LEVEL_COLUMNS, SHEETS, SURVEY_COLUMNS, SURVEY_RATE } from './layout.ts';
import { writeColumns, writeShare, writeValue } from './write.ts';

type Survey = NonNullable<EvaluationInput['surveys']>[number];
type Question = Survey['questions'][number];

/** The core's default answer levels (非常满意 1, 满意 0.5, 一般 0.25, 不满意 0). */
export const DEFAULT_LEVEL_LABELS = ['非常满意', '满意', '一般', '不满意'] as const;
/** Blank question rows left in an empty template. */
const BLANK_ROWS = 20;

/** Every level label used by the surveys, in order of first use; the defaults when none. */
export function levelLabels(surveys: readonly Survey[]): string[] {
  const labels: string[] = [];
  const use = (l: string): void => {
    if (!labels.includes(l)) labels.push(l);
  };
  for (const s of surveys) {
    s.levels?.forEach((l) => {
      use(l.label);
    });
    for (const q of s.questions) Object.keys(q.shares ?? q.counts ?? {}).forEach(use);
  }
  return labels.length > 0 ? labels : [...DEFAULT_LEVEL_LABELS];
}

function questionRow(ws: ExcelJS.Worksheet, r: number, s: Survey, q: Question, labels: string[]): void {
  const cell = (c: number): ExcelJS.Cell => ws.getCell(r, c);
  writeValue(cell(1), s.id);
  writeValue(cell(2), s.name);
  writeValue(cell(3), s.respondents);
  writeValue(cell(4), q.id);
  writeValue(cell(5), q.text);
  labels.forEach((l, i) => {
    const c = cell(SURVEY_COLUMNS.length + 1 + i);
    if (q.shares?.[l] !== undefined) writeShare(c, q.shares[l]);
    else writeValue(c, q.counts?.[l]);
  });
  writeShare(cell(SURVEY_COLUMNS.length + labels.length + 1), q.rate);
}

function surveySheet(wb: ExcelJS.Workbook, surveys: readonly Survey[]): void {
  const ws = wb.addWorksheet(SHEETS.surveys);
  const labels = levelLabels(surveys);
  const levelNote =
    '该选项的份数（整数，如 45）或占比（如 86.54%）；同一题只用一种；表头为选项名称，可修改或增加列';
  const columns = [
    ...SURVEY_COLUMNS,
    ...labels.map((l) => ({ header: l, width: 10, note: levelNote })),
    SURVEY_RATE,
  ];
  writeColumns(ws, columns);
  let r = 2;
  for (const s of surveys) for (const q of s.questions) questionRow(ws, r++, s, q, labels);
  frame(ws, 1, Math.max(r - 1, 1 + BLANK_ROWS), 1, columns.length);
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
}

function levelSheet(wb: ExcelJS.Workbook, surveys: readonly Survey[]): void {
  const ws = wb.addWorksheet(SHEETS.surveyLevels);
  writeColumns(ws, LEVEL_COLUMNS);
  let r = 2;
  for (const s of surveys) {
    for (const l of s.levels ?? []) {
      writeValue(ws.getCell(r, 1), s.id);
      writeValue(ws.getCell(r, 2), l.label);
      writeShare(ws.getCell(r, 3), l.weight);
      r++;
    }
  }
  frame(ws, 1, Math.max(r - 1, 1 + DEFAULT_LEVEL_LABELS.length), 1, LEVEL_COLUMNS.length);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export function surveySheets(wb: ExcelJS.Workbook, from: EvaluationInput | undefined): void {
  const surveys = from?.surveys ?? [];
  surveySheet(wb, surveys);
  levelSheet(wb, surveys);
}

/**
 * The summary of checking many reports at once (`jixiao check FOLDER --summary x.xlsx`): one row
 * per unit of each file — what the report states, what it adds up to, how many findings — and the
 * findings themselves, quoted, as an Excel workbook with two sheets, 汇总 and 问题清单. The rows are
 * also what the CLI prints as its summary table, so both show the same thing.
 */
import type ExcelJS from 'exceljs';
import { BORDER } from '../reports/excel/style.ts';
import type { CheckFinding, CheckReport, Severity } from './check.ts';

/** One file of a run: its report, or why it could not be checked (a Chinese reason). */
export type CheckedFile = { file: string; report: CheckReport } | { file: string; failed: string };

export const UNKNOWN_UNIT = '（未识别单位）';
export const FAILED_UNIT = '无法检查';
export const NOTHING_EXTRACTED = '未能从报告中提取评价数据';

export interface SummaryRow {
  file: string;
  /** 单位: the unit's name, UNKNOWN_UNIT, or FAILED_UNIT for a file that could not be read. */
  unit: string;
  year?: number;
  /** 报告总分, as printed. */
  statedTotal?: string;
  /** 重算合计 */
  computedTotal?: string;
  /** Findings about this unit; absent for a failed file. */
  counts?: Record<Severity, number>;
  /** Why the file could not be checked, or that nothing could be extracted from it. */
  note?: string;
}

/**
 * Which row a finding is counted in: its unit's, else the first unit's (the report's own findings
 * belong to the unit it is about, the first one in a report covering several).
 */
function unitIndex(report: CheckReport, f: CheckFinding): number {
  const i = report.units.findIndex((u) => u.unit === f.unit);
  return i < 0 ? 0 : i;
}

function reportRows(file: string, report: CheckReport): SummaryRow[] {
  const year = report.year !== undefined ? { year: report.year } : {};
  if (report.units.length === 0)
    return [
      { file, unit: report.unit ?? UNKNOWN_UNIT, ...year, counts: report.counts, note: NOTHING_EXTRACTED },
    ];
  const counts = report.units.map((): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 }));
  for (const f of report.findings) {
    const c = counts[unitIndex(report, f)];
    if (c !== undefined) c[f.severity]++;
  }
  return report.units.map((u, i) => ({
    file,
    unit: u.unit,
    ...year,
    ...(u.statedTotal !== undefined ? { statedTotal: u.statedTotal } : {}),
    ...(u.computedTotal !== undefined ? { computedTotal: u.computedTotal } : {}),
    counts: counts[i] ?? { error: 0, warning: 0, info: 0 },
  }));
}

/** 汇总: one row per unit of each checked file, one row per failed file. */
export function summaryRows(files: readonly CheckedFile[]): SummaryRow[] {
  return files.flatMap((f) =>
    'failed' in f ? [{ file: f.file, unit: FAILED_UNIT, note: f.failed }] : reportRows(f.file, f.report),
  );
}

export const SUMMARY_HEADERS = [
  '文件',
  '单位',
  '年度',
  '报告总分',
  '重算合计',
  '错误',
  '警告',
  '提示',
] as const;
const PROBLEM_HEADERS = ['文件', '单位', '严重程度', '类型', '位置', '原文', '说明'] as const;

/** The Chinese words for codes, given by the caller (the CLI's labels). */
export interface SummaryLabels {
  severity: Record<Severity, string>;
  /** A finding kind's label; unknown kinds as they are. */
  kind: (kind: string) => string;
}

const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const FMT_SCORE = '0.00';

/** A bold, shaded, frozen header row with an auto filter, and the columns' widths. */
function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly string[],
  widths: readonly number[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 12 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle' };
  head.eachCell((cell) => {
    cell.fill = HEAD_FILL;
    cell.border = BORDER;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return ws;
}

/** A score printed as a plain decimal becomes a number; anything else stays the text it was. */
function scoreCell(cell: ExcelJS.Cell, text: string | undefined): void {
  if (text === undefined) return;
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    cell.value = Number(text);
    cell.numFmt = FMT_SCORE;
  } else cell.value = text;
}

function addSummary(wb: ExcelJS.Workbook, rows: readonly SummaryRow[]): void {
  const ws = sheet(wb, '汇总', [...SUMMARY_HEADERS, '说明'], [40, 30, 8, 10, 10, 8, 8, 8, 40]);
  for (const r of rows) {
    const row = ws.addRow([
      r.file,
      r.unit,
      r.year ?? null,
      null,
      null,
      r.counts?.error ?? null,
      r.counts?.warning ?? null,
      r.counts?.info ?? null,
      r.note ?? null,
    ]);
    scoreCell(row.getCell(4), r.statedTotal);
    scoreCell(row.getCell(5), r.computedTotal);
  }
}

function addProblems(wb: ExcelJS.Workbook, files: readonly CheckedFile[], labels: SummaryLabels): void {
  const ws = sheet(wb, '问题清单', PROBLEM_HEADERS, [40, 24, 10, 24, 10, 50, 70]);
  for (const f of files) {
    if ('failed' in f) continue;
    for (const p of f.report.findings) {
      const row = ws.addRow([
        f.file,
        p.unit ?? f.report.unit ?? '',
        labels.severity[p.severity],
        labels.kind(p.kind),
        p.where ?? '',
        p.quote ?? '',
        p.message,
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
}

/** The workbook: 汇总 (summaryRows, with 说明 for failed files) and 问题清单 (every finding). */
export async function summaryWorkbook(
  files: readonly CheckedFile[],
  labels: SummaryLabels,
): Promise<Uint8Array> {
  // Loaded on demand: exceljs is heavy, and the summary rows are needed without it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'jixiao';
  addSummary(wb, summaryRows(files));
  addProblems(wb, files, labels);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

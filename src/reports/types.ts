/**
 * What the report generators take and give. A report is rendered from a scored evaluation (the
 * core's ScoreResult) and its audit findings; a department report may carry its units side by side.
 */
import type { Finding } from '../core/audit/finding.ts';
import type { ScoreResult } from '../core/result.ts';

export type ReportType = 'project' | 'department' | 'self-table' | 'indicators';
export type ReportFormat = 'docx' | 'xlsx' | 'pdf';

/** Which formats each report exists in (pdf is the docx converted by LibreOffice). */
export const REPORT_FORMATS: Record<ReportType, readonly ReportFormat[]> = {
  project: ['docx', 'pdf'], // 项目支出绩效评价报告 (财预〔2020〕10号 outline, seed 004)
  department: ['docx', 'pdf'], // 部门整体支出绩效评价报告 / 自评报告 (seeds 000–003)
  'self-table': ['docx', 'xlsx', 'pdf'], // 绩效自评表 (seed 003's annex, 10号 form)
  indicators: ['docx', 'xlsx', 'pdf'], // 指标体系及评分表
};

/** The media type of each format, for downloads. */
export const REPORT_MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export const REPORT_NAMES: Record<ReportType, string> = {
  project: '项目支出绩效评价报告',
  department: '部门整体支出绩效评价报告',
  'self-table': '绩效自评表',
  indicators: '绩效评价指标体系评分表',
};

/** The indicator columns of the 绩效自评表 (财预〔2020〕10号 form, seed 003's annex), Word and Excel alike. */
export const SELF_TABLE_HEADER = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '全年完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
] as const;

export interface ReportInput {
  /** The evaluation reported on, scored (with explanations). */
  result: ScoreResult;
  /** Its audit findings (auditEvaluation(result)); reports may list them in an annex. */
  findings: readonly Finding[];
  /** A department's subordinate units, each scored, shown side by side (seed 001). */
  units?: readonly { result: ScoreResult; findings: readonly Finding[] }[];
}

export interface ReportOptions {
  type: ReportType;
  format: ReportFormat;
  /** Charts inside Word reports (default true). */
  charts?: boolean;
}

/** Misuse: a format the report type does not exist in, or PDF without LibreOffice. */
export class ReportError extends Error {
  readonly code: 'unsupported-format' | 'libreoffice-missing' | 'conversion-failed' | 'bad-setting';
  constructor(code: ReportError['code'], message: string) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
  }
}

/**
 * What the report checker answers (src/checker/check.ts), in a module of its own without Node
 * imports, so that the web page types the answer of POST /api/check with the same definitions.
 */
export type { Severity } from '../core/audit/finding.ts';
import type { Severity } from '../core/audit/finding.ts';

export interface CheckFinding {
  severity: Severity;
  /** The core's finding kind (rate-mismatch, sum-mismatch …) or a checker kind (extract-…). */
  kind: string;
  /** The Chinese explanation, quoting the passage: “第3页：‘资金执行率96.6%’ — 31.98 ÷ 33.46 = 95.58%”. */
  message: string;
  quote?: string;
  /** Where the quote stands: "第3页", "第120行", "第12段". */
  where?: string;
  /** The unit the finding is about, in a report that evaluates several units. */
  unit?: string;
}

export interface CheckedUnit {
  /** 单位名称 */
  unit: string;
  /** The total score the report states, as printed ("92.5"). */
  statedTotal?: string;
  /** The sum of the extracted level-1 scores (or leaves, when no level-1 score is stated). */
  computedTotal?: string;
  /** The grade the report states (优/良/中/差 …). */
  grade?: string;
  /** Indicators found: leaves (the scored ones) and all nodes. */
  leaves: number;
  nodes: number;
  /** The evaluation file (jixiao/evaluation@1) built from the report, with every claim quoted. */
  evaluation: Record<string, unknown>;
}

export interface CheckReport {
  file: string;
  format: 'txt' | 'docx';
  title?: string;
  /** The evaluated unit (the first, in a report covering several). */
  unit?: string;
  year?: number;
  kind?: 'department' | 'unit' | 'project';
  units: CheckedUnit[];
  /** Errors first, then warnings, then remarks; in document order within each. */
  findings: CheckFinding[];
  /** What could not be extracted (a table it could not read, a figure without a unit …), in Chinese. */
  unextracted: string[];
  counts: Record<Severity, number>;
  /** Milliseconds taken, reading included. */
  ms: number;
}

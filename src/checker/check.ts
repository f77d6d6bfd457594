/**
 * The report checker's entry point: a report as handed in (.docx or .txt) → what it states, rebuilt
 * as evaluation files of the core format (one per unit the report evaluates), the core's audit run
 * on them, and the findings each quoted with where it stands ("第3页", "第120行").
 *
 * `checkReport` throws only `ReadError` (a file that is not a readable report); everything it
 * could not extract from a readable one is listed in `unextracted`, never guessed.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readReport } from './read.ts';
import { extract } from './extract.ts';
import { auditUnits } from './audit.ts';
import type { CheckReport, Severity } from './report.ts';

export type { CheckFinding, CheckReport, CheckedUnit, Severity } from './report.ts';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Reads, extracts, audits. Throws `ReadError` when the file cannot be read as a report at all. */
export function checkReport(bytes: Uint8Array, name: string): CheckReport {
  const started = performance.now();
  const doc = readReport(bytes, name);
  const extracted = extract(doc);
  // ids from the file's content: the same report gives the same ids, two reports never share one
  const id = `check-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
  const { units, findings, unextracted } = auditUnits(extracted, id);
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of sorted) counts[f.severity]++;
  return {
    file: name,
    format: doc.format,
    ...(extracted.title !== undefined ? { title: extracted.title } : {}),
    ...((extracted.unit ?? units[0]?.unit) !== undefined ? { unit: extracted.unit ?? units[0]?.unit } : {}),
    ...(extracted.year !== undefined ? { year: extracted.year } : {}),
    ...(extracted.kind !== undefined ? { kind: extracted.kind } : {}),
    units,
    findings: sorted,
    unextracted: [...doc.notes, ...extracted.unextracted, ...unextracted],
    counts,
    ms: performance.now() - started,
  };
}

const SEVERITY: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** The report as the CLI prints it: what was found, then each finding with its quote. */
export function formatCheck(r: CheckReport): string {
  const lines: string[] = [];
  const head = [
    r.unit ?? '（未识别单位）',
    r.year !== undefined ? `${String(r.year)}年度` : '',
    r.title ?? '',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  lines.push(`${r.file}：${head}`);
  for (const u of r.units) {
    const total =
      u.statedTotal !== undefined
        ? `报告总分 ${u.statedTotal}${u.computedTotal !== undefined ? `（按所列得分合计 ${u.computedTotal}）` : ''}`
        : u.computedTotal !== undefined
          ? `所列得分合计 ${u.computedTotal}`
          : '未找到总分';
    lines.push(
      `  ${u.unit}：指标 ${String(u.leaves)} 项，${total}${u.grade !== undefined ? `，等级“${u.grade}”` : ''}`,
    );
  }
  lines.push(
    `发现：错误 ${String(r.counts.error)} 项，警告 ${String(r.counts.warning)} 项，提示 ${String(r.counts.info)} 项`,
  );
  for (const f of r.findings) {
    const unit = f.unit !== undefined && r.units.length > 1 ? `［${f.unit}］` : '';
    lines.push(`  ${SEVERITY[f.severity]} ${unit}${f.message}`);
  }
  if (r.unextracted.length > 0) {
    lines.push('未能提取：');
    for (const u of r.unextracted) lines.push(`  ${u}`);
  }
  return lines.join('\n');
}

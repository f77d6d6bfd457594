/** jixiao audit FILE... [--json]: consistency findings per file and across files. */
import type { Command } from 'commander';
import { auditAcross, auditEvaluation } from '../../core/audit/index.ts';
import { FINDING_KINDS, type Finding } from '../../core/audit/finding.ts';
import { type AuditJson, auditToJson } from '../../core/output.ts';
import type { ScoreResult } from '../../core/result.ts';
import { CliInputError, type Done, EXIT, type ExitCode, type Issue, isInputError } from '../exit.ts';
import { jsonText, print } from '../io.ts';
import { SEVERITY_LABELS } from '../labels.ts';
import { fileStem, loadScored } from '../load.ts';
import { renderTable } from '../table.ts';

interface Loaded {
  file: string;
  /** The file stem, or the path when two files share a stem. */
  name: string;
  result: ScoreResult;
}

function names(files: readonly string[]): string[] {
  const stems = files.map(fileStem);
  return stems.map((s, i) => (stems.indexOf(s) === stems.lastIndexOf(s) ? s : (files[i] ?? s)));
}

/** Load every file first, so that all bad input is reported at once and nothing is audited. */
async function loadAll(files: readonly string[]): Promise<Loaded[]> {
  const issues: Issue[] = [];
  const loaded: Loaded[] = [];
  const fileNames = names(files);
  for (const [i, file] of files.entries()) {
    try {
      loaded.push({ file, name: fileNames[i] ?? file, result: await loadScored(file) });
    } catch (e) {
      if (!isInputError(e)) throw e;
      const prefix = files.length > 1;
      issues.push(
        ...e.issues.map((x) =>
          prefix && x.path !== file ? { path: `${file} ${x.path}`, message: x.message } : x,
        ),
      );
    }
  }
  if (issues.length > 0) throw new CliInputError(issues);
  return loaded;
}

export function countLine(counts: AuditJson['counts']): string {
  return `错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项`;
}

export function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '未发现问题。';
  const rows = findings.map((f) => [
    SEVERITY_LABELS[f.severity],
    FINDING_KINDS[f.kind],
    f.location,
    f.message,
  ]);
  return renderTable(['严重程度', '类型', '位置', '说明'], rows);
}

function total(parts: readonly AuditJson['counts'][]): AuditJson['counts'] {
  const sum = { error: 0, warning: 0, info: 0 };
  for (const c of parts) {
    sum.error += c.error;
    sum.warning += c.warning;
    sum.info += c.info;
  }
  return sum;
}

interface AuditRun {
  perFile: { loaded: Loaded; findings: Finding[] }[];
  across: Finding[];
}

function render(run: AuditRun): string {
  const all = [...run.perFile.flatMap((f) => f.findings), ...run.across];
  if (run.perFile.length === 1)
    return [findingsTable(all), '', countLine(auditToJson(all).counts)].join('\n');
  const sections = run.perFile.map((f) =>
    [`== ${f.loaded.file} ==`, findingsTable(f.findings), ''].join('\n'),
  );
  sections.push(['== 跨文件检查 ==', findingsTable(run.across), ''].join('\n'));
  return [...sections, `合计：${countLine(auditToJson(all).counts)}`].join('\n');
}

/** One file: the core's shape. Several: per file, across files, and overall counts. */
function toJson(run: AuditRun): unknown {
  const [only] = run.perFile;
  if (run.perFile.length === 1 && only !== undefined) return auditToJson([...only.findings, ...run.across]);
  const files = run.perFile.map((f) => ({
    file: f.loaded.file,
    name: f.loaded.name,
    ...auditToJson(f.findings),
  }));
  const across = auditToJson(run.across);
  return { files, across, counts: total([...files.map((f) => f.counts), across.counts]) };
}

export async function audit(files: readonly string[], opts: { json?: boolean }): Promise<ExitCode> {
  const loaded = await loadAll(files);
  const run: AuditRun = {
    perFile: loaded.map((l) => ({ loaded: l, findings: auditEvaluation(l.result) })),
    across: loaded.length > 1 ? auditAcross(loaded.map((l) => ({ name: l.name, result: l.result }))) : [],
  };
  print(opts.json === true ? jsonText(toJson(run)) : render(run));
  const hasError = [...run.perFile.flatMap((f) => f.findings), ...run.across].some(
    (f) => f.severity === 'error',
  );
  return hasError ? EXIT.findings : EXIT.ok;
}

export function registerAudit(program: Command, done: Done): void {
  program
    .command('audit')
    .description('检查前后一致性；有错误时退出码为 1')
    .argument('<files...>', '一个或多个评价文件（JSON）；多个文件时另做跨文件检查')
    .option('--json', '以 JSON 输出（仅输出 JSON）')
    .action(async (files: string[], opts: { json?: boolean }) => {
      done(await audit(files, opts));
    });
}

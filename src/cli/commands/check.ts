/**
 * jixiao check PATH... [--json] [--out FILE] [--summary FILE.xlsx]: reports as handed in (.docx,
 * .txt) checked against themselves by the report checker (src/checker/). One file: its findings,
 * and with --out the evaluation file rebuilt from it. A folder or several paths: every report in
 * them, one after another, past the ones that cannot be read, then a summary table (and workbook).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type CheckReport, checkReport, formatCheck } from '../../checker/check.ts';
import { ReadError } from '../../checker/document.ts';
import {
  type CheckedFile,
  NOTHING_EXTRACTED,
  SUMMARY_HEADERS,
  type SummaryRow,
  summaryRows,
  summaryWorkbook,
} from '../../checker/summary-xlsx.ts';
import { FINDING_KINDS } from '../../core/audit/finding.ts';
import { InputError, parseEvaluation } from '../../core/normalize.ts';
import {
  CliInputError,
  type Done,
  EXIT,
  type ExitCode,
  type Issue,
  inputError,
  isInputError,
} from '../exit.ts';
import { jsonText, print, printError, writeFileAtomic } from '../io.ts';
import { SEVERITY_LABELS } from '../labels.ts';
import { renderTable } from '../table.ts';

interface CheckOpts {
  json?: boolean;
  out?: string;
  summary?: string;
  force?: boolean;
}

const REPORT_EXTENSIONS = ['.docx', '.txt'];
const EXISTS_MESSAGE = '文件已存在；如需覆盖，请加 --force';
const DASH = '—';

function errorCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const isReport = (file: string): boolean => REPORT_EXTENSIONS.includes(extname(file).toLowerCase());
/** Hidden files and Word's lock files (~$报告.docx) are not reports. */
const isSkipped = (name: string): boolean => name.startsWith('.') || name.startsWith('~$');

function unsupported(file: string): Issue {
  const ext = extname(file);
  return {
    path: file,
    message: `不支持的文件类型${ext === '' ? '（无扩展名）' : `“${ext}”`}：请提供 .docx 或 .txt 格式的报告`,
  };
}

/** A link to a file (a dangling link is skipped like any non-report). */
async function isFileLink(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Every report under `dir`, sorted by path; sub-folders included, symbolic links to folders not. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (isSkipped(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (isReport(path) && (entry.isFile() || (entry.isSymbolicLink() && (await isFileLink(path)))))
      out.push(path);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface Plan {
  files: string[];
  /** A folder or several paths: check them all and summarise. */
  many: boolean;
}

/** The reports the paths name; every missing path or named non-report is reported at once. */
async function plan(paths: readonly string[]): Promise<Plan> {
  const issues: Issue[] = [];
  const files: string[] = [];
  let folders = 0;
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) {
        folders++;
        const found = await walk(path);
        if (found.length === 0) issues.push({ path, message: '目录中没有 .docx 或 .txt 格式的报告' });
        files.push(...found);
      } else if (isReport(path)) files.push(path);
      else issues.push(unsupported(path));
    } catch (e) {
      const code = errorCode(e);
      if (code === undefined) throw e;
      const message =
        code === 'ENOENT'
          ? '文件或目录不存在'
          : code === 'EACCES' || code === 'EPERM'
            ? '没有读取权限'
            : '无法读取';
      issues.push({ path, message });
    }
  }
  if (issues.length > 0) throw new CliInputError(issues);
  const seen = new Set<string>();
  const unique = files.filter((f) => !seen.has(resolve(f)) && seen.add(resolve(f)));
  return { files: unique, many: paths.length > 1 || folders > 0 };
}

/** The readers' messages start with the file's name (“x.docx”不是…), which the issue shows already. */
function withoutName(message: string, file: string): string {
  const quoted = `“${file}”`;
  return message.startsWith(quoted) && message.length > quoted.length
    ? message.slice(quoted.length)
    : message;
}

/** One report checked; anything wrong with the file itself becomes an input error naming it. */
async function checkFile(file: string): Promise<CheckReport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined) throw e;
    throw inputError(
      file,
      code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : '无法读取',
    );
  }
  try {
    return checkReport(bytes, file);
  } catch (e) {
    if (e instanceof ReadError) throw inputError(file, withoutName(e.message, file));
    throw e;
  }
}

async function refuseExisting(file: string, force: boolean): Promise<void> {
  if (force) return;
  try {
    await stat(file);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return;
    throw e;
  }
  throw inputError(file, EXISTS_MESSAGE);
}

/** "evaluation.json" for one unit; "evaluation-1.json", "evaluation-2.json" … for several. */
function outNames(out: string, count: number): string[] {
  if (count === 1) return [out];
  const ext = extname(out);
  const stem = out.slice(0, out.length - ext.length);
  return Array.from({ length: count }, (_, i) => `${stem}-${String(i + 1)}${ext}`);
}

/** A file the checker built that the format refuses is written anyway, with a note saying why. */
function validityNote(file: string, evaluation: unknown): string | undefined {
  try {
    parseEvaluation(evaluation);
    return undefined;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const first = e.issues[0];
    return `提示：${file} 未通过格式校验（${first === undefined ? e.message : `${first.path}：${first.message}`}），可用 jixiao validate 查看`;
  }
}

/** The evaluation file(s) rebuilt from the report, written atomically; returns what to say. */
export async function writeEvaluations(report: CheckReport, out: string, force: boolean): Promise<string[]> {
  if (report.units.length === 0) throw inputError(report.file, `${NOTHING_EXTRACTED}，未写出 ${out}`);
  const names = outNames(out, report.units.length);
  for (const name of names) await refuseExisting(name, force);
  const notes: string[] = [];
  for (const [i, unit] of report.units.entries()) {
    const name = names[i] ?? out;
    await writeFileAtomic(name, jsonText(unit.evaluation), force);
    const note = validityNote(name, unit.evaluation);
    if (note !== undefined) notes.push(note);
  }
  const [only] = report.units;
  const said =
    names.length === 1 && only !== undefined
      ? [`已写出评价文件：${out}（${only.unit}）`]
      : [
          `已写出 ${String(names.length)} 个评价文件：`,
          ...report.units.map((u, i) => `  ${names[i] ?? ''}：${u.unit}`),
        ];
  return [...said, ...notes];
}

const kindLabel = (kind: string): string => (FINDING_KINDS as Record<string, string>)[kind] ?? kind;

async function writeSummary(files: readonly CheckedFile[], out: string, force: boolean): Promise<string> {
  const bytes = await summaryWorkbook(files, { severity: SEVERITY_LABELS, kind: kindLabel });
  await writeFileAtomic(out, bytes, force);
  return `已写出汇总表：${out}`;
}

function checkSummaryName(summary: string | undefined): void {
  if (summary !== undefined && extname(summary).toLowerCase() !== '.xlsx')
    throw inputError('--summary', `汇总表应为 Excel 工作簿（.xlsx），而不是“${summary}”`);
}

async function checkOne(file: string, opts: CheckOpts): Promise<ExitCode> {
  const report = await checkFile(file);
  print(opts.json === true ? jsonText(report) : formatCheck(report));
  // With --json, stdout holds the JSON only: what was written is said on stderr.
  const say = opts.json === true ? printError : print;
  if (opts.out !== undefined)
    for (const line of await writeEvaluations(report, opts.out, opts.force === true))
      (line.startsWith('提示：') ? printError : say)(line);
  if (opts.summary !== undefined)
    say(await writeSummary([{ file, report }], opts.summary, opts.force === true));
  return report.counts.error > 0 ? EXIT.findings : EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// Many reports
// ---------------------------------------------------------------------------------------------

const countLine = (c: CheckReport['counts']): string =>
  `错误 ${String(c.error)} 项，警告 ${String(c.warning)} 项，提示 ${String(c.info)} 项`;

interface Progress {
  done(result: CheckedFile): void;
  stop(): void;
}

/** A bar on a terminal; elsewhere (a log, a pipe) one short line per file. */
function progress(total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: '检查报告 [{bar}] {value}/{total} {file}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(total, 0, { file: '' });
    return {
      done: (r) => {
        bar.increment({ file: r.file });
      },
      stop: () => {
        bar.stop();
      },
    };
  }
  let n = 0;
  return {
    done: (r) => {
      n++;
      const what = 'failed' in r ? `无法检查：${r.failed}` : countLine(r.report.counts);
      printError(`[${String(n)}/${String(total)}] ${r.file}：${what}`);
    },
    stop: () => undefined,
  };
}

const debug = (): boolean => process.env.JIXIAO_DEBUG === '1';

/**
 * A file that cannot be read is recorded with the reason and the run goes on; so is a bug met on
 * one report (counted in `bugs`, exit 70 at the end), unless JIXIAO_DEBUG=1 asks for its stack.
 */
async function checkOrRecord(file: string, bugs: { count: number }): Promise<CheckedFile> {
  try {
    return { file, report: await checkFile(file) };
  } catch (e) {
    if (isInputError(e)) return { file, failed: e.issues.map((i) => i.message).join('；') };
    if (debug()) throw e;
    bugs.count++;
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return { file, failed: `内部错误：${message}（设置 JIXIAO_DEBUG=1 可查看详情）` };
  }
}

function summaryTable(rows: readonly SummaryRow[]): string {
  const cells = rows.map((r) => [
    r.file,
    r.unit,
    r.year !== undefined ? String(r.year) : DASH,
    r.statedTotal ?? DASH,
    r.computedTotal ?? DASH,
    ...(r.counts ? [r.counts.error, r.counts.warning, r.counts.info].map(String) : [DASH, DASH, DASH]),
  ]);
  return renderTable(SUMMARY_HEADERS, cells, {
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
}

function failedLines(files: readonly CheckedFile[]): string[] {
  const failed = files.flatMap((f) => ('failed' in f ? [`  ${f.file}：${f.failed}`] : []));
  return failed.length === 0 ? [] : ['无法检查：', ...failed];
}

function renderMany(files: readonly CheckedFile[]): string {
  const reports = files.flatMap((f) => ('report' in f ? [f.report] : []));
  const total = { error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    total.error += r.counts.error;
    total.warning += r.counts.warning;
    total.info += r.counts.info;
  }
  const empty = reports.filter((r) => r.units.length === 0).length;
  const lines = [summaryTable(summaryRows(files)), ''];
  lines.push(...failedLines(files));
  if (empty > 0) lines.push(`${NOTHING_EXTRACTED}：${String(empty)} 份`);
  lines.push(
    `共 ${String(files.length)} 份报告：已检查 ${String(reports.length)} 份，无法检查 ${String(files.length - reports.length)} 份；${countLine(total)}`,
  );
  return lines.join('\n');
}

async function checkMany(files: readonly string[], opts: CheckOpts): Promise<ExitCode> {
  if (opts.out !== undefined)
    throw inputError(
      '--out',
      '检查目录或多个文件时不能使用 --out；请对单个报告运行 jixiao check 报告 --out 文件',
    );
  if (opts.summary !== undefined) await refuseExisting(opts.summary, opts.force === true);
  const bar = progress(files.length);
  const results: CheckedFile[] = [];
  const bugs = { count: 0 };
  try {
    for (const file of files) {
      const r = await checkOrRecord(file, bugs);
      results.push(r);
      bar.done(r);
    }
  } finally {
    bar.stop();
  }
  const reports = results.flatMap((f) => ('report' in f ? [f.report] : []));
  if (opts.json === true) {
    print(jsonText(reports));
    const failed = failedLines(results);
    if (failed.length > 0) printError(failed.join('\n'));
  } else print(renderMany(results));
  if (opts.summary !== undefined)
    (opts.json === true ? printError : print)(await writeSummary(results, opts.summary, opts.force === true));
  if (bugs.count > 0) return EXIT.internal;
  if (reports.length < results.length) return EXIT.usage;
  return reports.some((r) => r.counts.error > 0) ? EXIT.findings : EXIT.ok;
}

export async function check(paths: readonly string[], opts: CheckOpts): Promise<ExitCode> {
  checkSummaryName(opts.summary);
  const { files, many } = await plan(paths);
  const [only] = files;
  if (!many && only !== undefined) return checkOne(only, opts);
  return checkMany(files, opts);
}

const HELP = `
退出码：
  0   未发现错误级问题
  1   发现错误级问题
  2   输入或用法错误（文件不存在、不是 .docx/.txt、无法读取的报告；检查多个文件时有任何一份无法检查）
  70  内部错误（检查多个文件时其余报告照常检查；设置 JIXIAO_DEBUG=1 可查看详情）

示例：
  jixiao check 绩效评价报告.docx
  jixiao check 绩效评价报告.docx --out evaluation.json
  jixiao check 报告目录/ --summary 汇总.xlsx`;

export function registerCheck(program: Command, done: Done): void {
  program
    .command('check')
    .summary('检查绩效评价报告（.docx/.txt）；有错误时退出码为 1')
    .description(
      '检查提交的绩效评价报告（.docx/.txt）：提取报告所列的数据与得分，按评分规则重算，核对前后是否一致',
    )
    .argument('<paths...>', '报告文件（.docx/.txt）或目录（逐一检查其中的报告，含子目录）')
    .option('--json', '以 JSON 输出（仅输出 JSON；检查多个文件时为数组）')
    .option(
      '--out <file>',
      '将从报告重建的评价文件（JSON）写到此处；报告含多个单位时依次加后缀 -1、-2 …（仅限单个报告）',
    )
    .option('--summary <file>', '将汇总表与问题清单写成 Excel 工作簿（.xlsx）')
    .option('--force', '覆盖已存在的输出文件')
    .addHelpText('after', HELP)
    .action(async (paths: string[], opts: CheckOpts) => {
      done(await check(paths, opts));
    });
}

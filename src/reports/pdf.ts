/**
 * Word → PDF through LibreOffice headless. Each conversion gets a fresh temp dir with its own
 * LibreOffice profile (parallel runs do not collide) and runs under a timeout. When python3-uno is
 * there, scripts/lo/refresh-and-export.py opens the document, refreshes the table of contents (its
 * page numbers) and exports; otherwise plain `soffice --convert-to pdf`, with a warning. Fonts:
 * FONTCONFIG_FILE points at assets/fontconfig/fonts.conf (宋体/仿宋/黑体 … → Noto CJK).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ReportError } from './types.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'lo', 'refresh-and-export.py');
const FONTS_CONF = join(ROOT, 'assets', 'fontconfig', 'fonts.conf');
const DEFAULT_TIMEOUT_MS = 120_000;

export const LIBREOFFICE_MISSING_MESSAGE =
  '未找到 LibreOffice，无法生成 PDF；请安装 libreoffice-writer（Debian: apt-get install libreoffice-writer-nogui python3-uno fonts-noto-cjk）或改用 --format docx';
export const NO_UNO_WARNING =
  '未找到带 uno 模块的 Python（python3-uno），PDF 目录页码未更新；请安装 python3-uno（或设置 JIXIAO_PYTHON）';

export const TOC_REFRESH_FAILED = '通过 LibreOffice UNO 刷新目录失败，已改用直接转换，PDF 目录页码可能未更新';

export interface PdfOptions {
  /** Kill LibreOffice after this long (default 120 s). */
  timeoutMs?: number;
  /** Where warnings go (default: process.emitWarning). */
  onWarning?: (message: string) => void;
}

export interface PdfResult {
  pdf: Uint8Array;
  warnings: string[];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(names: readonly string[]): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    for (const name of names) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

const WELL_KNOWN_SOFFICE = [
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

/** The soffice binary: JIXIAO_SOFFICE when set (and only it), else PATH, else well-known places. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env['JIXIAO_SOFFICE'];
  if (override !== undefined && override !== '') {
    if (!/[\\/]/.test(override)) return onPath([override]);
    return isExecutable(override) ? override : undefined;
  }
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  return onPath(names) ?? WELL_KNOWN_SOFFICE.find(isExecutable);
}

export function libreOfficeAvailable(): boolean {
  return findSoffice() !== undefined;
}

interface RunResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

/** Kill the whole process group: soffice forks (oosplash → soffice.bin). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function run(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 8000) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stderr: err.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

const unoPythonCache = new Map<string, Promise<string | undefined>>();

/** A Python that can `import uno`: JIXIAO_PYTHON, LibreOffice's own, Debian's, then PATH. */
function findUnoPython(soffice: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const key = `${soffice}\0${env['JIXIAO_PYTHON'] ?? ''}`;
  let found = unoPythonCache.get(key);
  if (found === undefined) {
    found = probeUnoPython(soffice, env);
    unoPythonCache.set(key, found);
  }
  return found;
}

async function probeUnoPython(soffice: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const override = env['JIXIAO_PYTHON'];
  const program = dirname(realpathSync(soffice));
  const candidates =
    override !== undefined && override !== ''
      ? [override]
      : [
          join(program, 'python'),
          join(program, 'python.exe'),
          '/usr/bin/python3',
          onPath(['python3', 'python']),
        ];
  for (const python of candidates) {
    if (python === undefined || !existsSync(python)) continue;
    const probe = await run(python, ['-c', 'import uno'], env, 20_000);
    if (probe.code === 0) return python;
  }
  return undefined;
}

function officeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // A user's own FONTCONFIG_FILE wins; ours includes the system configuration.
  if (env['FONTCONFIG_FILE'] === undefined && existsSync(FONTS_CONF)) env['FONTCONFIG_FILE'] = FONTS_CONF;
  return env;
}

interface Job {
  soffice: string;
  dir: string;
  input: string;
  output: string;
  profile: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

async function convertWithUno(job: Job, python: string): Promise<RunResult> {
  const args = [SCRIPT, job.soffice, job.input, job.output, job.profile];
  return run(python, args, job.env, job.timeoutMs);
}

async function convertPlain(job: Job): Promise<RunResult> {
  const args = [
    '--headless',
    '--norestore',
    '--nologo',
    '--nodefault',
    '--nolockcheck',
    `-env:UserInstallation=${job.profile}`,
    '--convert-to',
    'pdf:writer_pdf_Export',
    '--outdir',
    job.dir,
    job.input,
  ];
  return run(job.soffice, args, job.env, job.timeoutMs);
}

const succeeded = (result: RunResult, job: Job): boolean => result.code === 0 && existsSync(job.output);

const detail = (result: RunResult): string => result.stderr.trim().split('\n').slice(-5).join('；');

/**
 * Through the UNO script when there is a Python with uno; when that fails (other than by timeout),
 * plain --convert-to once more, with a warning. A failure reports the UNO script's error.
 */
async function convert(
  job: Job,
  python: string | undefined,
): Promise<{ result: RunResult; warnings: string[] }> {
  if (python === undefined) return { result: await convertPlain(job), warnings: [NO_UNO_WARNING] };
  const uno = await convertWithUno(job, python);
  if (succeeded(uno, job) || uno.timedOut) return { result: uno, warnings: [] };
  const plain = await convertPlain(job);
  if (!succeeded(plain, job)) return { result: uno, warnings: [] };
  const why = detail(uno);
  return { result: plain, warnings: [`${TOC_REFRESH_FAILED}${why === '' ? '' : `（${why}）`}`] };
}

function failure(result: RunResult, timeoutMs: number): ReportError {
  if (result.timedOut)
    return new ReportError(
      'conversion-failed',
      `LibreOffice 转换 PDF 超时（${timeoutMs / 1000} 秒），已终止`,
    );
  const why = detail(result);
  const tail = why === '' ? '' : `：${why}`;
  return new ReportError(
    'conversion-failed',
    `LibreOffice 转换 PDF 失败（退出码 ${String(result.code)}）${tail}`,
  );
}

/** Word → PDF with the warnings (no python3-uno: the TOC keeps its page numbers unfilled). */
export async function convertDocxToPdf(docx: Uint8Array, opts: PdfOptions = {}): Promise<PdfResult> {
  const soffice = findSoffice();
  if (soffice === undefined) throw new ReportError('libreoffice-missing', LIBREOFFICE_MISSING_MESSAGE);
  const env = officeEnv();
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-pdf-'));
  try {
    const job: Job = {
      soffice,
      dir,
      input: join(dir, 'report.docx'),
      output: join(dir, 'report.pdf'),
      profile: pathToFileURL(join(dir, 'profile')).href,
      env,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
    await writeFile(job.input, docx);
    const python = existsSync(SCRIPT) ? await findUnoPython(soffice, env) : undefined;
    const { result, warnings } = await convert(job, python);
    if (!succeeded(result, job)) throw failure(result, job.timeoutMs);
    return { pdf: new Uint8Array(await readFile(job.output)), warnings };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Word → PDF; warnings go to opts.onWarning or process.emitWarning. */
export async function docxToPdf(docx: Uint8Array, opts: PdfOptions = {}): Promise<Uint8Array> {
  const { pdf, warnings } = await convertDocxToPdf(docx, opts);
  for (const w of warnings) {
    if (opts.onWarning === undefined) process.emitWarning(w, 'JixiaoPdfWarning');
    else opts.onWarning(w);
  }
  return pdf;
}

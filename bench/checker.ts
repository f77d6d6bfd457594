/**
 * The report checker (src/checker/): each published report (test/fixtures/reports) checked N times
 * in process — read, extract, audit, as `checkReport` does it — and the largest one also as a
 * .docx made from its text (a paragraph per line); a folder of copies checked one after another,
 * in process and as the `jixiao check FOLDER` command; and `jixiao check FILE` end to end, Node's
 * start-up included. The target: a typical report checked in under a second.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { checkReport } from '../src/checker/check.ts';
import { type MemoryPeak, MemorySampler } from './memory.ts';

/** "A typical report checked in under a second". */
export const TARGET_MS = 1000;

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'reports');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface CheckerCounts {
  /** Checks per file, timed one by one. */
  runs: number;
  /** Copies of each report in the folder run. */
  copies: number;
  /** Runs of the command, end to end. */
  commandRuns: number;
}

export const QUICK_CHECKER: CheckerCounts = { runs: 5, copies: 10, commandRuns: 3 };
export const FULL_CHECKER: CheckerCounts = { runs: 30, copies: 10, commandRuns: 10 };

export interface CheckerRow {
  file: string;
  format: 'txt' | 'docx';
  bytes: number;
  /** What the checker made of it: units extracted, findings. */
  units: number;
  findings: number;
  /** The first check of this file in the process (before the loop), ms. */
  firstMs: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  underTarget: boolean;
}

export interface FolderRun {
  files: number;
  /** Reading every file and checking it, in process. */
  inProcess: { ms: number; perSecond: number };
  /** `jixiao check FOLDER --json` as a child process (start-up included), or why it failed. */
  command: { ms: number; perSecond: number; exitCode: number } | { failed: string };
}

export interface CheckerRun {
  rows: CheckerRow[];
  folder: FolderRun;
  /** `jixiao check FILE` for the report closest to the median size, end to end. */
  command: { file: string; runs: number; medianMs: number } | { failed: string };
  memory: MemoryPeak;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function timeChecks(file: string, bytes: Uint8Array, runs: number, memory: MemorySampler): CheckerRow {
  const t0 = performance.now();
  const first = checkReport(bytes, file);
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    checkReport(bytes, file);
    times.push(performance.now() - t);
    memory.sample();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const medianMs = median(sorted);
  return {
    file,
    format: first.format,
    bytes: bytes.byteLength,
    units: first.units.length,
    findings: first.findings.length,
    firstMs,
    runs,
    medianMs,
    p95Ms: percentile(sorted, 95),
    underTarget: medianMs < TARGET_MS,
  };
}

/** A .docx of the text, a paragraph per line: no tables, no styles — the reading path only. */
async function docxOf(text: string): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph(l)) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** `jixiao <args>` in a fresh Node, output discarded; wall time and exit code. */
function runCommand(args: readonly string[]): { ms: number; exitCode: number; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ms: performance.now() - t0, exitCode: r.status ?? -1, stderr: r.stderr };
}

/** Exit 0 or 1 is a completed check (1: error findings); anything else failed. */
const completed = (code: number): boolean => code === 0 || code === 1;

async function folderRun(names: readonly string[], copies: number): Promise<FolderRun> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-bench-checker-'));
  try {
    for (const name of names)
      for (let i = 0; i < copies; i++)
        await copyFile(join(FIXTURES, name), join(dir, `${String(i).padStart(2, '0')}-${name}`));
    const files = (await readdir(dir)).sort().map((f) => join(dir, f));
    const t0 = performance.now();
    for (const f of files) checkReport(await readFile(f), f);
    const ms = performance.now() - t0;
    const c = runCommand(['check', dir, '--json']);
    return {
      files: files.length,
      inProcess: { ms, perSecond: (files.length / ms) * 1000 },
      command: completed(c.exitCode)
        ? { ms: c.ms, perSecond: (files.length / c.ms) * 1000, exitCode: c.exitCode }
        : { failed: `exit ${String(c.exitCode)}: ${c.stderr.trim().split('\n')[0] ?? ''}` },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function commandRun(file: string, runs: number): CheckerRun['command'] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = runCommand(['check', file]);
    if (!completed(c.exitCode))
      return { failed: `exit ${String(c.exitCode)}: ${c.stderr.trim().split('\n')[0] ?? ''}` };
    times.push(c.ms);
  }
  return { file: basename(file), runs, medianMs: median(times) };
}

export async function runChecker(
  counts: CheckerCounts,
  log: (s: string) => void = () => undefined,
): Promise<CheckerRun> {
  const names = (await readdir(FIXTURES)).filter((f) => f.endsWith('.txt')).sort();
  const memory = new MemorySampler();
  const rows: CheckerRow[] = [];
  for (const name of names) {
    log(`checker: ${name} × ${String(counts.runs)} …`);
    rows.push(timeChecks(name, await readFile(join(FIXTURES, name)), counts.runs, memory));
  }
  const largest = [...rows].sort((a, b) => b.bytes - a.bytes)[0];
  if (largest !== undefined) {
    log(`checker: ${largest.file} as .docx × ${String(counts.runs)} …`);
    const docx = await docxOf(await readFile(join(FIXTURES, largest.file), 'utf8'));
    rows.push(timeChecks(largest.file.replace(/\.txt$/, '.docx'), docx, counts.runs, memory));
  }
  log(`checker: a folder of ${String(names.length * counts.copies)} reports …`);
  const folder = await folderRun(names, counts.copies);
  const typical = [...rows.filter((r) => r.format === 'txt')].sort((a, b) => a.bytes - b.bytes)[
    Math.floor(names.length / 2)
  ];
  log(`checker: jixiao check ${typical?.file ?? '—'} as a command × ${String(counts.commandRuns)} …`);
  const command =
    typical === undefined
      ? { failed: 'no report' }
      : commandRun(join(FIXTURES, typical.file), counts.commandRuns);
  return { rows, folder, command, memory: memory.peak() };
}

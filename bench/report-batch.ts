/**
 * The department report of seed 002 (42 leaf indicators) with charts, against the docx library's
 * floor — the same score tables with no text and no charts: one document at a time (latency,
 * interleaved medians), and in a batch (reports per second, with a progress bar and memory that
 * must stay flat). Each document varies one actual (C11's head count), so every chart is drawn anew
 * rather than taken from the chart cache.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Document, Packer } from 'docx';
import { auditEvaluation } from '../src/core/audit/index.ts';
import { scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import type { ScoreResult } from '../src/core/result.ts';
import { defaultInFlight, renderReports } from '../src/reports/batch.ts';
import { renderReport } from '../src/reports/index.ts';
import type { ReportInput } from '../src/reports/types.ts';
import { groupTable, summaryTable } from '../src/reports/word/score-tables.ts';
import { collectGarbage } from './memory.ts';

const SEED_002 = join(import.meta.dirname, '..', 'examples', 'seeds', '002_bcba853156c95a30.json');

interface Node {
  code?: string;
  actual?: unknown;
  children?: Node[];
}

function withC11(base: { indicators: Node[] }, people: number): unknown {
  const copy = structuredClone(base);
  const visit = (n: Node): void => {
    if (n.code === 'C11') n.actual = `${people}人`;
    n.children?.forEach(visit);
  };
  copy.indicators.forEach(visit);
  return copy;
}

/** Evaluation i: seed 002 with C11 at 5538 − i people (the deduction rule moves the scores). */
export function department(i: number): ReportInput {
  const base = JSON.parse(readFileSync(SEED_002, 'utf8')) as { indicators: Node[] };
  const result = scoreEvaluation(parseEvaluation(withC11(base, 5538 - (i % 200))));
  return { result, findings: auditEvaluation(result) };
}

/** The floor: the report's score tables packed by the docx library, nothing else. */
async function floor(result: ScoreResult): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: [summaryTable(result), ...result.roots.map(groupTable)] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

type Render = (input: ReportInput) => Promise<Uint8Array>;

/**
 * The variants interleaved document by document (in a rotating order), so that a noisy neighbour
 * on a shared machine slows all of them alike; the median ms of each. `inputs` gives every variant
 * its own evaluation, so no chart comes from the chart cache.
 */
async function timeInterleaved(
  n: number,
  variants: readonly { render: Render; inputs: (i: number) => ReportInput }[],
): Promise<number[]> {
  const times = variants.map((): number[] => []);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      const variant = variants[v];
      if (variant === undefined) continue;
      const input = variant.inputs(i);
      const t0 = performance.now();
      await variant.render(input);
      times[v]?.push(performance.now() - t0);
    }
  }
  return times.map(median);
}

export interface DepartmentRun {
  documents: number;
  /** Median ms of one document rendered alone (latency). */
  msWithCharts: number;
  msWithoutCharts: number;
  msFloor: number;
  /** The floor packed one after another: documents per second. */
  floorPerSecond: number;
  batch: {
    reports: number;
    inFlight: number;
    seconds: number;
    perSecond: number;
    failed: number;
    heapAfter100: number;
    heapAtEnd: number;
    rssAfter100: number;
    rssAtEnd: number;
    peakRss: number;
  };
}

export async function runDepartment(documents: number, batchSize: number): Promise<DepartmentRun> {
  const docx = (charts: boolean) => (input: ReportInput) =>
    renderReport(input, { type: 'department', format: 'docx', charts });
  await docx(true)(department(9999)); // load docx, echarts and resvg (and start the chart thread) before timing
  const [msFloor = 0, msWithoutCharts = 0, msWithCharts = 0] = await timeInterleaved(documents, [
    { render: (input) => floor(input.result), inputs: (i) => department(i) },
    { render: docx(false), inputs: (i) => department(i) },
    { render: docx(true), inputs: (i) => department(1000 + i) },
  ]);

  // Throughput of the floor: the same number of documents as the batch measures, one after another.
  const floorInputs = Array.from({ length: Math.min(batchSize, 200) }, (_, i) => department(3000 + i));
  const f0 = performance.now();
  for (const input of floorInputs) await floor(input.result);
  const floorPerSecond = (floorInputs.length / (performance.now() - f0)) * 1000;

  const bar = new SingleBar({
    format: '  批量生成部门报告 [{bar}] {value}/{total} 份',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(batchSize, 0);
  let heapAfter100 = 0;
  let rssAfter100 = 0;
  let peakRss = 0;
  let done = 0;
  let failed = 0;
  // The evaluations are made as the batch goes (holding 1,000 would hide the batch's own memory);
  // making them is not rendering, so its time is taken out.
  let preparing = 0;
  const inputs = function* (): Generator<ReportInput> {
    for (let i = 0; i < batchSize; i++) {
      const p0 = performance.now();
      const input = department(2000 + i);
      preparing += performance.now() - p0;
      yield input;
    }
  };
  const t0 = performance.now();
  for await (const r of renderReports(inputs(), { type: 'department', format: 'docx', charts: true })) {
    if ('error' in r) failed++;
    bar.increment();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (++done === Math.min(100, batchSize)) {
      collectGarbage();
      heapAfter100 = process.memoryUsage().heapUsed;
      rssAfter100 = process.memoryUsage().rss;
    }
  }
  const seconds = (performance.now() - t0 - preparing) / 1000;
  bar.stop();
  collectGarbage();
  const heapAtEnd = process.memoryUsage().heapUsed;
  const rssAtEnd = process.memoryUsage().rss;
  return {
    documents,
    msWithCharts,
    msWithoutCharts,
    msFloor,
    floorPerSecond,
    batch: {
      reports: batchSize,
      inFlight: defaultInFlight(),
      seconds,
      perSecond: batchSize / seconds,
      failed,
      heapAfter100,
      heapAtEnd,
      rssAfter100,
      rssAtEnd,
      peakRss,
    },
  };
}

/**
 * The department report of seed 002 (42 leaf indicators) with charts, against the docx library's
 * floor — the same score tables with no text and no charts — and a batch of reports with a progress
 * bar whose memory must stay flat. Each document varies one actual (C11's head count), so every
 * chart is drawn anew rather than taken from the chart cache.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Document, Packer } from 'docx';
import { auditEvaluation } from '../src/core/audit/index.ts';
import { scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import type { ScoreResult } from '../src/core/result.ts';
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

async function time(
  n: number,
  offset: number,
  render: (input: ReportInput) => Promise<Uint8Array>,
): Promise<number> {
  const inputs = Array.from({ length: n }, (_, i) => department(offset + i));
  const t0 = performance.now();
  for (const input of inputs) await render(input);
  return (performance.now() - t0) / n;
}

export interface DepartmentRun {
  documents: number;
  msWithCharts: number;
  msWithoutCharts: number;
  msFloor: number;
  batch: { reports: number; seconds: number; heapAfter100: number; heapAtEnd: number; peakRss: number };
}

export async function runDepartment(documents: number, batchSize: number): Promise<DepartmentRun> {
  const docx = (charts: boolean) => (input: ReportInput) =>
    renderReport(input, { type: 'department', format: 'docx', charts });
  await docx(true)(department(9999)); // load docx, echarts and resvg before timing
  const msFloor = await time(documents, 0, (input) => floor(input.result));
  const msWithoutCharts = await time(documents, 0, docx(false));
  const msWithCharts = await time(documents, 1000, docx(true));

  const bar = new SingleBar({
    format: '  批量生成部门报告 [{bar}] {value}/{total} 份',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(batchSize, 0);
  let heapAfter100 = 0;
  let peakRss = 0;
  const t0 = performance.now();
  for (let i = 0; i < batchSize; i++) {
    await docx(true)(department(2000 + i));
    bar.increment();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (i + 1 === Math.min(100, batchSize)) {
      collectGarbage();
      heapAfter100 = process.memoryUsage().heapUsed;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  bar.stop();
  collectGarbage();
  const heapAtEnd = process.memoryUsage().heapUsed;
  return {
    documents,
    msWithCharts,
    msWithoutCharts,
    msFloor,
    batch: { reports: batchSize, seconds, heapAfter100, heapAtEnd, peakRss },
  };
}

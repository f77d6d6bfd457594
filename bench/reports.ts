/**
 * Report generation: each report type rendered for different generated evaluations — Word without
 * charts, Word with charts (echarts SSR → resvg PNG), Excel where the type has it — and one Word →
 * PDF conversion through LibreOffice when it is installed. The evaluations are parsed, scored and
 * audited before the clock starts: only renderReport is timed, one document at a time.
 */
import { auditEvaluation } from '../src/core/audit/index.ts';
import { scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import { findCjkFonts } from '../src/reports/fonts.ts';
import { renderReport } from '../src/reports/index.ts';
import { libreOfficeAvailable } from '../src/reports/pdf.ts';
import { REPORT_FORMATS, REPORT_NAMES, type ReportInput, type ReportType } from '../src/reports/types.ts';
import { LEAVES, generate } from './generate.ts';
import { type MemoryPeak, MemorySampler } from './memory.ts';

export interface ReportCounts {
  /** Documents per type for docx without charts and for xlsx. */
  documents: number;
  /** Documents per type for docx with charts (a chart costs ~0.1 s, so fewer). */
  withCharts: number;
  /** Convert one report to PDF when LibreOffice is there. */
  pdf: boolean;
}

export const FULL_COUNTS: ReportCounts = { documents: 100, withCharts: 20, pdf: true };
export const QUICK_COUNTS: ReportCounts = { documents: 10, withCharts: 2, pdf: true };

export interface ReportRow {
  type: ReportType;
  name: string;
  format: 'docx' | 'xlsx';
  charts: boolean;
  documents: number;
  /** Wall time summed over the documents, ms. */
  ms: number;
  perSecond: number;
  msPerDocument: number;
  /** Mean document size, bytes. */
  bytes: number;
}

export interface ReportsRun {
  indicatorsPerEvaluation: number;
  /** Whether a CJK font was found: without it Word reports carry no charts (see fonts.ts). */
  chartsDrawn: boolean;
  rows: ReportRow[];
  pdf: { type: ReportType; charts: boolean; ms: number; bytes: number } | { skipped: string };
  memory: MemoryPeak;
}

const TYPES = Object.keys(REPORT_NAMES) as ReportType[];
/** The reports that carry charts (the tables do not). */
const CHARTED: readonly ReportType[] = ['project', 'department'];
/**
 * Each type and variant renders its own evaluations: charts.ts keeps the PNGs of recent chart specs
 * (the docx and then the pdf of one evaluation draw a chart once), and a type reusing another's
 * evaluations would hit that cache instead of drawing.
 */
const STRIDE = 100_000;

/** Evaluation `index` of `seed`, scored and audited; a project evaluation for the project report. */
function prepare(seed: number, index: number, type: ReportType): ReportInput {
  const input = { ...generate(seed, index).input };
  if (type === 'project') {
    input.kind = 'project';
    input.project = { name: `基准测试项目${index}`, description: `基准测试项目${index}的概况` };
  }
  const result = scoreEvaluation(parseEvaluation(JSON.parse(JSON.stringify(input))));
  return { result, findings: auditEvaluation(result) };
}

interface Variant {
  format: 'docx' | 'xlsx';
  charts: boolean;
  count: number;
}

function variants(type: ReportType, counts: ReportCounts): Variant[] {
  const out: Variant[] = [{ format: 'docx', charts: false, count: counts.documents }];
  if (CHARTED.includes(type)) out.push({ format: 'docx', charts: true, count: counts.withCharts });
  if (REPORT_FORMATS[type].includes('xlsx'))
    out.push({ format: 'xlsx', charts: false, count: counts.documents });
  return out;
}

/** Renders `inputs` one after another; returns the wall time and the bytes written. */
async function timeRenders(
  inputs: readonly ReportInput[],
  type: ReportType,
  v: Variant,
  memory: MemorySampler,
): Promise<{ ms: number; bytes: number }> {
  let ms = 0;
  let bytes = 0;
  for (const input of inputs) {
    const t0 = performance.now();
    const doc = await renderReport(input, { type, format: v.format, charts: v.charts });
    ms += performance.now() - t0;
    bytes += doc.byteLength;
    memory.sample();
  }
  return { ms, bytes };
}

/** One document of every kind first, so module loading (docx, exceljs, echarts) is not timed. */
async function warmUp(seed: number): Promise<void> {
  for (const type of TYPES) {
    const input = prepare(seed + 99, 0, type);
    for (const v of variants(type, { documents: 1, withCharts: 1, pdf: false }))
      await renderReport(input, { type, format: v.format, charts: v.charts });
  }
}

async function pdfOnce(seed: number): Promise<ReportsRun['pdf']> {
  if (!libreOfficeAvailable()) return { skipped: 'LibreOffice not found' };
  const input = prepare(seed, 0, 'project');
  const t0 = performance.now();
  const pdf = await renderReport(input, { type: 'project', format: 'pdf', charts: true });
  return { type: 'project', charts: true, ms: performance.now() - t0, bytes: pdf.byteLength };
}

export async function runReports(
  seed: number,
  counts: ReportCounts,
  log: (s: string) => void = () => undefined,
): Promise<ReportsRun> {
  await warmUp(seed);
  const memory = new MemorySampler();
  memory.sample();
  const rows: ReportRow[] = [];
  let batch = 0;
  for (const type of TYPES) {
    for (const v of variants(type, counts)) {
      log(`reports: ${v.count} × ${type} ${v.format}${v.charts ? ' with charts' : ''} …`);
      const first = ++batch * STRIDE;
      const inputs = Array.from({ length: v.count }, (_, i) => prepare(seed, first + i, type));
      const { ms, bytes } = await timeRenders(inputs, type, v, memory);
      rows.push({
        type,
        name: REPORT_NAMES[type],
        format: v.format,
        charts: v.charts,
        documents: v.count,
        ms,
        perSecond: (v.count / ms) * 1000,
        msPerDocument: ms / v.count,
        bytes: bytes / v.count,
      });
    }
  }
  if (counts.pdf) log('reports: one PDF through LibreOffice …');
  const pdf = counts.pdf ? await pdfOnce(seed) : { skipped: 'not asked' };
  return {
    indicatorsPerEvaluation: LEAVES,
    chartsDrawn: findCjkFonts() !== undefined,
    rows,
    pdf,
    memory: memory.peak(),
  };
}

/** The format label shown in the table. */
export function formatLabel(r: Pick<ReportRow, 'format' | 'charts'>): string {
  return r.format === 'docx' ? `docx, ${r.charts ? 'charts' : 'no charts'}` : r.format;
}

/**
 * npm run bench — how fast jixiao scores, whether its memory stays flat as the number of
 * evaluations grows, how it compares with a spreadsheet engine computing the same rules, and where
 * binary floating point and exact decimals part.
 *
 *   node --expose-gc bench/run.ts [--quick] [--only=jixiao,spreadsheet,crafted,micro,reports,service,checker] [--sizes=10000,50000] [--seed=1] [--out=file.json]
 *
 * --quick: 1,000 and 5,000 evaluations, a small spreadsheet, a few reports, 3 s of HTTP load per
 * database and each published report checked 5 times (not 30), for a smoke test in seconds.
 * Prints markdown tables and writes the figures to bench/results/latest.json (gitignored) or --out.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, arch, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CheckerRun,
  FULL_CHECKER,
  QUICK_CHECKER,
  TARGET_MS as CHECKER_TARGET_MS,
  runChecker,
} from './checker.ts';
import { LEAVES, generate } from './generate.ts';
import { type JixiaoRun, runJixiao } from './jixiao.ts';
import { collectGarbage } from './memory.ts';
import { type MicroRun, runMicro } from './micro.ts';
import { int, mb, perSecond, ratio, section, table } from './report.ts';
import { type DepartmentRun, runDepartment } from './report-batch.ts';
import { FULL_COUNTS, QUICK_COUNTS, type ReportsRun, formatLabel, runReports } from './reports.ts';
import { type BackendRun, type ServiceRun, TARGET_P99_MS, headline, runService } from './service.ts';
import { type CraftedRow, type SheetRun, runCrafted, runSpreadsheet } from './spreadsheet.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import { scoreEvaluation } from '../src/core/engine.ts';

const PHASES = ['jixiao', 'spreadsheet', 'crafted', 'micro', 'reports', 'service', 'checker'] as const;
type Phase = (typeof PHASES)[number];

/** The target of docs/performance.md: indicators per second with explanations, on one core. */
const TARGET_RATE = 1_000_000;
/** "Flat": memory at the largest N within this factor of the smallest. */
const FLAT = 1.25;
/** "A clear multiple" over the spreadsheet engine. */
const MULTIPLE = 2;
/** The spreadsheet computes at least this many rows in a full run. */
const MIN_SHEET_ROWS = 200_000;

interface Options {
  quick: boolean;
  phases: Set<Phase>;
  sizes: number[];
  seed: number;
  out: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim()) ?? [...PHASES];
  const unknown = only.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`--only: unknown phase ${unknown.join(', ')} (phases: ${PHASES.join(', ')})`);
  const sizes =
    values.sizes?.split(',').map((s) => Number(s.replaceAll('_', ''))) ??
    (values.quick ? [1_000, 5_000] : [10_000, 50_000, 100_000]);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error('--sizes: positive integers, e.g. --sizes=1000,5000');
  const out = values.out ?? join(import.meta.dirname, 'results', 'latest.json');
  return { quick: values.quick, phases: new Set(only as Phase[]), sizes, seed: Number(values.seed), out };
}

function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory: mb(totalmem()),
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    gcExposed: typeof globalThis.gc === 'function' ? 'yes' : 'no (run with node --expose-gc)',
  };
}

/** A few hundred evaluations through the whole path so the JIT has settled before timing. */
function warmUp(seed: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const ev = parseEvaluation(JSON.parse(JSON.stringify(generate(seed + 1, i).input)));
    scoreEvaluation(ev);
    scoreEvaluation(ev, { explanations: false });
  }
}

interface Growth {
  from: number;
  to: number;
  /** Time per indicator at `to` ÷ at `from` (1 = linear scaling). */
  timePerIndicator: { scoreExplained: number; scoreBare: number; endToEnd: number };
  peakRss: number;
  peakHeapUsed: number;
  retainedHeap: number;
}

function growth(runs: readonly JixiaoRun[]): Growth | undefined {
  const first = runs[0];
  const last = runs.at(-1);
  if (first === undefined || last === undefined || first === last) return undefined;
  return {
    from: first.evaluations,
    to: last.evaluations,
    timePerIndicator: {
      scoreExplained: first.rate.scoreExplained / last.rate.scoreExplained,
      scoreBare: first.rate.scoreBare / last.rate.scoreBare,
      endToEnd: first.rate.endToEnd / last.rate.endToEnd,
    },
    peakRss: last.memory.rss / first.memory.rss,
    peakHeapUsed: last.memory.heapUsed / first.memory.heapUsed,
    retainedHeap: last.retainedHeap / first.retainedHeap,
  };
}

interface Verdict {
  /** Judged on batch scoring (no explanation text); the explained rate is reported beside it. */
  rate: { target: number; measured: number; explained: number; met: boolean } | undefined;
  /** Judged on what the run holds (heap after gc); the peaks are reported beside it. */
  memoryFlat:
    | {
        limit: number;
        retainedHeap: number;
        peakRss: number;
        peakHeapUsed: number;
        met: boolean;
        peaksFlat: boolean;
      }
    | undefined;
  overSpreadsheet: { wanted: number; endToEnd: number; scoreOnly: number; met: boolean } | undefined;
}

function verdict(runs: readonly JixiaoRun[], g: Growth | undefined, sheet: SheetRun | undefined): Verdict {
  const largest = runs.at(-1);
  const smallest = runs[0];
  return {
    rate: largest && {
      target: TARGET_RATE,
      measured: largest.rate.scoreBare,
      explained: largest.rate.scoreExplained,
      met: largest.rate.scoreBare >= TARGET_RATE,
    },
    memoryFlat: g && {
      limit: FLAT,
      retainedHeap: g.retainedHeap,
      peakRss: g.peakRss,
      peakHeapUsed: g.peakHeapUsed,
      met: g.retainedHeap <= FLAT,
      peaksFlat: g.peakRss <= FLAT && g.peakHeapUsed <= FLAT,
    },
    overSpreadsheet:
      smallest && sheet
        ? {
            wanted: MULTIPLE,
            endToEnd: smallest.rate.endToEnd / sheet.rowsPerSecond,
            scoreOnly: smallest.rate.scoreExplained / sheet.rowsPerSecond,
            met: smallest.rate.endToEnd / sheet.rowsPerSecond >= MULTIPLE,
          }
        : undefined,
  };
}

function jixiaoTable(runs: readonly JixiaoRun[], g: Growth | undefined): string[] {
  const rows = runs.map((r) => [
    int(r.evaluations),
    int(r.indicators),
    perSecond(r.rate.scoreExplained),
    perSecond(r.rate.scoreBare),
    perSecond(r.rate.endToEnd),
    mb(r.memory.rss),
    mb(r.memory.heapUsed),
    mb(r.retainedHeap),
  ]);
  const out = [
    section('jixiao: generate → parse → score, streaming, one core'),
    table(
      [
        'evaluations',
        'indicators',
        'score (explained)',
        'score (bare)',
        'parse + score',
        'peak RSS',
        'peak heap used',
        'heap after gc',
      ],
      rows,
    ),
  ];
  if (g) {
    out.push(
      section(`growth ${int(g.from)} → ${int(g.to)} evaluations`),
      table(
        ['measure', 'ratio'],
        [
          ['time per indicator, score (explained)', ratio(g.timePerIndicator.scoreExplained)],
          ['time per indicator, score (bare)', ratio(g.timePerIndicator.scoreBare)],
          ['time per indicator, parse + score', ratio(g.timePerIndicator.endToEnd)],
          ['peak RSS', ratio(g.peakRss)],
          ['peak heap used', ratio(g.peakHeapUsed)],
          ['heap used after gc', ratio(g.retainedHeap)],
        ],
      ),
    );
  }
  return out;
}

function sheetTable(sheet: SheetRun, runs: readonly JixiaoRun[]): string[] {
  const j = runs[0];
  const rows = [
    [
      'HyperFormula (float)',
      int(sheet.rows),
      perSecond(sheet.rowsPerSecond),
      mb(sheet.memory.rss),
      `${int(sheet.workbooks)} workbook${sheet.workbooks === 1 ? '' : 's'}, build + compute`,
    ],
  ];
  if (j) {
    rows.push([
      'jixiao parse + score (exact)',
      int(j.indicators),
      perSecond(j.rate.endToEnd),
      mb(j.memory.rss),
      `${ratio(j.rate.endToEnd / sheet.rowsPerSecond)} the spreadsheet`,
    ]);
    rows.push([
      'jixiao score (exact)',
      int(j.indicators),
      perSecond(j.rate.scoreExplained),
      mb(j.memory.rss),
      `${ratio(j.rate.scoreExplained / sheet.rowsPerSecond)} the spreadsheet`,
    ]);
  }
  const t = sheet.random;
  const kinds = Object.entries(t.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, int(v.rows), int(v.differ), `${((v.differ / v.rows) * 100).toFixed(2)}%`]);
  kinds.push(['all indicators', int(t.rows), int(t.differ), `${((t.differ / t.rows) * 100).toFixed(2)}%`]);
  kinds.push([
    'evaluation totals',
    int(t.totals.evaluations),
    int(t.totals.differ),
    `${((t.totals.differ / t.totals.evaluations) * 100).toFixed(2)}%`,
  ]);
  kinds.push([
    'grades',
    int(t.totals.evaluations),
    int(t.totals.gradesDiffer),
    `${((t.totals.gradesDiffer / t.totals.evaluations) * 100).toFixed(2)}%`,
  ]);
  return [
    section('spreadsheet engine: the same rules and data'),
    table(['engine', 'indicators', 'per second', 'peak RSS', 'note'], rows),
    section('exact vs floating point: random rows'),
    table(['method', 'rows', 'differ', 'share'], kinds),
    '',
    'examples:',
    table(
      ['row', 'exact raw', 'jixiao', 'spreadsheet'],
      t.examples.map((e) => [e.row, e.exactRaw, e.exact, e.spreadsheet]),
    ),
  ];
}

function craftedTable(rows: readonly CraftedRow[]): string[] {
  return [
    section('exact vs floating point: crafted rows'),
    table(
      ['row', 'why', 'jixiao', 'spreadsheet', 'differs'],
      rows.map((r) => [r.row, r.why, r.exact, r.spreadsheet, r.differs ? 'yes' : 'no']),
    ),
  ];
}

/** The microbenchmark in a child process, before the engine ever ran there. */
function microInFreshProcess(ms: number): MicroRun {
  const json = execFileSync(process.execPath, [join(import.meta.dirname, 'micro.ts'), String(ms)], {
    encoding: 'utf8',
  });
  return JSON.parse(json) as MicroRun;
}

interface Micro {
  fresh: MicroRun;
  /** Measured after the engine has run (absent when the jixiao phase did not run). */
  late: MicroRun | undefined;
}

function microTable(m: Micro): string[] {
  const rows = [
    ['BigInt rationals (jixiao), before the engine ran', perSecond(m.fresh.bigint)],
    ...(m.late ? [['BigInt rationals (jixiao), after the engine ran', perSecond(m.late.bigint)]] : []),
    ['binary doubles', perSecond(m.fresh.float)],
    ['decimal.js (not a dependency; see docs/performance.md)', '—'],
  ];
  return [
    section('arithmetic alone: band score w × (r − 60%) ÷ 40%, rounded half-up'),
    table(['numbers', 'band scores per second'], rows),
  ];
}

function reportsTable(r: ReportsRun): string[] {
  const rows = r.rows.map((row) => [
    row.name,
    formatLabel(row),
    int(row.documents),
    `${row.perSecond.toFixed(1)} /s`,
    row.msPerDocument.toFixed(1),
    `${(row.bytes / 1024).toFixed(0)} kB`,
  ]);
  const pdf =
    'skipped' in r.pdf
      ? `PDF: skipped (${r.pdf.skipped})`
      : `PDF through LibreOffice (one ${r.pdf.type} report with charts, incl. start-up and TOC refresh): ${(r.pdf.ms / 1000).toFixed(2)} s, ${(r.pdf.bytes / 1024).toFixed(0)} kB`;
  return [
    section(
      `reports: render a scored evaluation (${r.indicatorsPerEvaluation} leaf indicators), one document at a time`,
    ),
    table(['report', 'format', 'documents', 'documents/s', 'ms per document', 'size'], rows),
    '',
    r.chartsDrawn ? 'charts drawn with a CJK font' : 'no CJK font found: the "charts" rows carry no charts',
    pdf,
    `peak RSS ${mb(r.memory.rss)}, peak heap used ${mb(r.memory.heapUsed)}`,
  ];
}

function departmentTable(d: DepartmentRun): string[] {
  const b = d.batch;
  const x = (ms: number): string => `×${(ms / d.msFloor).toFixed(2)}`;
  return [
    section('reports: the 42-indicator department report (seed 002) against the docx floor'),
    'One document at a time (median of the three kinds interleaved document by document):',
    '',
    table(
      ['document', 'ms per document', '× floor'],
      [
        ['docx floor: the same score tables, no text, no charts', d.msFloor.toFixed(1), '×1.00'],
        ['department report, no charts', d.msWithoutCharts.toFixed(1), x(d.msWithoutCharts)],
        ['department report with charts', d.msWithCharts.toFixed(1), x(d.msWithCharts)],
      ],
    ),
    '',
    `In a batch (${String(b.inFlight)} reports in flight: one is packed while the charts of another are drawn on the chart thread):`,
    '',
    table(
      ['batch', 'reports', 'reports/s', 'floor ÷ this'],
      [
        [
          'docx floor, one after another',
          int(Math.min(b.reports, 200)),
          `${d.floorPerSecond.toFixed(1)} /s`,
          '×1.00',
        ],
        [
          'department reports with charts',
          int(b.reports),
          `${b.perSecond.toFixed(1)} /s`,
          `×${(d.floorPerSecond / b.perSecond).toFixed(2)}`,
        ],
      ],
    ),
    '',
    `batch: ${int(b.reports)} department reports with charts in ${b.seconds.toFixed(1)} s (${((b.seconds * 1000) / b.reports).toFixed(0)} ms each, ${int(b.failed)} failed); heap after gc ${mb(b.heapAfter100)} after 100, ${mb(b.heapAtEnd)} at the end; RSS ${mb(b.rssAfter100)} after 100, ${mb(b.rssAtEnd)} at the end (chart thread included), peak ${mb(b.peakRss)}`,
  ];
}

function departmentVerdict(d: DepartmentRun): string[] {
  const yes = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const heap = d.batch.heapAtEnd / d.batch.heapAfter100;
  const batchRatio = d.floorPerSecond / d.batch.perSecond;
  return [
    `- < 0.2 s per department report with charts: ${d.msWithCharts.toFixed(0)} ms — ${yes(d.msWithCharts < 200)}`,
    `- within 2× of the docx floor, reports per second in a batch with charts: ×${batchRatio.toFixed(2)} — ${yes(batchRatio <= 2)}`,
    `- within 2× of the docx floor, one report alone: without charts ×${(d.msWithoutCharts / d.msFloor).toFixed(2)} — ${yes(d.msWithoutCharts <= 2 * d.msFloor)}; with charts ×${(d.msWithCharts / d.msFloor).toFixed(2)} — ${yes(d.msWithCharts <= 2 * d.msFloor)}`,
    `- a batch of ${int(d.batch.reports)} reports, memory flat: heap after gc ${ratio(heap)} from report 100 to the end — ${yes(heap <= 1.25)}`,
  ];
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const cpuMs = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(2));

function serviceTable(s: ServiceRun): string[] {
  const measured = s.backends.filter((b): b is BackendRun => !('skipped' in b));
  const skipped = s.backends.flatMap((b) => ('skipped' in b ? [`${b.backend}: skipped (${b.skipped})`] : []));
  const first = measured[0];
  const bytes = (endpoint: string): string => {
    const l = first?.loads.find((x) => x.endpoint === endpoint);
    return l === undefined ? '' : `${int(l.bodyBytes)} bytes`;
  };
  const conn = (l: { connections: number; freshConnections: boolean }): string =>
    l.freshConnections ? `${int(l.connections)}, opened under load` : int(l.connections);
  const out = [
    section(
      `service: a scored evaluation over HTTP on loopback, ${int(s.connections)} connections (autocannon)`,
    ),
    `seed 002 (嵩明县总工会, 42 leaf indicators): GET /api/evaluations/:id answers ${bytes('GET /api/evaluations/:id')}${first?.loads.some((l) => l.endpoint.endsWith('/score')) ? `, …/score ${bytes('GET /api/evaluations/:id/score')}` : ''}`,
    `${String(s.cores)} cores shared by autocannon, the server and the database, load ${s.loadAverage} at the start; ${String(s.warmUpSeconds)} s warm-up on the same connections, then ${String(s.seconds)} s measured${measured.some((b) => b.loads.some((l) => l.connections < s.connections)) ? ' (fewer connections: 1 s, then 5 s)' : ''}`,
    '',
    table(
      [
        'database',
        'server',
        'endpoint',
        'connections',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'errors',
        'non-2xx',
      ],
      measured.flatMap((b) =>
        b.loads.map((l) => [
          b.backend,
          l.server,
          l.endpoint,
          conn(l),
          int(l.perSecond),
          ms(l.latencyMs.p50),
          ms(l.latencyMs.p99),
          ms(l.latencyMs.max),
          int(l.errors + l.timeouts),
          int(l.non2xx),
        ]),
      ),
    ),
  ];
  if (skipped.length > 0) out.push('', ...skipped);
  out.push(
    section("service: where the time goes (CPU ms per request, and the server's own view)"),
    table(
      [
        'database',
        'server',
        'endpoint',
        'connections',
        'server CPU',
        'PostgreSQL CPU',
        'bench process CPU',
        'server event loop busy',
        'in server p50 ms',
        'in server p99 ms',
      ],
      measured.flatMap((b) =>
        b.loads.map((l) => [
          b.backend,
          l.server,
          l.endpoint,
          conn(l),
          cpuMs(l.cpuMsPerRequest.server),
          cpuMs(l.cpuMsPerRequest.database),
          cpuMs(l.cpuMsPerRequest.bench),
          `${(l.serverSide.eventLoopBusy * 100).toFixed(0)}%`,
          ms(l.serverSide.latencyMs.p50),
          ms(l.serverSide.latencyMs.p99),
        ]),
      ),
    ),
    '',
    "server CPU: the server's process (PGlite runs inside it); bench process: autocannon (and the server, when it runs there); in server: from the parsed request to the response handed to the socket",
    '',
    measured
      .map(
        (b) =>
          `${b.database}: started in ${((b.setupMs.open + b.setupMs.migrate + b.setupMs.seed + b.setupMs.admin + b.setupMs.listen) / 1000).toFixed(1)} s (open ${b.setupMs.open.toFixed(0)} ms, migrate ${b.setupMs.migrate.toFixed(0)} ms, seed ${b.setupMs.seed.toFixed(0)} ms, admin ${b.setupMs.admin.toFixed(0)} ms, listen ${b.setupMs.listen.toFixed(0)} ms)`,
      )
      .join('\n'),
  );
  const parts = measured.flatMap((b) => (b.parts ? [[b.backend, b.parts] as const] : []));
  if (parts.length > 0)
    out.push(
      section('service: the parts of one request, one at a time in process (median ms)'),
      table(
        [
          'database',
          'session lookup',
          'read the evaluation',
          'JSON.parse of the document',
          'JSON.stringify of the response',
          'score: parse + score + JSON',
        ],
        parts.map(([name, p]) => [
          name,
          p.sessionLookup.toFixed(2),
          p.readEvaluation.toFixed(2),
          p.parseDocument.toFixed(2),
          p.stringifyResponse.toFixed(2),
          p.score.toFixed(2),
        ]),
      ),
    );
  const experiments = measured.filter((b) => b.experiments.length > 0);
  if (experiments.length > 0)
    out.push(
      section(
        `service: the read caches on and off (${int(s.connections)} connections, ${String(experiments[0]?.experiments[0]?.rounds ?? 0)} interleaved rounds each)`,
      ),
      table(
        [
          'database',
          'read caches',
          'endpoint',
          'requests/s',
          'p50 ms',
          'p99 ms',
          'in server p99 ms',
          'server CPU',
          'PostgreSQL CPU',
          'errors',
          'non-2xx',
        ],
        experiments.flatMap((b) =>
          b.experiments.map((e) => [
            b.backend,
            e.variant,
            e.endpoint,
            int(e.perSecond),
            ms(e.latencyMs.p50),
            ms(e.latencyMs.p99),
            ms(e.serverP99Ms),
            cpuMs(e.cpuMsPerRequest.server),
            cpuMs(e.cpuMsPerRequest.database),
            int(e.errors),
            int(e.non2xx),
          ]),
        ),
      ),
      '',
      'p50 and p99: medians over the rounds; CPU: ms per request',
    );
  return out;
}

function serviceVerdict(s: ServiceRun): string[] {
  const judged = s.backends.map((b) => {
    if ('skipped' in b) return `${b.backend} skipped (${b.skipped})`;
    const l = headline(b);
    if (l === undefined) return `${b.backend} —`;
    const met = l.latencyMs.p99 < TARGET_P99_MS && l.errors + l.timeouts + l.non2xx === 0;
    return `${b.backend} ${ms(l.latencyMs.p99)} ms — ${met ? 'met' : 'NOT met'}`;
  });
  return [
    `- p99 < ${String(TARGET_P99_MS)} ms reading a scored evaluation at ${int(s.connections)} connections: ${judged.join('; ')}`,
  ];
}

function checkerTable(c: CheckerRun): string[] {
  const f = c.folder;
  const command =
    'failed' in f.command
      ? `failed (${f.command.failed})`
      : `${f.command.perSecond.toFixed(1)} reports/s (${(f.command.ms / 1000).toFixed(2)} s, Node start-up included)`;
  const single =
    'failed' in c.command
      ? `failed (${c.command.failed})`
      : `median ${ms(c.command.medianMs)} ms over ${String(c.command.runs)} runs (${c.command.file})`;
  return [
    section(
      `checker: each published report checked ${String(c.rows[0]?.runs ?? 0)} times in process (read → extract → audit)`,
    ),
    table(
      ['report', 'format', 'size', 'units', 'findings', 'first check ms', 'median ms', 'p95 ms', '< 1 s'],
      c.rows.map((r) => [
        r.file,
        r.format,
        `${(r.bytes / 1024).toFixed(1)} kB`,
        int(r.units),
        int(r.findings),
        ms(r.firstMs),
        ms(r.medianMs),
        ms(r.p95Ms),
        r.underTarget ? 'yes' : 'NO',
      ]),
    ),
    '',
    'the .docx is made from the text, a paragraph per line (no tables): it times the reading of a Word file',
    `folder of ${int(f.files)} reports (the five × copies), one after another: in process ${f.inProcess.perSecond.toFixed(1)} reports/s (${(f.inProcess.ms / f.files).toFixed(1)} ms each); jixiao check FOLDER --json: ${command}`,
    `jixiao check FILE, end to end: ${single}`,
    `peak RSS ${mb(c.memory.rss)}, peak heap used ${mb(c.memory.heapUsed)}`,
  ];
}

function checkerVerdict(c: CheckerRun): string[] {
  const worst = Math.max(...c.rows.map((r) => r.medianMs));
  const met = c.rows.every((r) => r.underTarget);
  const end =
    'failed' in c.command
      ? 'the command failed'
      : `as a command, start-up included: ${ms(c.command.medianMs)} ms — ${c.command.medianMs < CHECKER_TARGET_MS ? 'met' : 'NOT met'}`;
  return [
    `- a typical report checked in under ${String(CHECKER_TARGET_MS)} ms: slowest median ${ms(worst)} ms — ${met ? 'met' : 'NOT met'}; ${end}`,
  ];
}

function verdictLines(v: Verdict): string[] {
  const yes = (b: boolean): string => (b ? 'met' : 'NOT met');
  const out = [section('targets')];
  if (v.rate)
    out.push(
      `- ≥ ${int(v.rate.target)} indicators/s scored on one core, exact (batch scoring, no explanation text): ${perSecond(v.rate.measured)} — ${yes(v.rate.met)}`,
      `  with a Chinese explanation written for every score: ${perSecond(v.rate.explained)}`,
    );
  if (v.memoryFlat) {
    const m = v.memoryFlat;
    out.push(
      `- memory flat: heap held after gc ${ratio(m.retainedHeap)} (≤ ${ratio(m.limit)}) — ${yes(m.met)}`,
    );
    out.push(
      `  peaks: RSS ${ratio(m.peakRss)}, heap used ${ratio(m.peakHeapUsed)} — ${m.peaksFlat ? 'flat' : 'NOT flat (garbage awaiting collection: V8 grows its heap in a longer run)'}`,
    );
  }
  if (v.overSpreadsheet) {
    out.push(
      `- a clear multiple (≥ ${ratio(v.overSpreadsheet.wanted)}) over the spreadsheet engine: parse + score ${ratio(v.overSpreadsheet.endToEnd)}, score ${ratio(v.overSpreadsheet.scoreOnly)} — ${yes(v.overSpreadsheet.met)}`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  const opts = options();
  const info = machine();
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const out: string[] = [
    '# jixiao benchmark',
    '',
    `${String(info.cpu)}, ${String(info.cores)} cores, ${String(info.memory)}, ${String(info.platform)}, Node ${String(info.node)}, load ${String(info.loadAverage)}, gc exposed: ${String(info.gcExposed)}`,
    `${LEAVES} leaf indicators per evaluation, seed ${opts.seed}${opts.quick ? ', --quick' : ''}`,
  ];
  const microMs = opts.quick ? 200 : 1500;
  const fresh = opts.phases.has('micro') ? microInFreshProcess(microMs) : undefined;
  const runs: JixiaoRun[] = [];
  if (opts.phases.has('jixiao')) {
    log('warming up …');
    warmUp(opts.seed, opts.quick ? 100 : 500);
    for (const n of opts.sizes) {
      collectGarbage();
      log(`jixiao: ${int(n)} evaluations …`);
      runs.push(runJixiao(opts.seed, n));
    }
    out.push(...jixiaoTable(runs, growth(runs)));
  }
  let sheet: SheetRun | undefined;
  if (opts.phases.has('spreadsheet')) {
    const smallest = Math.min(...opts.sizes);
    const evaluations = opts.quick ? smallest : Math.max(smallest, Math.ceil(MIN_SHEET_ROWS / LEAVES));
    collectGarbage();
    log(`spreadsheet: ${int(evaluations * LEAVES)} rows …`);
    sheet = runSpreadsheet(opts.seed, evaluations, opts.quick ? 1_000 : 2_500);
    out.push(...sheetTable(sheet, runs));
  }
  let crafted: CraftedRow[] | undefined;
  if (opts.phases.has('crafted')) {
    crafted = runCrafted();
    out.push(...craftedTable(crafted));
  }
  let micro: Micro | undefined;
  if (fresh) {
    collectGarbage();
    log('microbenchmark …');
    micro = { fresh, late: runs.length > 0 ? runMicro(microMs, 'late') : undefined };
    out.push(...microTable(micro));
  }
  let reports: ReportsRun | undefined;
  let department: DepartmentRun | undefined;
  if (opts.phases.has('reports')) {
    collectGarbage();
    reports = await runReports(opts.seed, opts.quick ? QUICK_COUNTS : FULL_COUNTS, log);
    out.push(...reportsTable(reports));
    collectGarbage();
    log('reports: seed 002 department report against the docx floor, then a batch …');
    department = await runDepartment(opts.quick ? 5 : 50, opts.quick ? 20 : 1000);
    out.push(...departmentTable(department));
  }
  let service: ServiceRun | undefined;
  if (opts.phases.has('service')) {
    service = await runService(opts.quick, log);
    out.push(...serviceTable(service));
  }
  let checker: CheckerRun | undefined;
  if (opts.phases.has('checker')) {
    collectGarbage();
    checker = await runChecker(opts.quick ? QUICK_CHECKER : FULL_CHECKER, log);
    out.push(...checkerTable(checker));
  }
  const g = growth(runs);
  const v = verdict(runs, g, sheet);
  out.push(...verdictLines(v));
  if (department) out.push(...departmentVerdict(department));
  if (service) out.push(...serviceVerdict(service));
  if (checker) out.push(...checkerVerdict(checker));
  mkdirSync(dirname(opts.out), { recursive: true });
  const results = {
    date: new Date().toISOString(),
    machine: info,
    options: { ...opts, phases: [...opts.phases] },
    jixiao: runs,
    growth: g,
    spreadsheet: sheet,
    crafted,
    micro,
    reports,
    department,
    service,
    checker,
    verdict: v,
  };
  writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  out.push('', `results written to ${relative(process.cwd(), opts.out)}`);
  console.log(out.join('\n'));
}

await main();

/**
 * Smoke test of the benchmark: `bench/run.ts --quick` runs in a child process (Node 24) and reports
 * every section with positive figures, the report and service phases included. No timing assertion:
 * the machine is shared and noisy.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DepartmentRun } from '../bench/report-batch.ts';
import type { ServiceRun } from '../bench/service.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');

interface Results {
  jixiao: {
    evaluations: number;
    indicators: number;
    rate: Record<string, number>;
    memory: { rss: number; heapUsed: number };
    checksum: string;
  }[];
  growth: { timePerIndicator: Record<string, number>; peakRss: number } | undefined;
  spreadsheet: { rows: number; rowsPerSecond: number; random: { rows: number; differ: number } };
  crafted: { row: string; exact: string; spreadsheet: string; differs: boolean }[];
  micro: { fresh: { bigint: number; float: number }; late: { bigint: number; float: number } };
  reports: {
    rows: {
      type: string;
      format: string;
      charts: boolean;
      documents: number;
      perSecond: number;
      bytes: number;
    }[];
    pdf: { ms: number; bytes: number } | { skipped: string };
  };
  department: DepartmentRun;
  service: ServiceRun;
}

const SECTIONS = [
  '## jixiao: generate → parse → score, streaming, one core',
  '## growth 1,000 → 5,000 evaluations',
  '## spreadsheet engine: the same rules and data',
  '## exact vs floating point: random rows',
  '## exact vs floating point: crafted rows',
  '## arithmetic alone',
  '## reports: render a scored evaluation',
  '## reports: the 42-indicator department report (seed 002) against the docx floor',
  '## service: a scored evaluation over HTTP on loopback, 100 connections (autocannon)',
  '## service: where the time goes',
  '## targets',
];

void test(
  'npm run bench -- --quick: every section, positive figures, the crafted ties told apart',
  { timeout: 300_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-bench-'));
    try {
      const out = join(dir, 'results.json');
      const { stdout } = await promisify(execFile)(
        NODE,
        ['--expose-gc', 'bench/run.ts', '--quick', `--out=${out}`],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      for (const s of SECTIONS) assert.ok(stdout.includes(s), `missing section: ${s}`);
      assert.match(stdout, /\|\s+1,000 \|\s+40,000 \|\s+[\d.]+ [kM]\/s \|/);

      const r = JSON.parse(await readFile(out, 'utf8')) as Results;
      assert.deepEqual(
        r.jixiao.map((j) => [j.evaluations, j.indicators]),
        [
          [1_000, 40_000],
          [5_000, 200_000],
        ],
      );
      for (const j of r.jixiao) {
        for (const rate of Object.values(j.rate)) assert.ok(rate > 0);
        assert.ok(j.memory.rss > 0 && j.memory.heapUsed > 0);
        assert.ok(BigInt(j.checksum) > 0n);
      }
      assert.ok(r.growth && r.growth.peakRss > 0);
      assert.ok(r.spreadsheet.rowsPerSecond > 0);
      assert.equal(r.spreadsheet.rows, 40_000);
      assert.equal(r.spreadsheet.random.rows, 40_000);
      for (const m of [r.micro.fresh, r.micro.late]) assert.ok(m.bigint > 0 && m.float > 0);

      // Every report type in Word, the two tables also in Excel, the two reports also with charts.
      const kinds = r.reports.rows.map((x) => `${x.type} ${x.format}${x.charts ? ' charts' : ''}`);
      for (const k of [
        'project docx',
        'project docx charts',
        'department docx',
        'department docx charts',
        'self-table docx',
        'self-table xlsx',
        'indicators docx',
        'indicators xlsx',
      ])
        assert.ok(kinds.includes(k), `missing report row: ${k}`);
      for (const x of r.reports.rows) assert.ok(x.documents > 0 && x.perSecond > 0 && x.bytes > 0);
      assert.match(stdout, /\| 绩效自评表\s+\| xlsx\s+\|\s+10 \|\s+[\d.]+ \/s \|/);
      if (!('skipped' in r.reports.pdf)) assert.ok(r.reports.pdf.ms > 0 && r.reports.pdf.bytes > 0);
      // The department report against the docx floor, and a batch with its memory.
      const d = r.department;
      assert.ok(d.msFloor > 0 && d.msWithoutCharts > 0 && d.msWithCharts > 0);
      assert.equal(d.batch.reports, 20);
      assert.ok(d.batch.seconds > 0 && d.batch.heapAfter100 > 0 && d.batch.heapAtEnd > 0);
      assert.ok(d.floorPerSecond > 0 && d.batch.perSecond > 0 && d.batch.inFlight >= 1);
      assert.equal(d.batch.failed, 0);
      assert.match(stdout, /- < 0\.2 s per department report with charts: \d+ ms/);
      assert.match(
        stdout,
        /- within 2× of the docx floor, reports per second in a batch with charts: ×[\d.]+/,
      );

      // The service under load: every answer a 200, on PGlite and on PostgreSQL (or skipped
      // with the reason); p99 reported against the target, whatever it is.
      const backends = r.service.backends.map((b) => b.backend);
      assert.deepEqual(backends, ['PGlite', 'PostgreSQL']);
      for (const b of r.service.backends) {
        if ('skipped' in b) {
          assert.ok(b.backend === 'PostgreSQL' && b.skipped.length > 0);
          continue;
        }
        assert.ok(b.evaluationId > 0);
        const l = b.loads.find((x) => x.connections === 100 && x.endpoint === 'GET /api/evaluations/:id');
        assert.ok(l, `no 100-connection run on ${b.backend}`);
        assert.ok(l.requests > 0 && l.perSecond > 0 && l.bodyBytes > 10_000);
        assert.ok(l.latencyMs.p50 > 0 && l.latencyMs.p99 >= l.latencyMs.p50);
        // every answer was a 200; on a shared, overloaded machine a few requests may time out or
        // lose their connection (autocannon's errors), never more than 1 in 20
        assert.equal(l.non2xx, 0, `${b.backend}: answers other than 2xx`);
        assert.ok(
          l.errors + l.timeouts <= l.requests / 20,
          `${b.backend}: ${String(l.errors)} errors, ${String(l.timeouts)} timeouts`,
        );
        assert.ok(l.serverSide.requests > 0);
      }
      assert.match(
        stdout,
        /- p99 < 50 ms reading a scored evaluation at 100 connections: PGlite [\d.]+ ms — (?:met|NOT met); PostgreSQL (?:[\d.]+ ms — (?:met|NOT met)|skipped \(.+\))/,
      );

      // The point of exact decimals: 1 × (95% − 60%) ÷ 40% = 0.875 rounds half-up to 0.88.
      const band = r.crafted.find((c) => c.row === 'band w=1 target 100% actual 95%');
      assert.equal(band?.exact, '0.88');
      assert.ok(r.crafted.some((c) => c.differs));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

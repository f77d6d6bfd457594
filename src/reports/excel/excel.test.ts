/** The workbooks read back with exceljs: every score equals the engine's, merges, formats, injection-safe text. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { auditEvaluation } from '../../core/audit/index.ts';
import { toFixed } from '../../core/decimal/index.ts';
import { flatten, scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import type { ScoreResult } from '../../core/result.ts';
import { renderExcel } from './index.ts';
import { SELF_TABLE_HEADER } from './self-table.ts';

const SEEDS = new URL('../../../examples/seeds/', import.meta.url);
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.json'));

function score(json: unknown): ScoreResult {
  return scoreEvaluation(parseEvaluation(json));
}

function seed(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, SEEDS), 'utf8')) as unknown;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `sheet ${name}`);
  return ws;
}

/** Rows whose first cell equals `text`. */
function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  return -1;
}

const num = (c: ExcelJS.Cell): number => c.value as number;

void describe('indicators workbook', () => {
  for (const file of seeds) {
    void test(`${file}: every node's score, weight and rate as the engine's`, async () => {
      const result = score(seed(file));
      const wb = await load(await renderExcel({ result, findings: auditEvaluation(result) }, 'indicators'));
      const ws = sheet(wb, '指标体系评分表');
      for (const s of flatten(result.roots)) {
        const r = findRow(ws, 1, s.node.code);
        assert.ok(r > 0, `row for ${s.node.code}`);
        assert.equal(num(ws.getCell(r, 9)), Number(toFixed(s.score, 2)), s.node.code);
        assert.equal(ws.getCell(r, 9).numFmt, '#,##0.00');
        assert.equal(num(ws.getCell(r, 5)), Number(toFixed(s.effectiveWeight, 2)));
        if (s.rate !== null) {
          assert.equal(num(ws.getCell(r, 10)), Number(toFixed(s.rate, 4)));
          assert.equal(ws.getCell(r, 10).numFmt, '0.00%');
        }
      }
      const total = findRow(ws, 1, '总分');
      assert.equal(num(ws.getCell(total, 9)), Number(toFixed(result.total, 2)));
      const merges = (ws.model as unknown as { merges: string[] }).merges;
      const first = result.roots[0];
      assert.ok(first && first.children.length > 0);
      const r1 = findRow(ws, 1, first.node.code);
      assert.ok(
        merges.some((m) => m.startsWith(`B${r1}:B`)),
        `level-1 name merged down: ${merges.join(' ')}`,
      );
      const findings = sheet(wb, '审核发现');
      assert.equal(findings.getCell(1, 1).value, '严重程度');
    });
  }
});

void describe('self-table workbook', () => {
  for (const file of seeds) {
    void test(`${file}: leaf scores in order, 总分, funds with formats`, async () => {
      const result = score(seed(file));
      const wb = await load(await renderExcel({ result, findings: [] }, 'self-table'));
      const ws = wb.worksheets[0];
      assert.ok(ws);
      const header = findRow(ws, 1, SELF_TABLE_HEADER[0]);
      assert.ok(header > 0);
      SELF_TABLE_HEADER.forEach((h, i) => {
        assert.equal(ws.getCell(header, i + 1).value, h);
      });
      const leaves = flatten(result.roots).filter((s) => s.children.length === 0);
      leaves.forEach((s, i) => {
        const c = ws.getCell(header + 1 + i, 7);
        assert.equal(num(c), Number(toFixed(s.score, 2)), s.node.code);
        assert.equal(c.numFmt, '#,##0.00');
      });
      const total = header + 1 + leaves.length;
      assert.equal(ws.getCell(total, 1).value, '总分');
      assert.equal(num(ws.getCell(total, 7)), Number(toFixed(result.total, 2)));
      const funds = findRow(ws, 2, '年度资金总额');
      assert.ok(funds > 0);
      const ev = result.evaluation;
      if (ev.budget.annual !== undefined) assert.equal(ws.getCell(funds, 4).numFmt, '#,##0.00');
      if (ev.budget.annual !== undefined && ev.budget.executed !== undefined)
        assert.equal(ws.getCell(funds, 6).numFmt, '0.00%');
      assert.equal(ws.pageSetup.paperSize, 9);
      assert.equal(ws.pageSetup.printTitlesRow, `${header}:${header}`);
      assert.equal(ws.getCell(header + 1, 1).font.name, '仿宋');
    });
  }

  void test('003 in 万元: 年度资金总额 277.06 / 358.52, 执行率 129.40%', async () => {
    const result = score(seed('003_e5ac9451f3a1d231.json'));
    const wb = await load(await renderExcel({ result, findings: [] }, 'self-table'));
    const ws = wb.worksheets[0];
    assert.ok(ws);
    const r = findRow(ws, 2, '年度资金总额');
    assert.equal(ws.getCell(r, 4).value, 277.06);
    assert.equal(ws.getCell(r, 5).value, 358.52);
    assert.equal(ws.getCell(r, 6).value, 1.294);
    assert.match(ws.getCell(r - 1, 1).text, /资金情况（万元）/);
  });
});

void describe('formula injection', () => {
  const evil = {
    format: 'jixiao/evaluation@1',
    kind: 'unit',
    mode: 'self',
    fiscalYear: 2023,
    unit: { name: '=HYPERLINK("http://x","y")' },
    indicators: [
      {
        code: 'A',
        name: '+cmd|calc',
        weight: 100,
        target: '@SUM(1)',
        actual: '-1+2',
        deviation: '=1+1',
        method: { type: 'manual', score: 90, reason: '=A1' },
      },
    ],
  };

  for (const type of ['self-table', 'indicators'] as const) {
    void test(`${type}: text starting with = + - @ stays a string cell, never a formula`, async () => {
      const result = score(evil);
      const wb = await load(await renderExcel({ result, findings: auditEvaluation(result) }, type));
      const texts = new Set<string>();
      wb.eachSheet((ws) => {
        ws.eachRow((row) => {
          row.eachCell((c) => {
            assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${c.address} is a formula`);
            if (typeof c.value === 'string') texts.add(c.value);
          });
        });
      });
      assert.ok(texts.has('+cmd|calc'));
      assert.ok(texts.has('@SUM(1)'));
      assert.ok(texts.has('-1+2'));
    });
  }
});

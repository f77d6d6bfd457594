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
import { SheetNames } from './sheet-names.ts';
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

const SEED_001 = ['zonggonghui', 'wenhuagong', 'xuanjiao', 'fuwuzhongxin'].map((u) =>
  score(seed(`001_a409125ab5d60bf9-${u}.json`)),
);

function withUnits(): Parameters<typeof renderExcel>[0] {
  const [dept, ...units] = SEED_001;
  assert.ok(dept);
  return {
    result: dept,
    findings: auditEvaluation(dept),
    units: units.map((result) => ({ result, findings: auditEvaluation(result) })),
  };
}

void describe('a department with its units side by side (seed 001)', () => {
  const names = SEED_001.map((r) => r.evaluation.unit.name);

  void test('indicators: 汇总 first, then one sheet per unit, then 审核发现', async () => {
    const wb = await load(await renderExcel(withUnits(), 'indicators'));
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['汇总', ...names, '审核发现'],
    );
    const sum = sheet(wb, '汇总');
    assert.equal(sum.getCell(2, 1).value, '单位');
    assert.equal(sum.getCell(2, 2).value, '部门决策（13分）');
    assert.equal(sum.getCell(3, 2).value, '得分');
    assert.equal(sum.getCell(3, 3).value, '得分率');
    const totalCol = findCol(sum, 2, '总分');
    assert.equal(totalCol, 2 + 2 * 4);
    const expected = [95.06, 95.25, 93.91, 94.9];
    names.forEach((n, i) => {
      const r = findRow(sum, 1, n);
      assert.equal(r, 4 + i);
      const total = sum.getCell(r, totalCol);
      assert.equal(total.value, expected[i], n);
      assert.equal(total.numFmt, '0.00');
      assert.equal(sum.getCell(r, totalCol + 1).value, '优');
      const result = SEED_001[i];
      assert.ok(result);
      result.roots.forEach((g, k) => {
        assert.equal(sum.getCell(r, 2 + 2 * k).value, Number(toFixed(g.score, 2)));
        assert.equal(sum.getCell(r, 2 + 2 * k).numFmt, '0.00');
        assert.equal(sum.getCell(r, 3 + 2 * k).value, Number(toFixed(g.rate ?? { n: 0n, d: 1n }, 4)));
        assert.equal(sum.getCell(r, 3 + 2 * k).numFmt, '0.00%');
      });
      const unit = sheet(wb, n);
      assert.equal(num(unit.getCell(findRow(unit, 1, '总分'), 9)), expected[i]);
    });
    assert.equal(sum.getCell(5, 6).value, 34); // 工人文化宫 部门产出 full marks
    const findings = sheet(wb, '审核发现');
    const locations = findings.getColumn(3).values.filter((v): v is string => typeof v === 'string');
    assert.ok(
      locations.slice(1).every((l) => names.some((n) => l.startsWith(n))),
      locations.join(' | '),
    );
  });

  void test('self-table: one 自评表 sheet per unit with its 总分', async () => {
    const wb = await load(await renderExcel(withUnits(), 'self-table'));
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      names,
    );
    SEED_001.forEach((r) => {
      const ws = sheet(wb, r.evaluation.unit.name);
      const total = findRow(ws, 1, '总分');
      assert.equal(num(ws.getCell(total, 7)), Number(toFixed(r.total, 2)));
      assert.equal(findRow(ws, 2, r.evaluation.unit.name) > 0, true);
    });
  });

  void test('sheet names: at most 31 characters, no []:*?/\\, unique', () => {
    const names = new SheetNames(['汇总']);
    const long = '某某省某某市某某县某某乡镇人民政府下属某某事业单位某某中心服务站';
    const a = names.next(long);
    const b = names.next(long);
    assert.equal(a.length, 31);
    assert.ok(b.length <= 31);
    assert.notEqual(a, b);
    assert.equal(names.next('汇总'), '汇总(2)');
    assert.equal(names.next('a/b[c]:d'), 'a_b_c__d');
    assert.equal(names.next(''), '单位');
  });
});

function findCol(ws: ExcelJS.Worksheet, row: number, text: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(row, c).value === text) return c;
  return -1;
}

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

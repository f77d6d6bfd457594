/** The import workbook both ways: round trips that score the same, errors at sheet/row/column, formulas, 10,000 rows. */
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { toFixed } from '../../core/decimal/index.ts';
import { flatten, scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import type { EvaluationInput } from '../../core/schema/evaluation.ts';
import { templates } from '../../core/templates/index.ts';
import { ImportError, type ImportIssue, importWorkbook } from './import.ts';
import { INDICATOR_COLUMNS } from './layout.ts';
import { buildImportTemplate } from './template.ts';

const SEEDS = new URL('../../../examples/seeds/', import.meta.url);
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.json'));
const seed = (f: string): EvaluationInput =>
  JSON.parse(readFileSync(new URL(f, SEEDS), 'utf8')) as EvaluationInput;
/** 002 refers to its surveys (问卷) by id; the workbook has no 问卷 sheet. */
const NEEDS_SURVEYS = new Set(['002_bcba853156c95a30.json']);

function scores(ev: EvaluationInput): Map<string, string> {
  const r = scoreEvaluation(parseEvaluation(ev));
  const m = new Map(flatten(r.roots).map((s) => [s.node.code, toFixed(s.score, 4)]));
  m.set('（总分）', toFixed(r.total, 4));
  m.set('（等级）', r.grade);
  return m;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function issuesOf(bytes: Uint8Array): Promise<readonly ImportIssue[]> {
  try {
    await importWorkbook(bytes);
  } catch (e) {
    if (e instanceof ImportError) return e.issues;
    throw e;
  }
  assert.fail('expected an ImportError');
}

const col = (key: string): number => INDICATOR_COLUMNS.findIndex((c) => c.key === key) + 1;

void describe('round trip: import(buildImportTemplate({from})) scores the same', () => {
  for (const f of seedFiles.filter((x) => !NEEDS_SURVEYS.has(x))) {
    void test(f, async () => {
      const ev = seed(f);
      const back = await importWorkbook(await buildImportTemplate({ from: ev }));
      assert.deepEqual(scores(back), scores(ev));
      assert.equal(back.unit.name, ev.unit.name);
      assert.equal(back.amountUnit, ev.amountUnit);
      assert.deepEqual(back.goals, ev.goals);
    });
  }
  for (const t of templates) {
    void test(`template ${t.id}`, async () => {
      const ev = t.build({ unitName: '某某单位', fiscalYear: 2024 });
      const back = await importWorkbook(await buildImportTemplate({ from: ev }));
      assert.deepEqual(scores(back), scores(ev));
    });
  }
  void test('002 needs its surveys: reported at the rows that refer to them', async () => {
    const issues = await issuesOf(await buildImportTemplate({ from: seed('002_bcba853156c95a30.json') }));
    assert.ok(issues.length > 0);
    for (const i of issues) {
      assert.equal(i.sheet, '指标');
      assert.match(i.message, /问卷“.+”不存在/);
    }
  });
});

void describe('the template', () => {
  void test('empty: sheets, headers, drop-down lists and notes', async () => {
    const wb = await load(await buildImportTemplate());
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['说明', '基本信息', '预算', '人员', '指标'],
    );
    const ind = wb.getWorksheet('指标');
    assert.ok(ind);
    INDICATOR_COLUMNS.forEach((c, i) => {
      assert.equal(ind.getCell(1, i + 1).value, c.header);
    });
    assert.ok(ind.getCell(1, col('weight')).note);
    const dv = ind.getCell(2, col('method')).dataValidation;
    assert.equal(dv.type, 'list');
    assert.match(String(dv.formulae[0]), /区间插值/);
    const info = wb.getWorksheet('基本信息');
    assert.ok(info);
    const unitRow = info.getColumn(1).values.indexOf('金额单位');
    assert.deepEqual(info.getCell(unitRow, 2).dataValidation.formulae, ['"元,万元"']);
    const guide = wb.getWorksheet('说明');
    assert.ok(guide && guide.rowCount > 60);
  });

  void test('an empty template imports with every missing required field named', async () => {
    const issues = await issuesOf(await buildImportTemplate());
    const where = issues.map((i) => `${i.sheet}:${i.row ?? ''}:${i.column ?? ''}`);
    assert.ok(where.includes('基本信息:2:B'), where.join(' ')); // 评价类型
    assert.ok(issues.some((i) => i.sheet === '指标' && /至少需要一个指标/.test(i.message)));
  });

  void test('text starting with = + - @ is written as text and read back as text', async () => {
    const ev = seed('003_e5ac9451f3a1d231.json');
    const evil = structuredClone(ev);
    evil.unit.name = '=HYPERLINK("http://x","y")';
    const first = evil.indicators[0];
    assert.ok(first);
    first.name = '+cmd|calc';
    first.deviation = '@SUM(A1)';
    const bytes = await buildImportTemplate({ from: evil });
    const wb = await load(bytes);
    wb.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((c) => {
          assert.notEqual(c.type, ExcelJS.ValueType.Formula, c.address);
        });
      });
    });
    const back = await importWorkbook(bytes);
    assert.equal(back.unit.name, '=HYPERLINK("http://x","y")');
    assert.equal(back.indicators[0]?.name, '+cmd|calc');
    assert.equal(back.indicators[0]?.deviation, '@SUM(A1)');
  });
});

void describe('cells', () => {
  void test('formula cells give their cached result; percent-formatted numbers read as percentages', async () => {
    const ev = seed('003_e5ac9451f3a1d231.json');
    const wb = await load(await buildImportTemplate({ from: ev }));
    const ws = wb.getWorksheet('指标');
    assert.ok(ws);
    const leafRow = 3; // a leaf of 003 (决策 → first leaf)
    const code = ws.getCell(leafRow, col('code')).text;
    const weight = ws.getCell(leafRow, col('weight')).value as number;
    ws.getCell(leafRow, col('weight')).value = { formula: `${weight}*1`, result: weight };
    ws.getCell(leafRow, col('deviation')).value = { formula: 'CONCAT("a","b")', result: 'ab' };
    const actual = ws.getCell(leafRow, col('actual'));
    actual.value = 0.9535;
    actual.style = { ...actual.style, numFmt: '0.00%' }; // loaded cells share style objects

    const back = await importWorkbook(await save(wb));
    const node = flattenInput(back.indicators).find((n) => n.code === code);
    assert.ok(node);
    assert.equal(node.weight, String(weight));
    assert.equal(node.deviation, 'ab');
    assert.equal(node.actual, '95.35%');
  });

  void test('a formula without a cached result is an error at its cell', async () => {
    const wb = await load(await buildImportTemplate({ from: seed('003_e5ac9451f3a1d231.json') }));
    const ws = wb.getWorksheet('指标');
    assert.ok(ws);
    ws.getCell(4, col('weight')).value = { formula: 'A1+1' };
    const issues = await issuesOf(await save(wb));
    assert.ok(
      issues.some((i) => i.row === 4 && i.column === 'D' && /公式/.test(i.message)),
      JSON.stringify(issues),
    );
  });
});

function flattenInput(nodes: EvaluationInput['indicators']): EvaluationInput['indicators'] {
  return nodes.flatMap((n) => [n, ...flattenInput(n.children ?? [])]);
}

void describe('errors name sheet, row and column — all of them', () => {
  void test('weight "abc" in row 7, an unknown method, a missing 名称, a bad 上级代码', async () => {
    const wb = await load(await buildImportTemplate({ from: seed('003_e5ac9451f3a1d231.json') }));
    const ws = wb.getWorksheet('指标');
    assert.ok(ws);
    ws.getCell(7, col('weight')).value = 'abc';
    ws.getCell(8, col('method')).value = '拍脑袋';
    ws.getCell(9, col('name')).value = null;
    ws.getCell(10, col('parent')).value = 'ZZZ';
    const issues = await issuesOf(await save(wb));
    const at = (row: number, column: string): ImportIssue | undefined =>
      issues.find((i) => i.sheet === '指标' && i.row === row && i.column === column);
    assert.match(at(7, 'D')?.message ?? '', /权重“abc”不是数字/);
    assert.match(at(8, 'G')?.message ?? '', /未知的评分方法“拍脑袋”.*区间插值/);
    assert.match(at(9, 'C')?.message ?? '', /缺少名称/);
    assert.match(at(10, 'B')?.message ?? '', /上级代码“ZZZ”不存在/);
  });

  void test('core validation issues are mapped back to cells (weights that do not add up, bad params)', async () => {
    const wb = await load(await buildImportTemplate({ from: seed('001_a409125ab5d60bf9-xuanjiao.json') }));
    const ws = wb.getWorksheet('指标');
    assert.ok(ws);
    ws.getCell(2, col('weight')).value = 99; // a level-1 group whose children sum differently
    ws.getCell(3, col('params')).value = '下限abc';
    ws.getCell(3, col('method')).value = '区间插值';
    const issues = await issuesOf(await save(wb));
    assert.ok(
      issues.some((i) => i.row === 2 && i.column === 'D' && /下级指标权重之和/.test(i.message)),
      JSON.stringify(issues),
    );
    assert.ok(issues.some((i) => i.row === 3 && i.column === 'H' && /abc/.test(i.message)));
  });

  void test('an unknown choice in 基本信息 and a file that is not a workbook', async () => {
    const wb = await load(await buildImportTemplate({ from: seed('003_e5ac9451f3a1d231.json') }));
    const info = wb.getWorksheet('基本信息');
    assert.ok(info);
    info.getCell(3, 2).value = '随便评';
    const issues = await issuesOf(await save(wb));
    assert.ok(
      issues.some((i) => i.sheet === '基本信息' && i.row === 3 && i.column === 'B' && /自评/.test(i.message)),
    );
    const notXlsx = await issuesOf(new TextEncoder().encode('{"format": "json"}'));
    assert.equal(notXlsx[0]?.sheet, '');
  });
});

void describe('a 10,000-row 指标 sheet', () => {
  const dir = mkdtemp(join(tmpdir(), 'jixiao-import-'));
  after(async () => rm(await dir, { recursive: true, force: true }));

  void test('imports with the streaming reader', async () => {
    const file = join(await dir, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const info = wb.addWorksheet('基本信息');
    info.addRow(['项目', '内容']).commit();
    for (const r of [
      ['评价类型', '单位整体支出'],
      ['评价方式', '自评'],
      ['评价年度', 2024],
      ['单位名称', '大单位'],
    ])
      info.addRow(r).commit();
    info.commit();
    const ws = wb.addWorksheet('指标');
    ws.addRow(INDICATOR_COLUMNS.map((c) => c.header)).commit();
    ws.addRow(['A', '', '产出', 100]).commit();
    const leaves = 9999;
    // 9,999 leaves of 0.01 each plus one of 0.01 → the group's 100 points.
    for (let i = 1; i <= leaves; i++)
      ws.addRow([
        `A${i}`,
        'A',
        `指标${i}`,
        i === 1 ? 0.02 : 0.01,
        '≥100人',
        `${90 + (i % 11)}人`,
        '完成比例',
      ]).commit();
    ws.commit();
    await wb.commit();
    const ev = await importWorkbook(createReadStream(file));
    assert.equal(ev.indicators[0]?.children?.length, leaves);
    const result = scoreEvaluation(parseEvaluation(ev));
    assert.equal(flatten(result.roots).length, leaves + 1);
  });
});

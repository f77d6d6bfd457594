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
  for (const f of seedFiles) {
    void test(f, async () => {
      const ev = seed(f);
      const back = await importWorkbook(await buildImportTemplate({ from: ev }));
      assert.deepEqual(scores(back), scores(ev));
      assert.equal(back.unit.name, ev.unit.name);
      assert.equal(back.amountUnit, ev.amountUnit);
      assert.deepEqual(back.goals, ev.goals);
      assert.deepEqual(back.surveys, ev.surveys);
    });
  }
  for (const t of templates) {
    void test(`template ${t.id}`, async () => {
      const ev = t.build({ unitName: '某某单位', fiscalYear: 2024 });
      const back = await importWorkbook(await buildImportTemplate({ from: ev }));
      assert.deepEqual(scores(back), scores(ev));
    });
  }
});

void describe('the template', () => {
  void test('empty: sheets, headers, drop-down lists and notes', async () => {
    const wb = await load(await buildImportTemplate());
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['说明', '基本信息', '预算', '人员', '指标', '问卷', '问卷选项'],
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

const SEED_002 = '002_bcba853156c95a30.json';

void describe('问卷 and 问卷选项', () => {
  void test('002: one row per question, a column per level, shares as percentages, levels with weights', async () => {
    const wb = await load(await buildImportTemplate({ from: seed(SEED_002) }));
    const ws = sheet(wb, '问卷');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, [
      '问卷编号',
      '问卷名称',
      '样本数',
      '题号',
      '题目',
      '非常满意',
      '满意',
      '一般',
      '不满意',
      '得分率',
    ]);
    assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1, 5), [
      'staff',
      '嵩明县总工会工作人员调查问卷',
      52,
      'q1',
    ]);
    assert.equal(ws.getCell('F2').value, 0.8654);
    assert.equal(ws.getCell('F2').numFmt, '0.00%');
    assert.equal(ws.getCell('J4').value, 0.9249);
    assert.equal(ws.getCell('F4').value, null);
    const levels = sheet(wb, '问卷选项');
    assert.deepEqual((levels.getRow(3).values as unknown[]).slice(1), ['staff', '满意', 0.5]);
    assert.equal(levels.getCell('A6').value, null); // member uses the default levels
    const guide = sheet(wb, '说明');
    assert.ok(guide.getColumn(1).values.includes('问卷选项'));
  });

  void test('counts typed from paper questionnaires score as their shares', async () => {
    const ev = seed(SEED_002);
    const wb = await load(await buildImportTemplate({ from: ev }));
    const ws = sheet(wb, '问卷');
    ['F', 'G', 'H', 'I'].forEach((c, i) => {
      const cell = ws.getCell(`${c}2`);
      cell.value = [45, 6, 1, 0][i] ?? null;
      cell.style = { ...cell.style, numFmt: 'General' };
    });
    const back = await importWorkbook(await save(wb));
    const q1 = back.surveys?.[0]?.questions[0];
    assert.deepEqual(q1?.counts, { 非常满意: 45, 满意: 6, 一般: 1, 不满意: 0 });
    assert.equal(q1?.shares, undefined);
    const expected = structuredClone(ev);
    const q = expected.surveys?.[0]?.questions[0];
    assert.ok(q);
    delete q.shares;
    q.counts = { 非常满意: 45, 满意: 6, 一般: 1, 不满意: 0 };
    assert.deepEqual(scores(back), scores(expected));
    // 45, 6, 1, 0 of 52 are the published 86.54%, 11.54%, 1.92%, 0%: the same scores.
    assert.deepEqual(scores(back), scores(ev));
    ws.getCell('F2').value = 40;
    ws.getCell('G2').value = 11;
    const fewer = await importWorkbook(await save(wb));
    assert.notEqual(scores(fewer).get('A34'), scores(ev).get('A34'));
  });

  void test('errors at sheet, row and column: bad share, mixed kinds, no data, unknown survey, unknown level', async () => {
    const wb = await load(await buildImportTemplate({ from: seed(SEED_002) }));
    const ws = sheet(wb, '问卷');
    ws.getCell('G3').value = 'abc';
    ws.getCell('H2').value = 5;
    ws.getCell('H2').style = { ...ws.getCell('H2').style, numFmt: 'General' };
    ws.getCell('J4').value = null;
    ws.getCell('K1').value = '很不满意';
    ws.getCell('K3').value = '1%';
    ws.getCell('C3').value = 51;
    const levels = sheet(wb, '问卷选项');
    levels.getCell('A6').value = 'nope';
    levels.getCell('B6').value = '满意';
    levels.getCell('C6').value = 0.5;
    levels.getCell('C2').value = '全部';
    const issues = await issuesOf(await save(wb));
    const at = (s: string, row: number, column: string): string =>
      issues.find((i) => i.sheet === s && i.row === row && i.column === column)?.message ?? '';
    assert.match(at('问卷', 3, 'G'), /“abc”应为百分比/);
    assert.match(at('问卷', 2, 'H'), /不能混用份数“5”与百分比/);
    assert.match(at('问卷', 4, 'F'), /请填写各选项的份数或占比，或填写得分率/);
    assert.match(at('问卷', 3, 'K'), /选项“很不满意”不在答案等级中/);
    assert.match(at('问卷', 3, 'C'), /样本数与第 2 行不一致/);
    assert.match(at('问卷选项', 6, 'A'), /问卷“nope”不在“问卷”工作表中/);
    assert.match(at('问卷选项', 2, 'C'), /权重“全部”应为百分比/);
    assert.equal(issues.length, 7, JSON.stringify(issues));
  });

  void test('a likert indicator that names a survey missing from the 问卷 sheet', async () => {
    const wb = await load(await buildImportTemplate({ from: seed(SEED_002) }));
    const ws = sheet(wb, '问卷');
    for (const c of ['A2', 'A3']) ws.getCell(c).value = 'other';
    const issues = await issuesOf(await save(wb));
    assert.ok(issues.length > 0);
    const onIndicators = issues.filter((i) => i.sheet === '指标');
    assert.deepEqual(
      onIndicators.map((i) => `${i.column ?? ''}:${i.message}`),
      ['H:问卷“staff”不存在', 'H:问卷“staff”不存在'],
    );
    for (const i of issues.filter((x) => x.sheet !== '指标')) {
      assert.equal(i.sheet, '问卷选项');
      assert.match(i.message, /问卷“staff”不在“问卷”工作表中/);
    }
  });
});

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, name);
  return ws;
}

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

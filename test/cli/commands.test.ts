/** validate, score, explain and templates on good input: output, --json shapes, exit 0. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cleanEvaluation, hasStack, jixiao, tempDir, writeJson } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};
let file = '';

before(async () => {
  ({ dir, cleanup } = await tempDir());
  file = await writeJson(dir, 'clean.json', cleanEvaluation());
});
after(() => cleanup());

void describe('good input', { concurrency: true }, () => {
  void test('validate prints the unit, year and number of indicators', async () => {
    const r = await jixiao(['validate', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '校验通过：测试单位 2023，4 个指标\n');
    assert.equal(r.stderr, '');
  });

  void test('a UTF-8 BOM is accepted', async () => {
    const bom = join(dir, 'bom.json');
    await writeFile(bom, '\uFEFF' + JSON.stringify(cleanEvaluation()));
    const r = await jixiao(['validate', bom]);
    assert.equal(r.code, 0, r.stderr);
  });

  void test('score prints the header, an aligned table, total and grade', async () => {
    const r = await jixiao(['score', file]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 3), ['单位：测试单位', '年度：2023', '类型：单位整体支出 · 自评']);
    assert.match(r.stdout, /^代码 +指标 +权重 +得分 +得分率$/m);
    assert.match(r.stdout, /^B1 +培训人次 +60 +54\.24 +90\.40%$/m, 'level-3 row, indented under its group');
    assert.match(r.stdout, /^B +产出 +60 +54\.24 +90\.40%$/m);
    assert.match(r.stdout, /^总分：94\.24（满分 100）$/m);
    assert.match(r.stdout, /^等级：优$/m);
    // Right-aligned columns end at the same terminal column on every row.
    const { displayWidth } = await import('../../src/cli/table.ts');
    const table = lines.filter((l) => /^(代码|A|B)/.test(l));
    assert.equal(new Set(table.map(displayWidth)).size, 1, table.join('\n'));
  });

  void test('score --json prints the stable JSON only', async () => {
    const r = await jixiao(['score', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['total', 'grade', 'totalWeight', 'rounding', 'indicators', 'ratios'])
      assert.ok(key in json, key);
    assert.equal(json.total, '94.24');
    assert.equal(json.grade, '优');
    const indicators = json.indicators as Record<string, unknown>[];
    assert.equal(indicators.length, 4);
    for (const i of indicators) {
      for (const key of [
        'code',
        'name',
        'level',
        'parent',
        'weight',
        'score',
        'rate',
        'explanation',
        'status',
      ]) {
        assert.ok(key in i, `indicator key ${key}`);
      }
    }
    const b1 = indicators.find((i) => i.code === 'B1');
    assert.deepEqual([b1?.parent, b1?.score, b1?.rate], ['B', '54.24', '90.40%']);
  });

  void test('explain shows weight, target, actual, method and explanation', async () => {
    const r = await jixiao(['explain', file, 'B1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^B1 培训人次（二级指标）$/m);
    for (const line of [
      '权重：60',
      '指标值：≥2000人',
      '完成值：1808人',
      '评分方法：完成比例',
      '得分：54.24（得分率 90.40%）',
    ]) {
      assert.ok(r.stdout.includes(line), `${line}\n${r.stdout}`);
    }
    assert.match(r.stdout, /^计分说明：.*1808.*2000.*= 54\.24/m);
  });

  void test('explain accepts a code in another case and explains groups', async () => {
    const r = await jixiao(['explain', file, 'b']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^B 产出（一级指标）$/m);
    assert.match(r.stdout, /下级指标：B1 培训人次/);
  });

  void test('explain with an unknown code names it and exits 2', async () => {
    const r = await jixiao(['explain', file, 'Z9']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^输入错误：\n {2}Z9：找不到代码为“Z9”的指标/);
    assert.ok(r.stderr.includes('A1'), 'lists the codes that exist');
    assert.ok(!hasStack(r.stderr));
    assert.equal(r.stdout, '');
  });

  void test('templates lists id, name, locality, year and version', async () => {
    const { templates } = await import('../../src/core/templates/index.ts');
    const r = await jixiao(['templates']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^编号 +名称 +地区 +年度 +版本$/m);
    for (const t of templates) assert.ok(r.stdout.includes(t.id) && r.stdout.includes(t.name), t.id);
  });

  void test('templates --json', async () => {
    const r = await jixiao(['templates', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(list.length > 0);
    for (const t of list)
      for (const key of ['id', 'name', 'locality', 'year', 'version']) assert.ok(key in t, key);
  });
});

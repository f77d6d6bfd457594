/** jixiao template / import: the Excel round trip through the real command, bad input with exit 2. */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ROOT, hasStack, jixiao, tempDir } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};

before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

const SEED = join(ROOT, 'examples/seeds/003_e5ac9451f3a1d231.json');

void describe('template and import', { concurrency: true }, () => {
  void test('template --from a seed, import it back, score the same total', async () => {
    const t = await jixiao(['template', '--from', SEED, '--out', 'seed.xlsx'], dir);
    assert.equal(t.code, 0, t.stderr);
    const i = await jixiao(['import', 'seed.xlsx', '--out', 'seed.json'], dir);
    assert.equal(i.code, 0, i.stderr);
    assert.match(i.stdout, /已导入 浏阳市总工会 2022，31 个指标：seed\.json/);
    const s = await jixiao(['score', 'seed.json'], dir);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /总分：98\.00/);
  });

  void test('002 with its surveys (问卷) round-trips through template and import', async () => {
    const seed002 = join(ROOT, 'examples/seeds/002_bcba853156c95a30.json');
    const t = await jixiao(['template', '--from', seed002, '--out', 's002.xlsx'], dir);
    assert.equal(t.code, 0, t.stderr);
    const i = await jixiao(['import', 's002.xlsx', '--out', 's002.json'], dir);
    assert.equal(i.code, 0, i.stderr);
    const back = JSON.parse(await readFile(join(dir, 's002.json'), 'utf8')) as { surveys?: unknown[] };
    assert.equal(back.surveys?.length, 2);
    const s = await jixiao(['score', 's002.json'], dir);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /总分：91\.60/);
  });

  void test('template --template ID, and an empty template', async () => {
    const a = await jixiao(['template', '--template', 'mof-2020-10-project', '--out', 'project.xlsx'], dir);
    assert.equal(a.code, 0, a.stderr);
    const b = await jixiao(['template', '--out', 'empty.xlsx'], dir);
    assert.equal(b.code, 0, b.stderr);
    const bad = await jixiao(['template', '--template', 'nope', '--out', 'x.xlsx'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--template：未知的模板“nope”/);
  });

  void test('bad cells: exit 2, one line per issue with sheet, row and column, nothing written', async () => {
    const t = await jixiao(['template', '--from', SEED, '--out', 'broken.xlsx'], dir);
    assert.equal(t.code, 0, t.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'broken.xlsx'));
    const ws = wb.getWorksheet('指标');
    assert.ok(ws);
    ws.getCell('D5').value = 'abc';
    ws.getCell('G6').value = '拍脑袋';
    await wb.xlsx.writeFile(join(dir, 'broken.xlsx'));
    const r = await jixiao(['import', 'broken.xlsx', '--out', 'broken.json'], dir);
    assert.equal(r.code, 2);
    assert.ok(!hasStack(r.stderr));
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines[0], '输入错误：');
    assert.ok(lines.includes('  工作表“指标”第 5 行 D 列：权重“abc”不是数字'), r.stderr);
    assert.ok(lines.some((l) => l.startsWith('  工作表“指标”第 6 行 G 列：未知的评分方法“拍脑袋”')));
    assert.ok(!(await readdir(dir)).includes('broken.json'));
  });

  void test('a missing file and a file that is not a workbook', async () => {
    const r = await jixiao(['import', 'none.xlsx', '--out', 'n.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /none\.xlsx：文件不存在/);
    const j = await jixiao(['import', SEED, '--out', 'n.json'], dir);
    assert.equal(j.code, 2);
    assert.match(j.stderr, /工作簿：不是有效的 Excel 工作簿/);
    assert.ok(!hasStack(j.stderr));
  });

  void test('import refuses to overwrite without --force', async () => {
    const t = await jixiao(['template', '--from', SEED, '--out', 'keep.xlsx'], dir);
    assert.equal(t.code, 0, t.stderr);
    const first = await jixiao(['import', 'keep.xlsx', '--out', 'keep.json'], dir);
    assert.equal(first.code, 0, first.stderr);
    const again = await jixiao(['import', 'keep.xlsx', '--out', 'keep.json'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /文件已存在/);
    assert.ok((await readFile(join(dir, 'keep.json'), 'utf8')).startsWith('{\n  "format"'));
  });
});

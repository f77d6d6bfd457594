/** jixiao report: the documents users hand in, from the command line; bad options write nothing. */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { libreOfficeAvailable } from '../../src/reports/pdf.ts';
import { ROOT, hasStack, jixiao, tempDir } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};
before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

const seed = (name: string): string => join(ROOT, 'examples', 'seeds', `${name}.json`);
const S004 = seed('004_9b93941ec0b19236');
const S002 = seed('002_bcba853156c95a30');
const S001 = (unit: string): string => seed(`001_a409125ab5d60bf9-${unit}`);

void describe('report: bad options', { concurrency: true }, () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown type',
      ['report', S004, '--type', 'memo', '--out', 'a.docx'],
      /--type：未知的报告类型“memo”/,
    ],
    [
      'a format the type has not',
      ['report', S004, '--type', 'project', '--format', 'xlsx', '--out', 'a.xlsx'],
      /没有“xlsx”格式/,
    ],
    [
      'an extension against the format',
      ['report', S004, '--type', 'indicators', '--format', 'docx', '--out', 'a.xlsx'],
      /扩展名 \.xlsx 与格式 docx 不一致/,
    ],
    [
      'units on a project report',
      ['report', S004, '--type', 'project', '--units', S002, '--out', 'a.docx'],
      /下属单位只能并列在部门整体报告/,
    ],
    [
      'a missing evaluation file',
      ['report', 'missing.json', '--type', 'project', '--out', 'a.docx'],
      /文件不存在/,
    ],
  ];
  for (const [what, args, message] of cases) {
    void test(`${what}: exit 2, a message, nothing written`, async () => {
      const r = await jixiao(args, dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.ok(!hasStack(r.stderr));
      assert.deepEqual(
        (await readdir(dir)).filter((f) => f.startsWith('a.')),
        [],
      );
    });
  }
});

void describe('report: documents', () => {
  void test('project report (seed 004) as docx: the outline and the total', async () => {
    const r = await jixiao(['report', S004, '--type', 'project', '--out', 'p.docx'], dir);
    assert.equal(r.code, 0, r.stderr);
    const { value } = await mammoth.extractRawText({ buffer: await readFile(join(dir, 'p.docx')) });
    for (const h of [
      '一、基本情况',
      '二、绩效评价工作开展情况',
      '三、综合评价情况及评价结论',
      '四、绩效评价指标分析',
    ]) {
      assert.ok(value.includes(h), h);
    }
    assert.ok(value.includes('98.92'), 'the recomputed total');
    assert.ok(value.includes('阿克陶县总工会'));
  });

  void test('a department with its units side by side (seed 001)', async () => {
    const units = ['wenhuagong', 'xuanjiao', 'fuwuzhongxin'].map(S001);
    const r = await jixiao(
      [
        'report',
        S001('zonggonghui'),
        '--type',
        'department',
        '--units',
        ...units,
        '--no-charts',
        '--out',
        'd.docx',
      ],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    const { value } = await mammoth.extractRawText({ buffer: await readFile(join(dir, 'd.docx')) });
    for (const total of ['95.06', '95.25', '93.91', '94.90']) assert.ok(value.includes(total), total);
  });

  void test('the indicator table as xlsx: every score of the engine', async () => {
    const r = await jixiao(['report', S002, '--type', 'indicators', '--out', 'i.xlsx'], dir);
    assert.equal(r.code, 0, r.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'i.xlsx'));
    // Scores are numbers shown with two decimals: compare the value and the format.
    const cells: { value: unknown; numFmt: string }[] = [];
    wb.worksheets[0]?.eachRow((row) => {
      row.eachCell((c) => cells.push({ value: c.value, numFmt: c.numFmt }));
    });
    for (const s of ['32.56', '17.00', '42.04', '91.60', '2.70', '1.86', '1.78']) {
      const hit = cells.find((c) => c.value === Number(s));
      assert.ok(hit, s);
      assert.match(hit.numFmt, /0\.00/, `${s} shown with two decimals`);
    }
  });

  void test('the indicator tables of a department and its units side by side (xlsx)', async () => {
    const units = ['wenhuagong', 'xuanjiao', 'fuwuzhongxin'].map(S001);
    const r = await jixiao(
      ['report', S001('zonggonghui'), '--type', 'indicators', '--units', ...units, '--out', 'u.xlsx'],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'u.xlsx'));
    assert.equal(wb.worksheets[0]?.name, '汇总');
    const totals: unknown[] = [];
    wb.worksheets[0]?.eachRow((row) => {
      row.eachCell((c) => totals.push(c.value));
    });
    for (const t of [95.06, 95.25, 93.91, 94.9]) assert.ok(totals.includes(t), String(t));
  });

  void test('says so when charts are skipped for want of a Chinese font', async () => {
    const r = await jixiao(['report', S004, '--type', 'project', '--out', 'nofont.docx'], dir, {
      JIXIAO_CJK_FONT: join(dir, 'no-such-font.ttc'),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /提示：未找到中文字体，已跳过图表/);
  });

  void test('refuses to overwrite without --force', async () => {
    await writeFile(join(dir, 'keep.docx'), 'mine');
    const r = await jixiao(['report', S004, '--type', 'indicators', '--out', 'keep.docx'], dir);
    assert.equal(r.code, 2);
    assert.equal(await readFile(join(dir, 'keep.docx'), 'utf8'), 'mine');
  });

  void test(
    'PDF through LibreOffice',
    { skip: libreOfficeAvailable() ? false : 'LibreOffice not installed' },
    async () => {
      const r = await jixiao(
        ['report', S004, '--type', 'self-table', '--format', 'pdf', '--out', 's.pdf'],
        dir,
      );
      assert.equal(r.code, 0, r.stderr);
      const pdf = await readFile(join(dir, 's.pdf'));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    },
  );

  void test('PDF without LibreOffice: a clear message, exit 2, nothing written', async () => {
    const r = await jixiao(
      ['report', S004, '--type', 'project', '--format', 'pdf', '--out', 'none.pdf'],
      dir,
      {
        JIXIAO_SOFFICE: join(dir, 'no-such-soffice'),
      },
    );
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /无法生成报告：.*LibreOffice/);
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.startsWith('none')),
      [],
    );
  });
});

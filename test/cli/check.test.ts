/**
 * jixiao check: the published reports (test/fixtures/reports) through the real command, compared
 * with what the checker itself returns for them, so that the tests hold while extraction grows;
 * where the outcome depends on extraction (an evaluation file, or a clear refusal), the branch
 * actually taken is asserted. The summary and --out writing are also driven with made-up reports.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { type CheckReport, type CheckedUnit, checkReport, formatCheck } from '../../src/checker/check.ts';
import { ReadError } from '../../src/checker/document.ts';
import {
  type CheckedFile,
  NOTHING_EXTRACTED,
  SUMMARY_HEADERS,
  summaryRows,
  summaryWorkbook,
} from '../../src/checker/summary-xlsx.ts';
import { writeEvaluations } from '../../src/cli/commands/check.ts';
import { FINDING_KINDS } from '../../src/core/audit/finding.ts';
import { parseEvaluation } from '../../src/core/normalize.ts';
import { SEVERITY_LABELS } from '../../src/cli/labels.ts';
import { ROOT, cleanEvaluation, hasStack, jixiao, tempDir } from './helpers.ts';

const FIXTURES = 'test/fixtures/reports';
const TEXTS = (await readdir(join(ROOT, FIXTURES))).filter((f) => f.endsWith('.txt')).sort();

let dir = '';
let cleanup = async (): Promise<void> => {};
before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

/** What the checker says about a file, in this process, named as the command will name it. */
async function expected(path: string, name: string = path): Promise<CheckReport> {
  return checkReport(await readFile(join(ROOT, path)), name);
}

const withoutMs = (r: CheckReport): Omit<CheckReport, 'ms'> => {
  const { ms, ...rest } = r;
  assert.equal(typeof ms, 'number');
  return rest;
};

/** Deterministic bytes that are no report: not a zip, not a .doc, not a PDF. */
function garbage(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out[i] = x % 256;
  }
  out[0] = 0x01;
  return out;
}

const toDocx = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(
    await Packer.toBuffer(
      new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph(l)) }] }),
    ),
  );

void test('the five published reports are there', () => {
  assert.equal(TEXTS.length, 5, TEXTS.join(', '));
});

void describe('check: one report', { concurrency: true }, () => {
  for (const name of TEXTS) {
    const path = `${FIXTURES}/${name}`;

    void test(`${name}: the checker's text, the exit code from its errors`, async () => {
      const want = await expected(path);
      const r = await jixiao(['check', path]);
      assert.equal(r.code, want.counts.error > 0 ? 1 : 0, r.stderr);
      assert.equal(r.stdout, formatCheck(want) + '\n');
      const [first = ''] = r.stdout.split('\n');
      assert.ok(first.startsWith(`${path}：${want.unit ?? '（未识别单位）'}`), first);
      assert.match(r.stdout, /^发现：错误 \d+ 项，警告 \d+ 项，提示 \d+ 项$/m);
      for (const u of want.units) assert.ok(r.stdout.includes(`\n  ${u.unit}：指标 `), u.unit);
      assert.equal(r.stderr, '');
    });

    void test(`${name} --json: the CheckReport`, async () => {
      const want = await expected(path);
      const r = await jixiao(['check', path, '--json']);
      assert.equal(r.code, want.counts.error > 0 ? 1 : 0, r.stderr);
      const got = JSON.parse(r.stdout) as CheckReport;
      for (const key of ['file', 'format', 'units', 'findings', 'unextracted', 'counts', 'ms'])
        assert.ok(key in got, key);
      assert.equal(got.file, path);
      assert.equal(got.format, 'txt');
      assert.equal(typeof got.ms, 'number');
      for (const s of ['error', 'warning', 'info'] as const)
        assert.equal(got.counts[s], got.findings.filter((f) => f.severity === s).length, s);
      assert.deepEqual(withoutMs(got), withoutMs(want));
    });

    void test(`${name} --out: the evaluation file(s), or a clear refusal`, async (t) => {
      const want = await expected(path);
      const stem = basename(name, '.txt');
      const out = join(dir, `${stem}.json`);
      const r = await jixiao(['check', path, '--out', out]);
      const written = (await readdir(dir)).filter((f) => f.startsWith(stem)).sort();
      if (want.units.length === 0) {
        t.diagnostic('no unit extracted: the refusal is checked');
        assert.equal(r.code, 2, r.stderr);
        assert.ok(r.stderr.includes(NOTHING_EXTRACTED), r.stderr);
        assert.ok(r.stderr.includes(path) && r.stderr.includes(out), r.stderr);
        assert.equal(r.stdout, formatCheck(want) + '\n', 'the findings are still printed');
        assert.deepEqual(written, []);
        return;
      }
      t.diagnostic(`${String(want.units.length)} unit(s) extracted: the files are checked`);
      assert.equal(r.code, want.counts.error > 0 ? 1 : 0, r.stderr);
      const names =
        want.units.length === 1
          ? [`${stem}.json`]
          : want.units.map((_, i) => `${stem}-${String(i + 1)}.json`);
      assert.deepEqual(written, [...names].sort());
      for (const [i, unit] of want.units.entries()) {
        const file = join(dir, names[i] ?? '');
        assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), unit.evaluation);
        assert.ok(r.stdout.includes(names[i] ?? ''), r.stdout);
        const v = await jixiao(['validate', file]);
        assert.equal(v.code, 0, `jixiao validate ${names[i] ?? ''}: ${v.stderr}`);
      }
    });
  }

  void test('a .docx made from a report: read and checked like the text', async () => {
    const path = join(dir, '004.docx');
    await writeFile(path, await toDocx(await readFile(join(ROOT, FIXTURES, TEXTS[4] ?? ''), 'utf8')));
    const want = checkReport(await readFile(path), path);
    assert.equal(want.format, 'docx');
    const r = await jixiao(['check', path]);
    assert.equal(r.code, want.counts.error > 0 ? 1 : 0, r.stderr);
    assert.equal(r.stdout, formatCheck(want) + '\n');
  });
});

void describe('check: bad input, exit 2', { concurrency: true }, () => {
  void test('a missing path: named, in Chinese, no stack', async () => {
    const r = await jixiao(['check', 'no-such-report.docx'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^输入错误：\n {2}no-such-report\.docx：文件或目录不存在/);
    assert.equal(r.stdout, '');
    assert.ok(!hasStack(r.stderr));
  });

  void test('a missing path beside a folder: nothing is checked', async () => {
    const r = await jixiao(['check', join(ROOT, FIXTURES), 'gone.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /gone\.txt：文件或目录不存在/);
    assert.equal(r.stdout, '');
  });

  void test('an unsupported extension', async () => {
    await writeFile(join(dir, 'notes.md'), '# 不是报告\n');
    const r = await jixiao(['check', 'notes.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /notes\.md：不支持的文件类型“\.md”/);
    assert.ok(!hasStack(r.stderr));
  });

  void test('an unreadable .docx: the reader’s reason, naming the file', async () => {
    await writeFile(join(dir, 'broken.docx'), garbage(2048));
    const r = await jixiao(['check', 'broken.docx'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^输入错误：\n {2}broken\.docx：\S/);
    assert.ok(!hasStack(r.stderr));
  });

  void test('--out with a folder, --summary that is no .xlsx', async () => {
    const out = await jixiao(['check', join(ROOT, FIXTURES), '--out', 'x.json'], dir);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /--out：检查目录或多个文件时不能使用 --out/);
    const sum = await jixiao(['check', join(ROOT, FIXTURES), '--summary', 'x.csv'], dir);
    assert.equal(sum.code, 2);
    assert.match(sum.stderr, /--summary：汇总表应为 Excel 工作簿（\.xlsx）/);
    assert.ok(!(await readdir(dir)).some((f) => f === 'x.json' || f === 'x.csv'));
  });
});

/** The data rows of the summary table: between the rule of dashes and the first blank line. */
function tableRows(stdout: string): string[] {
  const lines = stdout.split('\n');
  const rule = lines.findIndex((l) => /^-+( +-+)+$/.test(l));
  assert.ok(rule > 0, stdout);
  const end = lines.indexOf('', rule);
  return lines.slice(rule + 1, end < 0 ? undefined : end);
}

/** The first `n` cell values of a row. */
const cells = (row: ExcelJS.Row, n: number): unknown[] =>
  Array.from({ length: n }, (_, i) => row.getCell(i + 1).value);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const rowsOf = (reports: readonly CheckReport[]): number =>
  reports.reduce((n, r) => n + Math.max(1, r.units.length), 0);

void describe('check: a folder', () => {
  let folder = '';
  let broken = '';
  let reports: CheckReport[] = [];
  /** The reader's message for the garbage file. */
  let reason = '';

  before(async () => {
    folder = join(dir, 'folder');
    await mkdir(join(folder, 'sub'), { recursive: true });
    for (const [i, name] of TEXTS.entries())
      await copyFile(join(ROOT, FIXTURES, name), join(folder, i < 3 ? name : `sub/${name}`));
    broken = join(folder, 'x.docx');
    await writeFile(broken, garbage(4096));
    await writeFile(join(folder, 'readme.md'), '不是报告，不检查\n');
    const files = (await readdir(folder, { recursive: true }))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(folder, f))
      .sort();
    reports = await Promise.all(files.map(async (f) => checkReport(await readFile(f), f)));
    try {
      checkReport(await readFile(broken), broken);
      assert.fail('random bytes read as a report');
    } catch (e) {
      assert.ok(e instanceof ReadError);
      reason = e.message;
    }
  });

  void test('five reports and a garbage .docx: exit 2, every file in the summary and the workbook', async () => {
    const summary = join(dir, 'summary.xlsx');
    const r = await jixiao(['check', folder, '--summary', summary]);
    assert.equal(r.code, 2, r.stderr);
    const rows = tableRows(r.stdout);
    assert.equal(rows.length, rowsOf(reports) + 1, r.stdout);
    for (const rep of reports)
      assert.ok(
        rows.some((l) => l.startsWith(rep.file)),
        rep.file,
      );
    const brokenRow = rows.find((l) => l.startsWith(broken));
    assert.ok(brokenRow?.includes('无法检查'), r.stdout);
    const because = new RegExp(`^ {2}${escape(broken)}：(.+)$`, 'm').exec(r.stdout)?.[1];
    assert.ok(because !== undefined && reason.endsWith(because), `${reason} / ${String(because)}`);
    assert.match(r.stdout, /共 6 份报告：已检查 5 份，无法检查 1 份/);
    assert.ok(!r.stdout.includes('readme.md'));
    // Not a terminal: one line per file on stderr, in the order checked.
    const progress = r.stderr.split('\n').filter((l) => /^\[\d+\/6\] /.test(l));
    assert.equal(progress.length, 6, r.stderr);
    assert.ok(progress[5]?.startsWith(`[6/6] ${broken}：无法检查：`), progress[5]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['汇总', '问题清单'],
    );
    const sheet = wb.getWorksheet('汇总')!;
    assert.deepEqual(cells(sheet.getRow(1), 9), [...SUMMARY_HEADERS, '说明']);
    assert.equal(sheet.rowCount, 1 + rowsOf(reports) + 1);
    assert.ok(sheet.rowCount >= 7);
    assert.equal(sheet.views[0]?.state, 'frozen');
    const byFile = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n > 1) byFile.set(row.getCell(1).text, row);
    });
    for (const rep of reports) {
      const row = byFile.get(rep.file);
      assert.ok(row, rep.file);
      assert.equal(typeof row.getCell(6).value, 'number', 'errors as a number');
    }
    assert.equal(byFile.get(broken)?.getCell(2).value, '无法检查');
    assert.ok(reason.endsWith(byFile.get(broken)?.getCell(9).text ?? '—'));
    const findings = reports.reduce((n, rep) => n + rep.findings.length, 0);
    assert.equal(wb.getWorksheet('问题清单')!.rowCount, 1 + findings);
  });

  void test('--json: an array of the reports checked, the failure on stderr', async () => {
    const r = await jixiao(['check', folder, '--json']);
    assert.equal(r.code, 2, r.stderr);
    const got = JSON.parse(r.stdout) as CheckReport[];
    assert.deepEqual(got.map(withoutMs), reports.map(withoutMs));
    assert.ok(r.stderr.includes(`无法检查：\n  ${broken}：`), r.stderr);
  });

  void test('readable reports only: the exit code follows the errors', async () => {
    const r = await jixiao(['check', join(folder, 'sub'), join(folder, TEXTS[0] ?? '')]);
    const checked = reports.filter((rep) => rep.file.includes('/sub/') || rep.file.endsWith(TEXTS[0] ?? ''));
    assert.equal(checked.length, 3);
    assert.equal(r.code, checked.some((c) => c.counts.error > 0) ? 1 : 0, r.stderr);
    assert.match(r.stdout, /共 3 份报告：已检查 3 份，无法检查 0 份/);
    assert.equal(tableRows(r.stdout).length, rowsOf(checked));
  });
});

// Made-up reports: what the summary and --out do once the checker extracts units.

const unit = (name: string, extra: Partial<CheckedUnit> = {}): CheckedUnit => ({
  unit: name,
  leaves: 2,
  nodes: 4,
  evaluation: { ...cleanEvaluation(), unit: { name } },
  ...extra,
});

function madeUp(): CheckReport {
  return {
    file: 'dept.docx',
    format: 'docx',
    unit: '某部门',
    year: 2023,
    kind: 'department',
    units: [
      unit('某部门', { statedTotal: '92.5', computedTotal: '91.50' }),
      unit('下属单位', { statedTotal: '八十分' }),
    ],
    findings: [
      { severity: 'error', kind: 'sum-mismatch', message: '合计不符', quote: '合计92.5', where: '第3页' },
      { severity: 'warning', kind: 'extract-table', message: '表格不完整', unit: '下属单位' },
      { severity: 'info', kind: 'rate-mismatch', message: '比率', unit: '某部门' },
      { severity: 'info', kind: 'rate-mismatch', message: '比率', unit: '别的单位' },
    ],
    unextracted: [],
    counts: { error: 1, warning: 1, info: 2 },
    ms: 1,
  };
}

void describe('check: the summary and --out with units', () => {
  const empty: CheckReport = { ...madeUp(), file: 'empty.txt', units: [], findings: [] };
  const files: CheckedFile[] = [
    { file: 'dept.docx', report: madeUp() },
    { file: 'empty.txt', report: { ...empty, counts: { error: 0, warning: 0, info: 0 } } },
    { file: 'bad.docx', failed: '无法解压' },
  ];

  void test('one row per unit; a finding counts for its unit, else the first', () => {
    assert.deepEqual(summaryRows(files), [
      {
        file: 'dept.docx',
        unit: '某部门',
        year: 2023,
        statedTotal: '92.5',
        computedTotal: '91.50',
        counts: { error: 1, warning: 0, info: 2 },
      },
      {
        file: 'dept.docx',
        unit: '下属单位',
        year: 2023,
        statedTotal: '八十分',
        counts: { error: 0, warning: 1, info: 0 },
      },
      {
        file: 'empty.txt',
        unit: '某部门',
        year: 2023,
        counts: { error: 0, warning: 0, info: 0 },
        note: NOTHING_EXTRACTED,
      },
      { file: 'bad.docx', unit: '无法检查', note: '无法解压' },
    ]);
  });

  void test('the workbook: scores as numbers, text as text, findings with their labels', async () => {
    const kind = (k: string): string => (FINDING_KINDS as Record<string, string>)[k] ?? k;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await summaryWorkbook(files, { severity: SEVERITY_LABELS, kind })).buffer as ArrayBuffer,
    );
    const sum = wb.getWorksheet('汇总')!;
    assert.equal(sum.rowCount, 5);
    assert.deepEqual(cells(sum.getRow(2), 8), ['dept.docx', '某部门', 2023, 92.5, 91.5, 1, 0, 2]);
    assert.equal(sum.getCell('D3').value, '八十分');
    assert.equal(sum.getCell('D2').numFmt, '0.00');
    assert.equal(sum.getCell('I5').value, '无法解压');
    assert.equal(sum.getCell('A1').font.bold, true);
    const problems = wb.getWorksheet('问题清单')!;
    assert.equal(problems.rowCount, 5);
    assert.deepEqual(cells(problems.getRow(2), 7), [
      'dept.docx',
      '某部门',
      '错误',
      FINDING_KINDS['sum-mismatch'],
      '第3页',
      '合计92.5',
      '合计不符',
    ]);
    assert.equal(problems.getCell('D3').value, 'extract-table', 'an unknown kind as it is');
    assert.equal(problems.getCell('C3').value, '警告');
  });

  void test('--out with two units: -1 and -2, each a valid evaluation file', async () => {
    const out = join(dir, 'two', 'evaluation.json');
    await mkdir(join(dir, 'two'));
    const said = await writeEvaluations(madeUp(), out, false);
    assert.deepEqual(said, [
      '已写出 2 个评价文件：',
      `  ${join(dir, 'two', 'evaluation-1.json')}：某部门`,
      `  ${join(dir, 'two', 'evaluation-2.json')}：下属单位`,
    ]);
    assert.deepEqual(await readdir(join(dir, 'two')), ['evaluation-1.json', 'evaluation-2.json']);
    const second = parseEvaluation(JSON.parse(await readFile(join(dir, 'two', 'evaluation-2.json'), 'utf8')));
    assert.equal(second.unit.name, '下属单位');
    // Again without --force: refused before anything is written; with it, overwritten.
    await assert.rejects(writeEvaluations(madeUp(), out, false), /文件已存在/);
    assert.equal((await writeEvaluations(madeUp(), out, true)).length, 3);
  });

  void test('--out with one unit: the name as given; a file the format refuses comes with a note', async () => {
    const report = {
      ...madeUp(),
      units: [unit('某部门', { evaluation: { format: 'jixiao/evaluation@1' } })],
    };
    const out = join(dir, 'one.json');
    const said = await writeEvaluations(report, out, false);
    assert.equal(said[0], `已写出评价文件：${out}（某部门）`);
    assert.match(said[1] ?? '', /^提示：.*one\.json 未通过格式校验（.+），可用 jixiao validate 查看$/);
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), { format: 'jixiao/evaluation@1' });
  });

  void test('--out with no unit: refused, nothing written', async () => {
    await assert.rejects(
      writeEvaluations(empty, join(dir, 'none.json'), false),
      new RegExp(NOTHING_EXTRACTED),
    );
    assert.ok(!(await readdir(dir)).includes('none.json'));
  });
});

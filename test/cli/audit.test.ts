/** audit: exit 1 when an error-severity finding exists, 0 otherwise; --json shapes. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cleanEvaluation, jixiao, tempDir, writeJson } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};
let clean = '';
let wrongTotal = '';

before(async () => {
  ({ dir, cleanup } = await tempDir());
  clean = await writeJson(dir, 'clean.json', cleanEvaluation());
  const ev = cleanEvaluation();
  ev.claims = { total: [{ score: '50', quote: '综合评价得分为50分' }] };
  wrongTotal = await writeJson(dir, 'wrong-total.json', ev);
});
after(() => cleanup());

const COUNT_LINE = /错误 (\d+) 项，警告 (\d+) 项，提示 (\d+) 项/;

void describe('audit', { concurrency: true }, () => {
  void test('a clean file: exit 0, no errors counted', async () => {
    const r = await jixiao(['audit', clean]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(COUNT_LINE.exec(r.stdout)?.[1], '0');
  });

  void test('a stated total that differs: exit 1, the finding in a table', async () => {
    const r = await jixiao(['audit', wrongTotal]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^严重程度 +类型 +位置 +说明$/m);
    assert.match(r.stdout, /^错误 +\S/m);
    assert.ok(r.stdout.includes('50'), r.stdout);
    assert.ok(Number(COUNT_LINE.exec(r.stdout)?.[1]) >= 1);
    assert.equal(r.stderr, '');
  });

  void test('--json: findings and counts only', async () => {
    const r = await jixiao(['audit', wrongTotal, '--json']);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as {
      findings: Record<string, unknown>[];
      counts: Record<string, number>;
    };
    assert.deepEqual(Object.keys(json.counts).sort(), ['error', 'info', 'warning']);
    assert.ok((json.counts.error ?? 0) >= 1);
    const keys = ['severity', 'kind', 'location', 'message', 'stated', 'computed', 'quote', 'where'];
    for (const f of json.findings) for (const key of keys) assert.ok(key in f, key);
    assert.ok(json.findings.some((f) => f.severity === 'error' && f.quote === '综合评价得分为50分'));
  });

  void test('several files: per-file sections, cross-file checks and one exit code', async () => {
    const r = await jixiao(['audit', clean, wrongTotal]);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes(`== ${clean} ==`) && r.stdout.includes('== 跨文件检查 =='));
    assert.match(r.stdout, /^合计：错误 [1-9]/m);

    const both = await jixiao(['audit', clean, clean, '--json']);
    assert.equal(both.code, 0, both.stderr);
    const json = JSON.parse(both.stdout) as {
      files: { file: string; counts: unknown }[];
      across: unknown;
      counts: unknown;
    };
    assert.equal(json.files.length, 2);
    assert.ok('findings' in (json.across as object) && 'counts' in (json.across as object));
  });
});

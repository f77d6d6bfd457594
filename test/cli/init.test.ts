/** init writes a template's skeleton atomically and refuses to overwrite without --force. */
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { templates } from '../../src/core/templates/index.ts';
import { hasStack, jixiao, tempDir } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};

before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

const id = templates[0]?.id ?? '';

void describe('init', { concurrency: true }, () => {
  void test('every template writes a file that validates', async () => {
    for (const t of templates) {
      const out = `${t.id}.json`;
      const r = await jixiao(
        ['init', '--template', t.id, '--out', out, '--unit', '某某总工会', '--year', '2024'],
        dir,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(out));
      const text = await readFile(join(dir, out), 'utf8');
      assert.ok(text.endsWith('}\n'), 'trailing newline');
      assert.ok(text.startsWith('{\n  "'), 'two-space indent');
      const ev = JSON.parse(text) as { unit: { name: string }; fiscalYear: number };
      assert.equal(ev.unit.name, '某某总工会');
      assert.equal(ev.fiscalYear, 2024);
      const v = await jixiao(['validate', out], dir);
      assert.equal(v.code, 0, `${t.id}: ${v.stderr}`);
      assert.match(v.stdout, /^校验通过：某某总工会 2024，\d+ 个指标\n$/);
    }
  });

  void test('default output is evaluation.json in the cwd; --mode accepts a code or its label', async () => {
    const sub = join(dir, 'default');
    await mkdir(sub);
    const r = await jixiao(['init', '--template', id, '--mode', '第三方评价'], sub);
    assert.equal(r.code, 0, r.stderr);
    const ev = JSON.parse(await readFile(join(sub, 'evaluation.json'), 'utf8')) as { mode: string };
    assert.equal(ev.mode, 'third-party');
  });

  void test('refuses to overwrite an existing file, then overwrites with --force', async () => {
    const sub = join(dir, 'overwrite');
    await mkdir(sub);
    await writeFile(join(sub, 'evaluation.json'), 'keep me');
    const r = await jixiao(['init', '--template', id], sub);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^输入错误：\n {2}evaluation\.json：文件已存在.*--force/);
    assert.ok(!hasStack(r.stderr));
    assert.equal(await readFile(join(sub, 'evaluation.json'), 'utf8'), 'keep me');

    const forced = await jixiao(['init', '--template', id, '--force'], sub);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(await readFile(join(sub, 'evaluation.json'), 'utf8'), 'keep me');
    assert.deepEqual(await readdir(sub), ['evaluation.json'], 'no temp file left behind');
  });

  void test('an output directory that does not exist is bad input', async () => {
    const r = await jixiao(['init', '--template', id, '--out', 'no/such/dir/e.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no\/such\/dir\/e\.json：所在目录不存在/);
  });

  void test('without --template: the list of templates', async () => {
    const r = await jixiao(['init'], dir);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes('--template：') && r.stderr.includes(id));
  });
});

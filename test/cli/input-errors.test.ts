/** Bad input: "输入错误：" and one line per issue on stderr, exit 2, no stack, nothing on stdout. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { firstLeaf, hasStack, jixiao, tempDir, templateEvaluation, writeJson } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};

before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

async function assertInputError(args: readonly string[], ...expected: string[]): Promise<string> {
  const r = await jixiao(args, dir);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, /^输入错误：\n {2}\S/);
  for (const text of expected)
    assert.ok(r.stderr.includes(text), `stderr should mention ${text}:\n${r.stderr}`);
  assert.ok(!hasStack(r.stderr), `no stack trace:\n${r.stderr}`);
  assert.equal(r.stdout, '');
  return r.stderr;
}

/** The template output with one edit, written to the temp dir. */
async function broken(name: string, edit: (ev: Record<string, unknown>) => void): Promise<string> {
  const ev = await templateEvaluation();
  edit(ev);
  return writeJson(dir, name, ev);
}

void describe('bad input exits 2 with the field path', { concurrency: true }, () => {
  void test('missing file', async () => {
    await assertInputError(['validate', 'nope.json'], 'nope.json：文件不存在');
  });

  void test('a directory instead of a file', async () => {
    await assertInputError(['score', '.'], '.：');
  });

  void test('malformed JSON names the line and column', async () => {
    await writeFile(
      join(dir, 'bad-json.json'),
      '{\n  "format": "jixiao/evaluation@1",\n  "kind": "unit",,\n}\n',
    );
    await assertInputError(['validate', 'bad-json.json'], 'bad-json.json：JSON 格式错误（第 3 行第 18 列）');
  });

  void test('empty file', async () => {
    await writeFile(join(dir, 'empty.json'), '');
    await assertInputError(['validate', 'empty.json'], 'empty.json：JSON 格式错误', '文件为空');
  });

  void test('not UTF-8 (GBK bytes)', async () => {
    await writeFile(join(dir, 'gbk.json'), Buffer.from([0x7b, 0x22, 0xd6, 0xd0, 0x22, 0x7d]));
    await assertInputError(['validate', 'gbk.json'], 'gbk.json：', 'UTF-8');
  });

  void test('schema error: unknown kind', async () => {
    const file = await broken('bad-kind.json', (ev) => {
      ev.kind = 'everything';
    });
    await assertInputError(['validate', file], '  kind：');
  });

  void test('missing field: unit', async () => {
    const file = await broken('no-unit.json', (ev) => {
      delete ev.unit;
    });
    await assertInputError(['validate', file], '  unit：');
  });

  void test('a weight that is not a number', async () => {
    const file = await broken('weight-abc.json', (ev) => {
      firstLeaf(ev).leaf.weight = 'abc';
    });
    const { path } = firstLeaf(await templateEvaluation());
    await assertInputError(['validate', file], `  ${path}.weight：`);
  });

  void test('a negative amount', async () => {
    const file = await broken('negative.json', (ev) => {
      ev.budget = { annual: -5 };
    });
    await assertInputError(['validate', file], '  budget.annual：');
  });

  void test('a non-numeric amount', async () => {
    const file = await broken('nan-amount.json', (ev) => {
      ev.budget = { executed: 'abc' };
    });
    await assertInputError(['validate', file], '  budget.executed：');
  });

  void test('"33.46万" is an ambiguous unit', async () => {
    const file = await broken('wan.json', (ev) => {
      ev.budget = { annual: '33.46万' };
    });
    await assertInputError(['validate', file], '  budget.annual：', '33.46万');
  });

  void test('unknown scoring method', async () => {
    const { path } = firstLeaf(await templateEvaluation());
    const file = await broken('bogus-method.json', (ev) => {
      firstLeaf(ev).leaf.method = { type: 'bogus' };
    });
    await assertInputError(['validate', file], `  ${path}.method`);
  });

  void test("children's weights not matching the parent", async () => {
    const file = await broken('weights.json', (ev) => {
      const group = (ev.indicators as { weight?: unknown; children?: unknown[] }[])[0];
      assert.ok(group?.children !== undefined && group.children.length > 0, 'indicators[0] is a group');
      group.weight = 1000;
    });
    await assertInputError(['validate', file], '  indicators[0].weight：');
  });

  void test('every reading command reports bad input alike', async () => {
    const file = await broken('weight-abc-all.json', (ev) => {
      firstLeaf(ev).leaf.weight = 'abc';
    });
    for (const args of [
      ['score', file],
      ['score', file, '--json'],
      ['audit', file],
      ['audit', file, '--json'],
      ['explain', file, 'X'],
    ]) {
      await assertInputError(args, '.weight：');
    }
  });

  void test('audit of several files reports the bad ones together, prefixed by the file', async () => {
    const good = await broken('good.json', () => {});
    const bad = await broken('bad-for-audit.json', (ev) => {
      delete ev.unit;
    });
    await assertInputError(['audit', good, bad, 'missing.json'], `${bad} unit：`, 'missing.json：文件不存在');
  });

  void test('unknown template', async () => {
    await assertInputError(['init', '--template', 'no-such-template'], '--template：', 'no-such-template');
  });

  void test('init with a year that is not 4 digits writes nothing', async () => {
    const { templates } = await import('../../src/core/templates/index.ts');
    const id = templates[0]?.id ?? '';
    await assertInputError(['init', '--template', id, '--year', '24', '--out', 'year.json'], '--year：');
    await assertInputError(
      ['init', '--template', id, '--mode', 'whatever', '--out', 'mode.json'],
      '--mode：',
    );
    const r = await jixiao(['validate', 'year.json'], dir);
    assert.equal(r.code, 2, 'year.json was not written');
  });
});

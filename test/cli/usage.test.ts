/** Usage errors (exit 2, Chinese), help and version. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, hasStack, jixiao } from './helpers.ts';

void describe('usage', { concurrency: true }, () => {
  void test('unknown command', async () => {
    const r = await jixiao(['scroe', 'x.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^错误：未知命令 'scroe'/);
    assert.ok(r.stderr.includes('score'), 'suggests the close command');
    assert.ok(!hasStack(r.stderr));
  });

  void test('unknown option', async () => {
    const r = await jixiao(['score', 'x.json', '--jsno']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^错误：未知选项 '--jsno'/);
  });

  void test('missing argument and too many arguments', async () => {
    const missing = await jixiao(['explain', 'x.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^错误：缺少参数 'code'/);
    const many = await jixiao(['validate', 'a.json', 'b.json']);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /^错误：.*参数过多/);
  });

  void test('an option without its value', async () => {
    const r = await jixiao(['init', '--template']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^错误：选项 '--template <id>' 缺少取值/);
  });

  void test('--help in Chinese, exit 0', async () => {
    const r = await jixiao(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^用法： jixiao/);
    for (const word of [
      '命令：',
      '选项：',
      'validate',
      'score',
      'audit',
      'explain',
      'init',
      'templates',
      '退出码',
    ]) {
      assert.ok(r.stdout.includes(word), word);
    }
    const sub = await jixiao(['init', '--help']);
    assert.equal(sub.code, 0);
    assert.ok(sub.stdout.includes('--template <id>') && sub.stdout.includes('模板编号'));
  });

  void test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await jixiao(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  void test('no command at all: help on stderr, exit 2', async () => {
    const r = await jixiao([]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /用法：/);
  });
});

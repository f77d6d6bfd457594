import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CliInputError } from '../../src/cli/exit.ts';
import { parseJson, readText, writeFileAtomic } from '../../src/cli/io.ts';
import { tempDir } from './helpers.ts';

let dir = '';
let cleanup = async (): Promise<void> => {};

before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

function issueOf(e: unknown): string {
  assert.ok(e instanceof CliInputError);
  return e.issues.map((i) => `${i.path}：${i.message}`).join('\n');
}

void test('readText strips a BOM and rejects invalid UTF-8', async () => {
  const file = join(dir, 'bom.json');
  await writeFile(file, '\uFEFF{"单位": "工会"}');
  assert.equal(await readText(file), '{"单位": "工会"}');
  const gbk = join(dir, 'gbk.json');
  await writeFile(gbk, Buffer.from([0xb9, 0xa4, 0xbb, 0xe1]));
  await assert.rejects(readText(gbk), (e) => issueOf(e).includes('UTF-8'));
});

void test('parseJson names the file, line and column', () => {
  assert.deepEqual(parseJson('{"a": [1]}', 'x.json'), { a: [1] });
  assert.throws(
    () => parseJson('{\n "a": tru\n}', 'x.json'),
    (e) =>
      issueOf(e) ===
      'x.json：JSON 格式错误（第 2 行第 7 列）：意外的字符“t”，应为值（对象、数组、字符串、数字、true、false 或 null）',
  );
});

void test('writeFileAtomic refuses to overwrite, overwrites with force, leaves no temp file', async () => {
  const file = join(dir, 'out.json');
  await writeFileAtomic(file, 'one\n', false);
  await assert.rejects(writeFileAtomic(file, 'two\n', false), (e) => issueOf(e).includes('文件已存在'));
  assert.equal(await readFile(file, 'utf8'), 'one\n');
  await writeFileAtomic(file, 'three\n', true);
  assert.equal(await readFile(file, 'utf8'), 'three\n');
  assert.deepEqual(
    (await readdir(dir)).filter((f) => f.includes('out.json')),
    ['out.json'],
  );
});

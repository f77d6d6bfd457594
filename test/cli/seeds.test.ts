/** The golden seed files, when present, go through every reading command without bad-input or internal errors. */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, jixiao } from './helpers.ts';

const SEEDS = join(ROOT, 'examples/seeds');
const files = (await readdir(SEEDS).catch(() => [] as string[]))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(SEEDS, f));

void test(
  'seed files validate, score and audit',
  { skip: files.length === 0 ? 'no seed files yet' : false },
  async () => {
    for (const file of files) {
      assert.equal((await jixiao(['validate', file])).code, 0, file);
      const score = await jixiao(['score', file, '--json']);
      assert.equal(score.code, 0, `${file}: ${score.stderr}`);
      assert.ok('total' in (JSON.parse(score.stdout) as object));
      const audit = await jixiao(['audit', file]);
      assert.ok(audit.code === 0 || audit.code === 1, `${file}: audit exit ${audit.code} ${audit.stderr}`);
    }
    const all = await jixiao(['audit', ...files, '--json']);
    assert.ok(all.code === 0 || all.code === 1, all.stderr);
  },
);

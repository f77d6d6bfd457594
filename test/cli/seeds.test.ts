/**
 * The golden seed files, when present, go through every reading command without bad-input or
 * internal errors. Their numbers are checked by the golden runner, not here.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, jixiao } from './helpers.ts';

const SEEDS = join(ROOT, 'examples/seeds');
const files = (await readdir(SEEDS).catch(() => [] as string[]))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(SEEDS, f));

void describe('seed files', { concurrency: true }, () => {
  for (const file of files) {
    void test(basename(file), async () => {
      const validate = await jixiao(['validate', file]);
      assert.equal(validate.code, 0, validate.stderr);
      const score = await jixiao(['score', file, '--json']);
      assert.equal(score.code, 0, score.stderr);
      assert.ok('total' in (JSON.parse(score.stdout) as object));
      const audit = await jixiao(['audit', file]);
      assert.ok(audit.code === 0 || audit.code === 1, `audit exit ${audit.code}: ${audit.stderr}`);
    });
  }

  void test(
    'audit across all seeds',
    { skip: files.length < 2 ? 'fewer than two seed files' : false },
    async () => {
      const all = await jixiao(['audit', ...files, '--json']);
      assert.ok(all.code === 0 || all.code === 1, all.stderr);
      const json = JSON.parse(all.stdout) as { files: unknown[]; across: unknown; counts: unknown };
      assert.equal(json.files.length, files.length);
    },
  );
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { evaluationJsonSchema } from '../src/core/schema/json-schema.ts';
import { ROOT } from './support.ts';

it('docs/evaluation.schema.json is generated from the validators (run npm run schema)', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'docs', 'evaluation.schema.json'), 'utf8')) as unknown;
  assert.deepEqual(committed, JSON.parse(JSON.stringify(evaluationJsonSchema())));
});

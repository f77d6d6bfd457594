/**
 * A custom template is an evaluation's indicator system without its results: for every seed file
 * the skeleton is a valid evaluation file, keeps every indicator with its weight, and holds no
 * actual, stated figure, override or judgement.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scoreEvaluation } from '../../src/core/engine.ts';
import { parseEvaluation } from '../../src/core/normalize.ts';
import { skeletonOf } from '../../src/server/store/templates.ts';

const SEEDS = new URL('../../examples/seeds/', import.meta.url);

interface Node {
  code?: string;
  name: string;
  weight?: unknown;
  method?: Record<string, unknown>;
  children?: Node[];
}
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);

describe('templates saved from evaluations', () => {
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.json')))
    it(`seed ${file}: a valid skeleton with every indicator and no results`, () => {
      const seed = JSON.parse(readFileSync(new URL(file, SEEDS), 'utf8')) as Record<string, unknown>;
      const skeleton = skeletonOf(seed);
      const scored = scoreEvaluation(parseEvaluation(skeleton)); // throws on an invalid file
      assert.ok(scored.total !== undefined);
      const before = flat(seed['indicators'] as Node[]);
      const after = flat(skeleton['indicators'] as Node[]);
      assert.deepEqual(
        after.map((n) => [n.name, n.weight]),
        before.map((n) => [n.name, n.weight]),
      );
      const text = JSON.stringify(skeleton);
      for (const key of [
        '"actual"',
        '"stated"',
        '"override"',
        '"claims"',
        '"budget"',
        '"met":true',
        '"level"',
      ])
        assert.ok(!text.includes(key), `${key} left in the skeleton`);
      for (const n of after)
        if (n.method?.['type'] === 'manual')
          assert.equal(n.method['score'], '0', `${n.name}: no manual score kept`);
    });
});

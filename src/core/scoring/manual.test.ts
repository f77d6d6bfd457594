import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manual } from './manual.ts';
import { ctx, explain, raw } from './test-support.ts';

test('the evaluator’s score and reason', () => {
  const out = manual.score(
    { type: 'manual', score: '3.5', reason: '部分佐证资料缺失' },
    ctx({ weight: '4' }),
  );
  assert.equal(raw(out), '3.5');
  assert.equal(explain(out), '评价人打分：部分佐证资料缺失，得 3.5 分');
});

test('a score above the weight is returned as is', () => {
  assert.equal(
    raw(manual.score({ type: 'manual', score: 6, reason: '超额完成' }, ctx({ weight: '4' }))),
    '6',
  );
});

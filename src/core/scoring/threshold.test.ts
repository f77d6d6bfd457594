import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threshold } from './threshold.ts';
import { ctx, explain, failed, raw, textActual } from './test-support.ts';

const T = { type: 'threshold' } as const;

test('seed 002 B31 在职人员控制率: 175% against ≤100% → 0', () => {
  const out = threshold.score(T, ctx({ weight: '2', target: '≤100%', actual: '175%' }));
  assert.equal(raw(out), '0');
  assert.equal(explain(out), '指标值 ≤100%，完成值 175%，未达标，得 0 分');
});

test('met target earns the weight, exceeding included', () => {
  assert.equal(raw(threshold.score(T, ctx({ weight: '2', target: '≤100%', actual: '95.35%' }))), '2');
  assert.equal(raw(threshold.score(T, ctx({ weight: '3', target: '≥5538人', actual: '6000人' }))), '3');
  assert.equal(raw(threshold.score(T, ctx({ weight: '3', target: '=100%', actual: '100%' }))), '3');
  assert.equal(raw(threshold.score(T, ctx({ weight: '3', target: '80%~100%', actual: '90%' }))), '3');
  assert.equal(raw(threshold.score(T, ctx({ weight: '3', target: '80%~100%', actual: '101%' }))), '0');
});

test('a stated partial score when missed', () => {
  const out = threshold.score(
    { type: 'threshold', partial: '1.5' },
    ctx({ weight: '3', target: '>10', actual: '10' }),
  );
  assert.equal(raw(out), '1.5');
  assert.match(explain(out), /未达标，得 1\.5 分$/);
});

test('text or missing actual, qualitative target are problems', () => {
  assert.equal(
    failed(threshold.score(T, ctx({ weight: '2', target: { text: '合规' }, actual: textActual('合规') })))
      .code,
    'actual-not-numeric',
  );
  assert.equal(
    failed(threshold.score(T, ctx({ weight: '2', target: { text: '合规' }, actual: '1' }))).code,
    'target-not-numeric',
  );
  assert.equal(failed(threshold.score(T, ctx({ weight: '2', target: '≥1' }))).code, 'actual-missing');
  assert.equal(failed(threshold.score(T, ctx({ weight: '2', actual: '1' }))).code, 'target-missing');
});

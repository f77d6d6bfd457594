import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proportional } from './proportional.ts';
import { div, eq } from '../decimal/index.ts';
import { ctx, explain, failed, ok, r, raw, textActual } from './test-support.ts';

const P = { type: 'proportional' } as const;

test('seed 004 产出成本: 10 × 31.98 ÷ 33.46', () => {
  const out = proportional.score(P, ctx({ weight: '10', target: '≥33.46万元', actual: '31.98万元' }));
  assert.ok(eq(ok(out).raw, div(r('319.8'), r('33.46')))); // exact; the engine rounds
  assert.equal(raw(out), '9.5576808129');
  assert.equal(explain(out), '10 × 31.98 ÷ 33.46');
});

test('exceeding the target earns full marks and says so', () => {
  const out = proportional.score(P, ctx({ weight: '10', target: '≥2000人', actual: '2100人' }));
  assert.equal(raw(out), '10');
  assert.equal(explain(out), '完成率 2100 ÷ 2000 = 105.00% ≥ 100%，得满分 10');
});

test('lower-is-better by the ≤ operator: w × target ÷ actual', () => {
  const out = proportional.score(P, ctx({ weight: '4', target: '≤100%', actual: '125%' }));
  assert.equal(raw(out), '3.2');
  assert.equal(explain(out), '4 × 100% ÷ 125%');
});

test('explicit direction overrides the operator', () => {
  const out = proportional.score(
    { type: 'proportional', direction: 'lower' },
    ctx({ weight: '10', target: '=50', actual: '80' }),
  );
  assert.equal(raw(out), '6.25');
  const higher = proportional.score(
    { type: 'proportional', direction: 'higher' },
    ctx({ weight: '10', target: '≤50', actual: '40' }),
  );
  assert.equal(raw(higher), '8');
});

test('lower-is-better with an actual of 0 earns full marks', () => {
  const out = proportional.score(P, ctx({ weight: '5', target: '≤3次', actual: '0次' }));
  assert.equal(raw(out), '5');
  assert.match(explain(out), /完成值 0次 不高于指标值 ≤3次/);
});

test('zero target is a problem, never Infinity', () => {
  assert.equal(
    failed(proportional.score(P, ctx({ weight: '10', target: '≥0', actual: '5' }))).code,
    'zero-denominator',
  );
});

test('missing or text actual, qualitative target', () => {
  assert.equal(failed(proportional.score(P, ctx({ weight: '10', target: '≥5' }))).code, 'actual-missing');
  assert.equal(
    failed(proportional.score(P, ctx({ weight: '10', target: '≥5', actual: textActual('按期完成') }))).code,
    'actual-not-numeric',
  );
  assert.equal(
    failed(proportional.score(P, ctx({ weight: '10', target: { text: '有效提升' }, actual: '5' }))).code,
    'target-not-numeric',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deduction } from './deduction.ts';
import { ctx, explain, failed, raw, textActual } from './test-support.ts';

test('seed 002 C11 工会福利受益人数: 22 short × 0.01 → 2 − 0.22 = 1.78', () => {
  const out = deduction.score(
    { type: 'deduction', perUnit: '0.01' },
    ctx({ weight: '2', target: '≥5538人', actual: '5516人' }),
  );
  assert.equal(raw(out), '1.78');
  assert.equal(explain(out), '指标值 ≥5538人，完成值 5516人，差 22人，2 − 0.01 × 22');
});

test('met or exceeded target: no deduction', () => {
  const out = deduction.score(
    { type: 'deduction', perUnit: '0.01' },
    ctx({ weight: '2', target: '≥5538人', actual: '6000人' }),
  );
  assert.equal(raw(out), '2');
  assert.match(explain(out), /达标，不扣分，得满分 2$/);
});

test('lower-is-better: the excess is the shortfall', () => {
  const out = deduction.score(
    { type: 'deduction', perUnit: '0.5' },
    ctx({ weight: '3', target: '≤10次', actual: '12次' }),
  );
  assert.equal(raw(out), '2');
});

test('percent targets count percentage points; unitSize groups them', () => {
  const pp = deduction.score(
    { type: 'deduction', perUnit: '0.5' },
    ctx({ weight: '5', target: '≥95%', actual: '93%' }),
  );
  assert.equal(raw(pp), '4');
  assert.match(explain(pp), /差 2 个百分点，5 − 0\.5 × 2$/);
  const grouped = deduction.score(
    { type: 'deduction', perUnit: '1', unitSize: 10 },
    ctx({ weight: '5', target: '≥100人', actual: '75人' }),
  );
  assert.equal(raw(grouped), '2.5');
  assert.match(explain(grouped), /5 − 1 × 25 ÷ 10$/);
});

test('range target: distance to the nearest bound', () => {
  const above = deduction.score(
    { type: 'deduction', perUnit: '0.1' },
    ctx({ weight: '2', target: '80%~100%', actual: '103%' }),
  );
  assert.equal(raw(above), '1.7');
  const below = deduction.score(
    { type: 'deduction', perUnit: '0.1' },
    ctx({ weight: '2', target: '80%~100%', actual: '78%' }),
  );
  assert.equal(raw(below), '1.8');
});

test('never below 0', () => {
  const out = deduction.score(
    { type: 'deduction', perUnit: '1' },
    ctx({ weight: '2', target: '≥10', actual: '5' }),
  );
  assert.equal(raw(out), '0');
  assert.equal(explain(out), '指标值 ≥10，完成值 5，差 5，2 − 1 × 5 < 0，扣完为止，得 0 分');
});

test('count basis: the actual is a number of violations', () => {
  const out = deduction.score(
    { type: 'deduction', perUnit: '0.5', basis: 'count' },
    ctx({ weight: '3', actual: '2次' }),
  );
  assert.equal(raw(out), '2');
  assert.equal(explain(out), '问题/违规数 2次，每项扣 0.5 分，3 − 0.5 × 2');
  assert.equal(
    failed(
      deduction.score(
        { type: 'deduction', perUnit: '1', basis: 'count' },
        ctx({ weight: '3', actual: '-1' }),
      ),
    ).code,
    'negative-count',
  );
});

test('problems: missing or text actual, missing target, bad unit size', () => {
  const P = { type: 'deduction', perUnit: '1' } as const;
  assert.equal(failed(deduction.score(P, ctx({ weight: '2', target: '≥1' }))).code, 'actual-missing');
  assert.equal(
    failed(deduction.score(P, ctx({ weight: '2', target: '≥1', actual: textActual('较好') }))).code,
    'actual-not-numeric',
  );
  assert.equal(failed(deduction.score(P, ctx({ weight: '2', actual: '1' }))).code, 'target-missing');
  assert.equal(
    failed(deduction.score({ ...P, unitSize: 0 }, ctx({ weight: '2', target: '≥5', actual: '1' }))).code,
    'bad-parameter',
  );
});

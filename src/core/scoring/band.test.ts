import { test } from 'node:test';
import assert from 'node:assert/strict';
import { band } from './band.ts';
import { ctx, explain, failed, raw, textActual } from './test-support.ts';

const B = { type: 'band' } as const;

test('seed 001 宣教中心: 3 × (215 ÷ 300 − 60%) ÷ 40% = 0.875 (→ 0.88)', () => {
  const out = band.score(B, ctx({ weight: '3', target: '≥300篇', actual: '215篇' }));
  assert.equal(raw(out), '0.875');
  assert.equal(explain(out), '3 × (215 ÷ 300 − 60%) ÷ 40%');
});

test('seed 001: 4 × (1656 ÷ 2000 − 60%) ÷ 40% = 2.28; 服务中心 8 × (861 ÷ 1000 − 60%) ÷ 40% = 5.22', () => {
  assert.equal(raw(band.score(B, ctx({ weight: '4', target: '≥2000人', actual: '1656人' }))), '2.28');
  assert.equal(raw(band.score(B, ctx({ weight: '8', target: '≥1000人次', actual: '861人次' }))), '5.22');
});

test('full marks at or above the target, 0 below the floor', () => {
  const full = band.score(B, ctx({ weight: '4', target: '≥2000人', actual: '2000人' }));
  assert.equal(raw(full), '4');
  assert.equal(explain(full), '完成率 2000 ÷ 2000 = 100.00% ≥ 100%，得满分 4');
  const low = band.score(B, ctx({ weight: '4', target: '≥2000人', actual: '1000人' }));
  assert.equal(raw(low), '0');
  assert.equal(explain(low), '完成率 1000 ÷ 2000 = 50.00%，低于 60%，得 0 分');
  assert.equal(raw(band.score(B, ctx({ weight: '4', target: '≥2000人', actual: '1200人' }))), '0'); // exactly the floor
});

test('a stated floor; lower-is-better', () => {
  assert.equal(
    raw(band.score({ type: 'band', floor: '50%' }, ctx({ weight: '10', target: '≥100', actual: '75' }))),
    '5',
  );
  assert.equal(raw(band.score(B, ctx({ weight: '4', target: '≤100%', actual: '125%' }))), '2');
});

test('problems: zero target, missing or text actual', () => {
  assert.equal(
    failed(band.score(B, ctx({ weight: '4', target: '≥0', actual: '3' }))).code,
    'zero-denominator',
  );
  assert.equal(failed(band.score(B, ctx({ weight: '4', target: '≥3' }))).code, 'actual-missing');
  assert.equal(
    failed(band.score(B, ctx({ weight: '4', target: '≥3', actual: textActual('基本完成') }))).code,
    'actual-not-numeric',
  );
});

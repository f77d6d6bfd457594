import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tiers } from './tiers.ts';
import { type Params, ctx, explain, failed, raw, textActual } from './test-support.ts';

/** 财预〔2021〕101号 预算执行率: 10 within budget, 7 for 80–100%, 5 for 60–80%, 0 below 60%. */
const execution: Params<'tiers'> = {
  type: 'tiers',
  tiers: [
    { min: '100%', score: 10 },
    { min: '80%', score: 7 },
    { min: '60%', score: 5 },
  ],
};

/** 财预〔2021〕101号 满意度: ≥90% 10, 80–90% 8, 60–80% 5, <60% 0 (mins written three ways). */
const satisfaction: Params<'tiers'> = {
  type: 'tiers',
  tiers: [
    { min: '90%', score: 10 },
    { min: 80, score: 8 },
    { min: 0.6, score: 5 },
    { min: 0, score: 0 },
  ],
};

test('101号 预算执行率 tiers', () => {
  const at = (a: string) => raw(tiers.score(execution, ctx({ weight: '10', actual: a })));
  assert.equal(at('100%'), '10');
  assert.equal(at('95.40%'), '7');
  assert.equal(at('80%'), '7');
  assert.equal(at('79.99%'), '5');
  assert.equal(at('60%'), '5');
  assert.equal(at('59.99%'), '0');
  assert.equal(
    explain(tiers.score(execution, ctx({ weight: '10', actual: '95.40%' }))),
    '完成值 95.40%，达到“≥80%”档，得 7 分',
  );
  assert.equal(
    explain(tiers.score(execution, ctx({ weight: '10', actual: '50%' }))),
    '完成值 50%，低于最低档 60%，得 0 分',
  );
});

test('101号 满意度 tiers', () => {
  const at = (a: string) => raw(tiers.score(satisfaction, ctx({ weight: '10', actual: a })));
  assert.equal(at('95%'), '10');
  assert.equal(at('90%'), '10');
  assert.equal(at('89.99%'), '8');
  assert.equal(at('80%'), '8');
  assert.equal(at('79%'), '5');
  assert.equal(at('59%'), '0');
});

test('shares of the weight', () => {
  const params: Params<'tiers'> = {
    type: 'tiers',
    tiers: [
      { min: '90%', share: '100%' },
      { min: '60%', share: 0.5 },
    ],
  };
  const out = tiers.score(params, ctx({ weight: '6', actual: '75%' }));
  assert.equal(raw(out), '3');
  assert.equal(explain(out), '完成值 75%，达到“≥60%”档，6 × 50%');
});

test('plain values and completion basis', () => {
  const plain: Params<'tiers'> = {
    type: 'tiers',
    tiers: [
      { min: 100, score: 4 },
      { min: 50, score: 2 },
    ],
  };
  assert.equal(raw(tiers.score(plain, ctx({ weight: '4', actual: '80人' }))), '2');
  const byCompletion: Params<'tiers'> = { ...execution, basis: 'completion' };
  const out = tiers.score(byCompletion, ctx({ weight: '10', target: '≥2000人', actual: '1656人' }));
  assert.equal(raw(out), '7');
  assert.equal(explain(out), '完成率 1656 ÷ 2000 = 82.80%，达到“≥80%”档，得 7 分');
});

test('problems: tier without score, zero target, text actual', () => {
  assert.equal(
    failed(tiers.score({ type: 'tiers', tiers: [{ min: '90%' }] }, ctx({ weight: '4', actual: '95%' }))).code,
    'tier-without-score',
  );
  assert.equal(
    failed(
      tiers.score({ ...execution, basis: 'completion' }, ctx({ weight: '10', target: '≥0', actual: '5' })),
    ).code,
    'zero-denominator',
  );
  assert.equal(
    failed(tiers.score(execution, ctx({ weight: '10', actual: textActual('较好') }))).code,
    'actual-not-numeric',
  );
});

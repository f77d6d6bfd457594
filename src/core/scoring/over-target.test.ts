import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overTarget } from './over-target.ts';
import { type Params, ctx, explain, failed, other, raw } from './test-support.ts';

const video = other('C11', '官微视频号推送短视频', '≥80条', '146条');
const steps = [{ over: '50%', deduct: 1 }];

test('seed 001 宣教中心 绩效目标: 146 against 80 → +82.50% → 5 − 1 = 4', () => {
  const out = overTarget.score(
    { type: 'over-target', refs: ['C11'], steps },
    ctx({ weight: '5', others: [video] }),
  );
  assert.equal(raw(out), '4');
  assert.equal(explain(out), '官微视频号推送短视频 146 ÷ 80 − 1 = 82.50%，超过 50%，扣 1 分：5 − 1');
});

test('within the allowance: full marks', () => {
  const near = other('C12', '培训人次', '≥1000人次', '1200人次');
  const out = overTarget.score(
    { type: 'over-target', refs: ['C12'], steps },
    ctx({ weight: '5', others: [near] }),
  );
  assert.equal(raw(out), '5');
  assert.equal(explain(out), '培训人次 1200 ÷ 1000 − 1 = 20.00%，未超过 50%，不扣分，得满分 5');
});

test('steps: the largest reached, strictly exceeded; max over refs', () => {
  const ladder = [
    { over: '30%', deduct: '0.5' },
    { over: '50%', deduct: 1 },
    { over: '100%', deduct: 2 },
  ];
  const exactly50 = other('A', '甲', '≥100', '150');
  assert.equal(
    raw(
      overTarget.score(
        { type: 'over-target', refs: ['A'], steps: ladder },
        ctx({ weight: '5', others: [exactly50] }),
      ),
    ),
    '4.5',
  );
  const out = overTarget.score(
    { type: 'over-target', refs: ['A', 'C11'], steps: ladder },
    ctx({ weight: '5', others: [exactly50, video] }),
  );
  assert.equal(raw(out), '4');
  assert.match(explain(out), /；取最大扣分 1：5 − 1$/);
});

test('direction: below and both; no refs judges the indicator itself', () => {
  const low: Params<'over-target'> = {
    type: 'over-target',
    direction: 'below',
    steps: [{ over: '30%', deduct: 2 }],
  };
  const out = overTarget.score(
    low,
    ctx({ weight: '5', name: '丰富职工精神文化生活', target: '≥100场', actual: '60场' }),
  );
  assert.equal(raw(out), '3');
  assert.equal(explain(out), '丰富职工精神文化生活 60 ÷ 100 − 1 = -40.00%，低于目标超过 30%，扣 2 分：5 − 2');
  const above = overTarget.score(
    { ...low, direction: 'above' },
    ctx({ weight: '5', target: '≥100场', actual: '60场' }),
  );
  assert.equal(raw(above), '5');
  const both = overTarget.score(
    { ...low, direction: 'both' },
    ctx({ weight: '5', target: '≥100场', actual: '140场' }),
  );
  assert.equal(raw(both), '3');
});

test('never below 0', () => {
  const out = overTarget.score(
    { type: 'over-target', refs: ['C11'], steps: [{ over: '50%', deduct: 9 }] },
    ctx({ weight: '5', others: [video] }),
  );
  assert.equal(raw(out), '0');
});

test('problems: unknown ref, zero target, missing actual', () => {
  const p = failed(overTarget.score({ type: 'over-target', refs: ['X9'], steps }, ctx({ weight: '5' })));
  assert.equal(p.code, 'unknown-ref');
  assert.match(p.message, /X9/);
  const zero = other('Z', '零', '≥0', '5');
  assert.equal(
    failed(
      overTarget.score({ type: 'over-target', refs: ['Z'], steps }, ctx({ weight: '5', others: [zero] })),
    ).code,
    'zero-denominator',
  );
  assert.equal(
    failed(overTarget.score({ type: 'over-target', steps }, ctx({ weight: '5', target: '≥5' }))).code,
    'actual-missing',
  );
});

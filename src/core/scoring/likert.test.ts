import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE, ZERO } from '../decimal/index.ts';
import { likert } from './likert.ts';
import { type Params, ctx, explain, failed, raw, survey } from './test-support.ts';

test('seed 002 A33 人力资源投入合理性: 3 × 89.90% = 2.697', () => {
  const out = likert.score(
    { type: 'likert', shares: { 非常满意: '82.69%', 满意: '13.46%', 一般: '1.92%', 不满意: '1.92%' } },
    ctx({ weight: '3' }),
  );
  assert.equal(raw(out), '2.697');
  assert.equal(explain(out), '得分率 = 82.69%×1 + 13.46%×0.5 + 1.92%×0.25 + 1.92%×0 = 89.90%，3 × 89.90%');
});

test('seed 002 A34 办公资源投入合理性: 2 × 92.79% = 1.8558', () => {
  const out = likert.score(
    { type: 'likert', shares: { 非常满意: '86.54%', 满意: '11.54%', 一般: '1.92%', 不满意: '0%' } },
    ctx({ weight: '2' }),
  );
  assert.equal(raw(out), '1.8558');
  assert.match(explain(out), /= 92\.79%，2 × 92\.79%$/);
});

const staff = survey('staff', {
  q1: { 非常满意: '86.54%', 满意: '11.54%', 一般: '1.92%', 不满意: '0%' },
  q2: { 非常满意: '82.69%', 满意: '13.46%', 一般: '1.92%', 不满意: '1.92%' },
});

test('a survey question, with default levels', () => {
  const out = likert.score(
    { type: 'likert', survey: 'staff', question: 'q2' },
    ctx({ weight: '3', surveys: [staff] }),
  );
  assert.equal(raw(out), '2.697');
  assert.match(explain(out), /^问卷“问卷staff”题目“q2”：82\.69%×1 \+ .* = 89\.90%，3 × 89\.90%$/);
});

test('a survey without question: the mean of its questions’ rates', () => {
  const out = likert.score({ type: 'likert', survey: 'staff' }, ctx({ weight: '10', surveys: [staff] }));
  assert.equal(raw(out), '9.1345'); // (92.79% + 89.90%) ÷ 2 = 91.345%
  assert.match(explain(out), /各题得分率 92\.79%、89\.90% 的平均 = 91\.345%，10 × 91\.345%$/);
});

test('level weights: params over the survey’s over the default', () => {
  const own = survey('s', { q: { 好: '50%', 差: '50%' } }, [
    { label: '好', weight: ONE },
    { label: '差', weight: ZERO },
  ]);
  assert.equal(raw(likert.score({ type: 'likert', survey: 's' }, ctx({ weight: '4', surveys: [own] }))), '2');
  const params: Params<'likert'> = {
    type: 'likert',
    survey: 's',
    levels: [
      { label: '好', weight: 1 },
      { label: '差', weight: '50%' },
    ],
  };
  assert.equal(raw(likert.score(params, ctx({ weight: '4', surveys: [own] }))), '3');
});

test('a rate given directly, or a percentage actual', () => {
  assert.equal(raw(likert.score({ type: 'likert', rate: '95%' }, ctx({ weight: '10' }))), '9.5');
  const out = likert.score({ type: 'likert' }, ctx({ weight: '10', actual: '90%' }));
  assert.equal(raw(out), '9');
  assert.equal(explain(out), '满意度 90%，10 × 90.00%');
});

test('problems: unknown level, survey, question; no data', () => {
  assert.equal(
    failed(likert.score({ type: 'likert', shares: { 很好: '100%' } }, ctx({ weight: '3' }))).code,
    'unknown-level',
  );
  assert.match(
    failed(likert.score({ type: 'likert', shares: { 很好: '100%' } }, ctx({ weight: '3' }))).message,
    /选项“很好”不在答案等级中/,
  );
  assert.equal(
    failed(likert.score({ type: 'likert', survey: 'x' }, ctx({ weight: '3', surveys: [staff] }))).code,
    'unknown-survey',
  );
  assert.equal(
    failed(
      likert.score(
        { type: 'likert', survey: 'staff', question: 'q9' },
        ctx({ weight: '3', surveys: [staff] }),
      ),
    ).code,
    'unknown-question',
  );
  assert.equal(failed(likert.score({ type: 'likert' }, ctx({ weight: '3' }))).code, 'likert-no-data');
  assert.equal(
    failed(likert.score({ type: 'likert' }, ctx({ weight: '3', actual: '8人' }))).code,
    'likert-no-data',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ONE, ZERO, eq, gte, lte, toPlain, sum } from '../decimal/index.ts';
import { FIVE_LEVELS, FOUR_LEVELS } from './levels.ts';
import { addCounts, emptyCounts, percentHalfUp2, surveyResults, tally } from './results.ts';
import type { SurveyDef } from './types.ts';

const staff: SurveyDef = {
  name: '工作人员满意度调查',
  intro: '',
  levels: [...FOUR_LEVELS],
  questions: [
    { id: 'q1', text: '办公条件' },
    { id: 'q2', text: '人员配置' },
  ],
};

test('seed 002 staff questionnaire (52 sheets): shares, 得分率 and overall satisfaction', () => {
  // q1: 45/6/1/0 → 86.54% 11.54% 1.92% 0%; q2: 43/7/1/1 → 82.69% 13.46% 1.92% 1.92%
  const r = surveyResults(staff, { q1: [45, 6, 1, 0], q2: [43, 7, 1, 1] });
  const [q1, q2] = r.questions;
  assert.deepEqual(q1?.shares.map(percentHalfUp2), ['86.54%', '11.54%', '1.92%', '0.00%']);
  assert.equal(q1?.total, 52);
  // 45/52 + 3/52 + 0.25/52 = 48.25/52 = 92.788…% → 92.79%
  assert.equal(percentHalfUp2(q1?.rate ?? ZERO), '92.79%');
  assert.equal(toPlain(q1?.rate ?? ZERO, 6), '0.927885');
  // 43 + 3.5 + 0.25 = 46.75/52 = 89.903…%
  assert.equal(percentHalfUp2(q2?.rate ?? ZERO), '89.90%');
  // overall = (48.25 + 46.75) / 104 = 95/104 = 91.346…%
  assert.ok(r.overall && eq(r.overall, { n: 95n, d: 104n }));
  assert.equal(percentHalfUp2(r.overall), '91.35%');
});

test('half-up at the second place of a percentage: 1/8 = 12.5% exactly, 1/16 = 6.25%, 1/32 = 3.125% → 3.13%', () => {
  assert.equal(percentHalfUp2({ n: 1n, d: 8n }), '12.50%');
  assert.equal(percentHalfUp2({ n: 1n, d: 32n }), '3.13%');
  assert.equal(percentHalfUp2({ n: 2n, d: 3n }), '66.67%');
  assert.equal(percentHalfUp2({ n: 1n, d: 3n }), '33.33%');
});

test('a question nobody answered has no 得分率 and is left out of the overall', () => {
  const r = surveyResults(staff, { q1: [1, 1, 0, 0], q2: [0, 0, 0, 0] });
  assert.equal(r.questions[1]?.rate, undefined);
  assert.ok(r.overall && eq(r.overall, { n: 3n, d: 4n }));
  assert.equal(surveyResults(staff, emptyCounts(staff)).overall, undefined);
});

test('online answers are tallied by level; paper counts are added', () => {
  const online = tally(staff, [
    { q1: '非常满意', q2: '一般' },
    { q1: '非常满意', q2: '不满意' },
    { q1: '满意', q2: '一般' },
  ]);
  assert.deepEqual(online, { q1: [2, 1, 0, 0], q2: [0, 0, 2, 1] });
  assert.deepEqual(addCounts(staff, online, { q1: [10, 0, 0, 1], q2: [1, 1, 1, 1] }), {
    q1: [12, 1, 0, 1],
    q2: [1, 1, 3, 2],
  });
});

test('five levels: 1, 0.75, 0.5, 0.25, 0', () => {
  const def: SurveyDef = { ...staff, levels: [...FIVE_LEVELS], questions: [{ id: 'q1', text: '总体' }] };
  const r = surveyResults(def, { q1: [1, 1, 1, 1, 1] });
  assert.equal(percentHalfUp2(r.questions[0]?.rate ?? ZERO), '50.00%');
});

const countsArb = (levels: number, questions: number) =>
  fc.array(fc.array(fc.nat(500), { minLength: levels, maxLength: levels }), {
    minLength: questions,
    maxLength: questions,
  });

test('laws: shares of an answered question sum to exactly 1; 得分率 and overall lie in [0, 1]; scaling counts changes nothing', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 20 }),
      (five, nq, k) => {
        const def: SurveyDef = {
          ...staff,
          levels: [...(five ? FIVE_LEVELS : FOUR_LEVELS)],
          questions: Array.from({ length: nq }, (_, i) => ({
            id: `q${String(i + 1)}`,
            text: `题${String(i)}`,
          })),
        };
        fc.assert(
          fc.property(countsArb(def.levels.length, nq), (rows) => {
            const counts = Object.fromEntries(rows.map((row, i) => [`q${String(i + 1)}`, row]));
            const r = surveyResults(def, counts);
            const scaled = surveyResults(
              def,
              Object.fromEntries(Object.entries(counts).map(([q, row]) => [q, row.map((n) => n * k)])),
            );
            for (const [i, q] of r.questions.entries()) {
              if (q.total === 0) continue;
              assert.ok(eq(sum(q.shares), ONE));
              assert.ok(q.rate && gte(q.rate, ZERO) && lte(q.rate, ONE));
              assert.ok(q.rate && scaled.questions[i]?.rate && eq(q.rate, scaled.questions[i].rate));
            }
            if (r.overall) assert.ok(gte(r.overall, ZERO) && lte(r.overall, ONE));
            // adding a tally to zero counts is the tally itself
            assert.deepEqual(addCounts(def, counts, emptyCounts(def)), counts);
          }),
          { numRuns: 20 },
        );
      },
    ),
    { numRuns: 20 },
  );
});

test('law: the tally of answers equals the sum of each answer tallied alone', () => {
  const labels = FOUR_LEVELS.map((l) => l.label);
  fc.assert(
    fc.property(
      fc.array(fc.record({ q1: fc.constantFrom(...labels), q2: fc.constantFrom(...labels) }), {
        maxLength: 60,
      }),
      (answers) => {
        const whole = tally(staff, answers);
        const parts = answers.reduce(
          (acc, a) => addCounts(staff, acc, tally(staff, [a])),
          emptyCounts(staff),
        );
        assert.deepEqual(whole, parts);
        const total = (whole['q1'] ?? []).reduce((s, n) => s + n, 0);
        assert.equal(total, answers.length);
      },
    ),
  );
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { xuanjiao } from '../../test/fixtures.ts';
import { type Rat, cmp, eq, sum, toFixed, ZERO } from './decimal/index.ts';
import { flatten, scoreEvaluation } from './engine.ts';
import { gradeOf } from './grading.ts';
import { parseEvaluation } from './normalize.ts';
import type { EvaluationInput, IndicatorInputT } from './schema/evaluation.ts';

const fixed = (r: Rat): string => toFixed(r, 2);

describe('engine', () => {
  it('scores leaves by their rules and rolls up to every level', () => {
    const result = scoreEvaluation(parseEvaluation(xuanjiao()));
    const c11 = result.byCode.get('C11');
    assert.equal(c11 && fixed(c11.score), '0.88');
    assert.equal(c11?.explanation, '3 × (215 ÷ 300 − 60%) ÷ 40% = 0.88');
    assert.equal(fixed(result.byCode.get('C12')?.score ?? ZERO), '2.28');
    assert.equal(fixed(result.byCode.get('C1')?.score ?? ZERO), '3.16');
    assert.equal(result.byCode.get('C1')?.explanation, '0.88 + 2.28 = 3.16');
    // 8 ÷ 16 = 50% ≤ 115%: met
    assert.equal(fixed(result.byCode.get('C2')?.score ?? ZERO), '2.00');
    assert.equal(fixed(result.total), '91.16');
    assert.equal(result.grade, '优');
  });

  it('gives a 0/0 ratio “not applicable” and scores it by the system’s policy', () => {
    const full = scoreEvaluation(parseEvaluation(xuanjiao()));
    const c3 = full.byCode.get('C3');
    assert.equal(c3?.status, 'not-applicable');
    assert.equal(fixed(c3?.score ?? ZERO), '1.00');
    assert.match(c3?.explanation ?? '', /不适用.*分母为 0/);

    const zeroInput = { ...xuanjiao(), rules: { notApplicable: 'zero' as const } };
    assert.equal(fixed(scoreEvaluation(parseEvaluation(zeroInput)).byCode.get('C3')?.score ?? ZERO), '0.00');

    const redistribute = scoreEvaluation(
      parseEvaluation({ ...xuanjiao(), rules: { notApplicable: 'redistribute' as const } }),
    );
    const c = redistribute.byCode.get('C');
    // C's 10 points go to C1 (7) and C2 (2): weights 70/9 and 20/9.
    assert.equal(fixed(c?.children[0]?.effectiveWeight ?? ZERO), '7.78');
    assert.equal(fixed(c?.children[2]?.effectiveWeight ?? ZERO), '0.00');
    assert.ok(eq(c?.score ?? ZERO, sum(c?.children.map((x) => x.score) ?? [])));
  });

  it('cannot score a ratio whose data are missing (unlike a zero denominator, which is not applicable)', () => {
    const input = xuanjiao();
    delete input.staffing;
    const r = scoreEvaluation(parseEvaluation(input)).byCode.get('C2');
    assert.equal(r?.status, 'unscorable');
    assert.equal(fixed(r?.score ?? ZERO), '0.00');
    assert.match(r?.explanation ?? '', /无法计分：在职人员控制率缺少数据/);
  });

  it('keeps the computed score beside an override', () => {
    const input = xuanjiao();
    const c1 = input.indicators[0]?.children?.[0]?.children?.[0];
    assert.ok(c1);
    c1.override = { score: 1.5, reason: '复核后调整', by: '张三' };
    const r = scoreEvaluation(parseEvaluation(input)).byCode.get('C11');
    assert.equal(r?.status, 'override');
    assert.equal(fixed(r?.computed ?? ZERO), '0.88');
    assert.equal(fixed(r?.score ?? ZERO), '1.50');
    assert.match(r?.explanation ?? '', /计算得分 0\.88.*评价人调整为 1\.50：复核后调整/);
  });

  it('truncates when the system says so (seed 004: 10 × 31.98 ÷ 33.46 = 9.55)', () => {
    const input = xuanjiao();
    input.rules = { rounding: { mode: 'truncate', places: 2 } };
    input.indicators[1] = {
      code: 'D',
      name: '产出成本',
      weight: 90,
      children: [
        {
          code: 'D1',
          name: '社保金缴费',
          weight: 10,
          target: '≥33.46万元',
          actual: '31.98万元',
          method: { type: 'proportional' },
        },
        { code: 'D2', name: '其他', weight: 80, method: { type: 'manual', score: 80, reason: '满分' } },
      ],
    };
    assert.equal(fixed(scoreEvaluation(parseEvaluation(input)).byCode.get('D1')?.score ?? ZERO), '9.55');
  });

  it('scores 0 and says why when a method cannot score', () => {
    const input = xuanjiao();
    const c12 = input.indicators[0]?.children?.[0]?.children?.[1];
    assert.ok(c12);
    delete c12.actual;
    const r = scoreEvaluation(parseEvaluation(input)).byCode.get('C12');
    assert.equal(r?.status, 'unscorable');
    assert.equal(fixed(r?.score ?? ZERO), '0.00');
    assert.match(r?.explanation ?? '', /无法计分：缺少完成值/);
  });
});

describe('grades', () => {
  const bands = parseEvaluation(xuanjiao()).rules.grades;
  const g = (s: string): string => gradeOf({ n: BigInt(Math.round(Number(s) * 100)), d: 100n }, bands);
  it('uses the default bands: 89.99 is 良, 90.00 is 优, 59.99 is 差', () => {
    assert.equal(g('90.00'), '优');
    assert.equal(g('89.99'), '良');
    assert.equal(g('80.00'), '良');
    assert.equal(g('79.99'), '中');
    assert.equal(g('60.00'), '中');
    assert.equal(g('59.99'), '差');
    assert.equal(g('0'), '差');
  });
});

// ---- property tests over random indicator trees ------------------------------------------------

const cents = fc.integer({ min: 0, max: 2000 }).map((n) => (n / 100).toFixed(2));

const leaf = fc
  .record({
    weight: fc.integer({ min: 1, max: 20 }),
    kind: fc.constantFrom('band', 'proportional', 'threshold', 'deduction', 'manual', 'tiers', 'likert'),
    target: fc.integer({ min: 1, max: 5000 }),
    actual: fc.integer({ min: 0, max: 8000 }),
    manualShare: fc.integer({ min: 0, max: 100 }),
    per: cents,
  })
  .map(({ weight, kind, target, actual, manualShare, per }): IndicatorInputT => {
    const base = { name: kind, weight, target: `≥${target}人`, actual: `${actual}人` };
    switch (kind) {
      case 'manual':
        return {
          ...base,
          method: { type: 'manual', score: ((weight * manualShare) / 100).toFixed(2), reason: '评价' },
        };
      case 'deduction':
        return { ...base, method: { type: 'deduction', perUnit: per } };
      case 'tiers':
        return {
          ...base,
          method: {
            type: 'tiers',
            basis: 'completion',
            tiers: [
              { min: '100%', share: 1 },
              { min: '80%', share: '70%' },
              { min: '0', share: 0 },
            ],
          },
        };
      case 'likert':
        return {
          ...base,
          method: { type: 'likert', shares: { 非常满意: `${manualShare}%`, 满意: `${100 - manualShare}%` } },
        };
      default:
        return { ...base, method: { type: kind as 'band' } };
    }
  });

const tree = fc
  .array(fc.array(leaf, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 })
  .map((groups): EvaluationInput => ({
    ...xuanjiao(),
    rules: { totalWeight: 0 },
    indicators: groups.map((children, i) => ({ name: `组${i}`, children })),
  }));

describe('engine laws', () => {
  it('0 ≤ score ≤ weight at every node; a group is the sum of its children; the grade agrees with its band', () => {
    fc.assert(
      fc.property(tree, (input) => {
        const result = scoreEvaluation(parseEvaluation(input));
        for (const s of flatten(result.roots)) {
          assert.ok(
            cmp(s.score, ZERO) >= 0 && cmp(s.score, s.effectiveWeight) <= 0,
            `${s.node.code} ${fixed(s.score)} / ${fixed(s.effectiveWeight)}`,
          );
          if (s.children.length > 0) assert.ok(eq(s.score, sum(s.children.map((c) => c.score))));
          // rounded to 2 places: the score is a whole number of cents
          assert.equal((s.score.n * 100n) % s.score.d, 0n);
        }
        assert.ok(eq(result.total, sum(result.roots.map((r) => r.score))));
        assert.equal(result.grade, gradeOf(result.total, result.evaluation.rules.grades));
        // Explanations are text only: without them every number is the same.
        const bare = flatten(scoreEvaluation(result.evaluation, { explanations: false }).roots);
        flatten(result.roots).forEach((s, i) => {
          assert.ok(eq(s.score, bare[i]?.score ?? ZERO) && s.status === bare[i]?.status);
        });
      }),
      { numRuns: 300 },
    );
  });
});

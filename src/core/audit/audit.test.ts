/** Every finding kind, triggered on purpose from a small evaluation; and clean inputs staying clean. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xuanjiao } from '../../../test/fixtures.ts';
import { scoreEvaluation } from '../engine.ts';
import { parseEvaluation } from '../normalize.ts';
import type { EvaluationInput } from '../schema/evaluation.ts';
import { FINDING_KINDS, type Finding, type FindingKind } from './finding.ts';
import { auditAcross, auditEvaluation, hasErrors } from './index.ts';

type Input = EvaluationInput;

function audit(input: Input): Finding[] {
  return auditEvaluation(scoreEvaluation(parseEvaluation(input)));
}

function edit(f: (x: Input) => void): Input {
  const x = xuanjiao();
  f(x);
  return x;
}

const leafC11 = (x: Input) => x.indicators[0]!.children![0]!.children![0]!;
const leafD1 = (x: Input) => x.indicators[1]!.children![0]!;

const cases: [FindingKind, string, (x: Input) => void][] = [
  [
    'subtotal-mismatch',
    'C1',
    (x) => {
      x.indicators[0]!.children![0]!.stated = [{ score: 3.5, quote: '产出数量得3.5分' }];
      leafC11(x).stated = [{ score: 0.88, quote: 'a' }];
      x.indicators[0]!.children![0]!.children![1]!.stated = [{ score: 2.28, quote: 'b' }];
    },
  ],
  ['score-mismatch', 'C11', (x) => (leafC11(x).stated = [{ score: 1.2, quote: '该指标得1.2分' }])],
  [
    'score-rate-mismatch',
    'C',
    (x) => (x.indicators[0]!.stated = [{ score: 9, rate: '80%', quote: '得9分，得分率80%' }]),
  ],
  [
    'rate-mismatch',
    'claims.ratios[0]',
    (x) =>
      (x.claims = { ratios: [{ ratio: 'staffControlRate', value: '60%', quote: '在职人员控制率为60%' }] }),
  ],
  [
    'figure-conflict',
    'claims.amounts[0]',
    (x) =>
      (x.claims = {
        amounts: [{ field: 'budget.executed', value: '120.20万元', quote: '决算支出120.20万元' }],
      }),
  ],
  [
    'sum-mismatch',
    'claims.sums[0]',
    (x) =>
      (x.claims = {
        sums: [
          {
            parts: [
              { label: '基本', value: '100' },
              { label: '项目', value: '21.2' },
            ],
            total: '121.30',
            quote: '合计121.30万元',
          },
        ],
      }),
  ],
  ['score-above-weight', 'C11', (x) => (leafC11(x).stated = [{ score: 4, quote: '得4分' }])],
  ['weights-total', 'indicators', (x) => (x.rules = { totalWeight: 120 })],
  ['weight-mismatch', 'C11', (x) => (leafC11(x).stated = [{ weight: 2, quote: '（2分）' }])],
  [
    'elements-exceed-weight',
    'C11',
    (x) =>
      (leafC11(x).method = {
        type: 'elements',
        elements: [
          { name: '甲', points: 2, met: true },
          { name: '乙', points: 2, met: true },
        ],
      }),
  ],
  ['full-marks-target-missed', 'C11', (x) => (leafC11(x).stated = [{ score: 3, quote: '得3分' }])],
  [
    'grade-mismatch',
    'grade',
    (x) =>
      (x.claims = {
        total: [{ score: 91.16, quote: '综合得分91.16分' }],
        grade: [{ grade: '良', quote: '等级为良' }],
      }),
  ],
  [
    'text-contradicts-table',
    'C11',
    (x) =>
      (leafC11(x).stated = [
        { score: 0.88, source: 'table', quote: '表' },
        { score: 1, source: 'text', quote: '得1分' },
      ]),
  ],
  [
    'count-mismatch',
    'claims.counts[0]',
    (x) => (x.claims = { counts: [{ level: 3, under: 'C', value: 5, quote: '由5个三级指标构成' }] }),
  ],
  [
    'same-rule-different-score',
    'C12',
    (x) => {
      leafC11(x).weight = 3.5;
      x.indicators[0]!.children![0]!.children![1] = {
        code: 'C12',
        name: '同规则',
        weight: 3.5,
        target: '≥300万次',
        actual: '215万次',
        method: { type: 'band' },
        stated: [{ score: 1, quote: 'c' }],
      };
    },
  ],
  ['na-full-marks', 'C3', () => undefined],
  ['target-too-low', 'C12', (x) => (x.indicators[0]!.children![0]!.children![1]!.actual = '2800篇')],
  ['target-too-high', 'C11', () => undefined],
  [
    'output-outcome-share',
    'indicators',
    (x) => {
      x.rules = { minOutputOutcomeShare: 60 };
      x.indicators[1]!.dimension = 'process';
    },
  ],
  [
    'shares-not-100',
    'surveys[0].questions[0]',
    (x) => {
      x.surveys = [
        { id: 's', name: '满意度', questions: [{ id: '1', shares: { 非常满意: '80%', 满意: '19%' } }] },
      ];
    },
  ],
  ['execution-over-budget', 'budget.executed', (x) => (x.budget = { ...x.budget, executed: '130' })],
  ['unit-mismatch', 'C12', (x) => (x.indicators[0]!.children![0]!.children![1]!.actual = '1656条')],
  ['unexplained-deduction', 'D1', (x) => (leafD1(x).stated = [{ score: 85, source: 'table', quote: '85' }])],
  ['unscorable', 'C12', (x) => delete x.indicators[0]!.children![0]!.children![1]!.actual],
];

describe('audit: every finding kind', () => {
  it('covers every kind of the catalogue', () => {
    assert.deepEqual([...new Set(cases.map((c) => c[0]))].sort(), Object.keys(FINDING_KINDS).sort());
  });
  for (const [kind, location, f] of cases) {
    it(`${kind} at ${location}: ${FINDING_KINDS[kind]}`, () => {
      const findings = audit(edit(f));
      const hit = findings.find((x) => x.kind === kind && x.location === location);
      assert.ok(hit, findings.map((x) => `${x.kind}@${x.location}`).join(', '));
      assert.match(hit.message, /\p{Script=Han}/u);
    });
  }
});

describe('audit details', () => {
  it('compares a stated rate at its printed precision: 95.6% agrees with 31.98 ÷ 33.46 = 95.58%', () => {
    const x = edit((e) => {
      e.budget = { annual: '33.46', executed: '31.98' };
      e.claims = {
        ratios: [
          { ratio: 'executionRate', value: '95.6%', quote: '预算执行率95.6%' },
          { ratio: 'executionRate', value: '96.6%', quote: '资金执行率96.6%', where: '第3页' },
        ],
      };
    });
    const f = audit(x).filter((k) => k.kind === 'rate-mismatch');
    assert.deepEqual(
      f.map((k) => k.location),
      ['claims.ratios[1]'],
    );
    assert.equal(f[0]?.message, '第3页：“资金执行率96.6%” — 31.98万元 ÷ 33.46万元 = 95.58%');
    assert.equal(f[0]?.stated, '96.6%');
    assert.equal(f[0]?.computed, '95.58%');
  });

  it('shows head counts of a staffing ratio as numbers, not money (amountUnit 万元)', () => {
    const x = edit(
      (e) =>
        (e.claims = {
          ratios: [
            { ratio: 'staffControlRate', value: '60%', numerator: 8, denominator: 16, quote: '8÷16=60%' },
          ],
        }),
    );
    const f = audit(x).find((k) => k.kind === 'rate-mismatch');
    assert.equal(f?.message, '“8÷16=60%” — 8 ÷ 16 = 50.00%');
  });

  it('calls a truncated rate a warning, not an error (3,013.88 ÷ 3,014.03 printed 99.99%)', () => {
    const x = edit((e) => {
      e.budget = { annual: '3014.03', executed: '3013.88' };
      e.claims = { ratios: [{ ratio: 'executionRate', value: '99.99%', quote: '执行率为99.99%' }] };
    });
    const f = audit(x).find((k) => k.kind === 'rate-mismatch');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /99\.9950%.*100\.00%/);
  });

  it('calls a score off only by the rounding mode a warning', () => {
    const x = edit((e) => {
      e.rules = { rounding: { mode: 'truncate', places: 2 } };
      e.budget = { annual: '33.46', executed: '31.98' };
      e.indicators[1] = {
        code: 'D',
        name: '过程',
        weight: 90,
        children: [
          {
            code: 'D1',
            name: '预算执行率',
            weight: 5,
            target: '=100%',
            actual: { ratio: 'executionRate' },
            method: { type: 'proportional' },
            stated: [{ score: 4.78, quote: '得4.78分' }],
          },
          { code: 'D2', name: '其他', weight: 85, method: { type: 'manual', score: 85, reason: '满分' } },
        ],
      };
    });
    const f = audit(x).find((k) => k.kind === 'score-mismatch' && k.location === 'D1');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.computed, '4.77');
  });

  it('finds nothing wrong in a consistent report', () => {
    const x = edit((e) => {
      e.claims = {
        total: [{ score: '91.16', quote: '总分91.16分' }],
        grade: [{ grade: '优', quote: '等级为优' }],
        ratios: [
          { ratio: 'staffControlRate', value: '50%', quote: '在职人员控制率为50%' },
          { ratio: 'executionRate', value: '100.00%', quote: '预算执行率100.00%' },
        ],
        amounts: [{ field: 'budget.executed', value: '121.20万元', quote: '决算121.20万元' }],
        sums: [
          {
            parts: [
              { label: '基本', value: '100' },
              { label: '项目', value: '21.2' },
            ],
            total: '121.20',
            quote: '合计121.20万元',
          },
        ],
        counts: [{ level: 3, under: 'C', value: 2, quote: '2个三级指标' }],
      };
      leafC11(e).stated = [{ score: 0.88, weight: 3, quote: '得0.88分' }];
      e.indicators[0]!.stated = [{ score: 6.16, rate: '61.60%', quote: '产出得6.16分，得分率61.60%' }];
    });
    const findings = audit(x).filter((f) => f.severity !== 'info' && f.kind !== 'target-too-high');
    assert.deepEqual(
      findings.map((f) => `${f.kind}@${f.location}: ${f.message}`),
      [],
    );
    assert.equal(hasErrors(findings), false);
  });

  it('compares the same rule across evaluations', () => {
    const a = scoreEvaluation(parseEvaluation(edit((e) => (leafD1(e).actual = '90%'))));
    const b = scoreEvaluation(
      parseEvaluation(
        edit((e) => {
          leafD1(e).actual = '90%';
          leafD1(e).method = { type: 'manual', score: 80, reason: '按满意度评分' };
        }),
      ),
    );
    const f = auditAcross([
      { name: 'a', result: a },
      { name: 'b', result: b },
    ]);
    assert.equal(f.length, 1);
    assert.equal(f[0]?.kind, 'same-rule-different-score');
    assert.match(f[0]?.message ?? '', /同一完成值 90%/);
  });
});

/**
 * Rows crafted on purpose where binary floating point and exact decimals may part: scores that
 * land exactly on a tie at the third decimal (x.xx5, rounded half-up to x.xx+0.01 by 四舍五入),
 * a deviation exactly on a step boundary, and a long sum of rounded scores that should be exactly
 * 90.00 (the 优 boundary). Reported apart from the random rows.
 */
import type { EvaluationInput } from '../src/core/schema/evaluation.ts';
import { type Generated, type LeafSpec, buildTree, toIndicator } from './generate.ts';

const pct = (value: string) => ({ value, unit: '%' });

/** Each crafted leaf with why it is interesting. */
export const TIES: readonly { leaf: LeafSpec; why: string }[] = [
  {
    leaf: {
      code: 'T1',
      name: '区间插值 95%',
      weight: '1',
      kind: 'band',
      floor: undefined,
      target: pct('100'),
      actual: pct('95'),
    },
    why: '1 × (95% − 60%) ÷ 40% = 0.875 exactly',
  },
  {
    leaf: {
      code: 'T2',
      name: '完成比例 28.5%',
      weight: '1',
      kind: 'proportional',
      direction: 'higher',
      target: pct('100'),
      actual: pct('28.5'),
    },
    why: '1 × 28.5% = 0.285 exactly',
  },
  {
    leaf: {
      code: 'T3',
      name: '问卷得分率',
      weight: '1',
      kind: 'likert',
      shares: [
        ['非常满意', '30'],
        ['满意', '17.5'],
        ['一般', '15'],
        ['不满意', '37.5'],
      ],
    },
    why: '1 × (30% + 17.5% × 0.5 + 15% × 0.25) = 0.425 exactly',
  },
  {
    leaf: {
      code: 'T4',
      name: '扣分 每少1个百分点扣0.25分',
      weight: '2.5',
      kind: 'deduction',
      target: pct('89.3'),
      actual: pct('88.44'),
      perUnit: '0.25',
      unitSize: '1',
    },
    why: '2.5 − 0.25 × 0.86 = 2.285 exactly',
  },
  {
    leaf: { code: 'T5', name: '评价人打分 1.005', weight: '2', kind: 'manual', score: '1.005' },
    why: 'the score 1.005 itself',
  },
  {
    leaf: {
      code: 'T6',
      name: '预算执行率 95%',
      weight: '1',
      kind: 'ratio',
      ratio: 'executionRate',
      method: 'band',
      target: pct('100'),
      numerator: '95.00',
      denominator: '100.00',
    },
    why: '95.00万元 ÷ 100.00万元 = 95%, then as T1',
  },
  {
    leaf: {
      code: 'T7',
      name: '超额 105%',
      weight: '1',
      kind: 'band',
      floor: undefined,
      target: { value: '100', unit: '次' },
      actual: { value: '105', unit: '次' },
    },
    why: 'the reference of T8',
  },
  {
    leaf: {
      code: 'T8',
      name: '目标偏离 恰好 5%',
      weight: '1',
      kind: 'over-target',
      ref: 'T7',
      steps: [
        { over: '10', deduct: '1' },
        { over: '5', deduct: '0.5' },
      ],
    },
    why: '105 ÷ 100 − 1 = 5% exactly: not above the 5% step, no deduction',
  },
];

/** The tie rows as one evaluation: a single level-1 group, budget 100.00万元 executed 95.00万元. */
export function tiesEvaluation(): Generated {
  const leaves = TIES.map((t) => t.leaf);
  const input: EvaluationInput = {
    format: 'jixiao/evaluation@1',
    id: 'bench-crafted-ties',
    kind: 'department',
    mode: 'self',
    fiscalYear: 2024,
    unit: { name: '基准测试单位（构造）' },
    amountUnit: '万元',
    budget: { annual: '100.00', executed: '95.00' },
    indicators: [{ code: 'T', name: '构造指标', children: leaves.map(toIndicator) }],
  };
  return { input, leaves };
}

/** 40 evaluator scores (weight 2.5 each) adding to exactly 90.00, but not in binary floating point. */
const LONG_SUM = [
  '2.32',
  '2.32',
  '2.44',
  '2.43',
  '2.10',
  '2.20',
  '1.83',
  '2.42',
  '2.29',
  '2.44',
  '2.15',
  '2.32',
  '2.26',
  '2.15',
  '2.37',
  '2.33',
  '2.30',
  '2.19',
  '1.99',
  '2.33',
  '2.34',
  '1.91',
  '2.37',
  '2.41',
  '1.99',
  '2.39',
  '2.48',
  '2.22',
  '2.19',
  '2.33',
  '2.46',
  '2.24',
  '2.24',
  '1.96',
  '2.16',
  '2.41',
  '2.36',
  '2.06',
  '1.84',
  '2.46',
];

/** The same 40 scores summed left to right in binary floating point, as a spreadsheet's SUM does. */
export const LONG_SUM_FLOAT = LONG_SUM.reduce((acc, s) => acc + Number(s), 0);

/** A full evaluation whose total is exactly 90.00 (grade 优) only when summed exactly. */
export function longSumEvaluation(): Generated {
  const leaves: LeafSpec[] = LONG_SUM.map((score, i) => {
    const code = `${'ABCD'[Math.floor(i / 10)] ?? 'X'}${Math.floor((i % 10) / 5) + 1}${(i % 5) + 1}`;
    return { code, name: `评价人打分${code}`, weight: '2.5', kind: 'manual', score };
  });
  const input: EvaluationInput = {
    format: 'jixiao/evaluation@1',
    id: 'bench-crafted-long-sum',
    kind: 'department',
    mode: 'self',
    fiscalYear: 2024,
    unit: { name: '基准测试单位（构造）' },
    indicators: buildTree(leaves),
  };
  return { input, leaves };
}

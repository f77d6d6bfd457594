import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Rat, DEFAULT_ROUNDING, ZERO, div, eq, formatPercent, fromInt, mul } from './decimal/index.ts';
import type { AmountUnit, Budget, Evaluation, Staffing } from './model.ts';
import { RATIO_NAMES, computeRatio, computeRatios, fieldName, isRatioCode, isRatioScope } from './ratios.ts';
import { r } from './scoring/test-support.ts';

/** 万元 as written → 元 (the model's unit). */
const wan = (text: string): Rat => mul(r(text), fromInt(10000));

function evaluation(amountUnit: AmountUnit, budget: Partial<Budget>, staffing: Staffing = {}): Evaluation {
  return {
    kind: 'unit',
    mode: 'self',
    fiscalYear: 2023,
    unit: { name: '测试单位' },
    amountUnit,
    budget: { sources: [], ...budget },
    staffing,
    rules: {
      rounding: DEFAULT_ROUNDING,
      grades: [],
      notApplicable: 'full',
      totalWeight: fromInt(100),
      targetSetting: { above: r('0.5'), below: r('0.5') },
    },
    surveys: [],
    indicators: [],
    index: new Map(),
    problems: [],
    suggestions: [],
    claims: { total: [], grade: [], ratios: [], amounts: [], sums: [], counts: [] },
  };
}

const value = (x: { value: Rat | null }): string => (x.value === null ? 'null' : formatPercent(x.value));

test('seed 002 预算执行率: 7,202,507.26 ÷ 7,549,890.00 = 95.40% (元)', () => {
  const ev = evaluation('元', { annual: r('7549890.00'), executed: r('7202507.26') });
  const x = computeRatio(ev, 'executionRate');
  assert.ok(x.value !== null && eq(x.value, div(r('7202507.26'), r('7549890'))));
  assert.equal(x.name, '预算执行率');
  assert.equal(x.explanation, '7,202,507.26元 ÷ 7,549,890.00元 = 95.40%');
});

test('预算执行率: annual falls back to initial + adjustment, then initial; 万元 display', () => {
  const adjusted = evaluation('万元', {
    initial: wan('30'),
    adjustment: wan('3.46'),
    executed: wan('31.98'),
  });
  assert.equal(computeRatio(adjusted, 'executionRate').explanation, '31.98万元 ÷ 33.46万元 = 95.58%');
  const initialOnly = evaluation('万元', { initial: wan('33.46'), executed: wan('31.98') });
  assert.equal(value(computeRatio(initialOnly, 'executionRate')), '95.58%');
  const big = evaluation('万元', { annual: wan('1234.5'), executed: wan('1000') });
  assert.equal(computeRatio(big, 'executionRate').explanation, '1,000.00万元 ÷ 1,234.50万元 = 81.00%');
});

test('预算执行率 by line and by source', () => {
  const ev = evaluation('万元', {
    annual: wan('100'),
    executed: wan('90'),
    basic: { annual: wan('60'), executed: wan('60') },
    project: { annual: wan('40'), executed: wan('30') },
    sources: [{ name: '财政拨款', annual: wan('80'), executed: wan('72') }],
  });
  const project = computeRatio(ev, 'executionRate', 'project');
  assert.equal(project.name, '预算执行率（项目支出）');
  assert.equal(project.explanation, '30.00万元 ÷ 40.00万元 = 75.00%');
  assert.equal(value(computeRatio(ev, 'executionRate', 'basic')), '100.00%');
  const source = computeRatio(ev, 'executionRate', 'source:财政拨款');
  assert.equal(source.name, '预算执行率（财政拨款）');
  assert.equal(value(source), '90.00%');
  const none = computeRatio(ev, 'executionRate', 'personnel');
  assert.equal(none.value, null);
  assert.equal(none.explanation, '缺少数据：预算数据（budget.personnel）');
  assert.equal(
    computeRatio(ev, 'executionRate', 'source:其他资金').explanation,
    '缺少数据：预算数据（budget.sources（其他资金））',
  );
});

test('seed 002 在职人员控制率 (行政): 7 ÷ 4 = 175.00%; seed 001: 41 ÷ 43 = 95.35%', () => {
  const songming = evaluation(
    '元',
    {},
    { authorized: { administrative: fromInt(4) }, actual: { administrative: fromInt(7) } },
  );
  const adm = computeRatio(songming, 'staffControlRate', 'administrative');
  assert.equal(adm.explanation, '7 ÷ 4 = 175.00%');
  assert.equal(adm.name, '在职人员控制率（行政）');
  const nanchang = evaluation(
    '万元',
    {},
    { authorized: { total: fromInt(43) }, actual: { total: fromInt(41) } },
  );
  assert.equal(computeRatio(nanchang, 'staffControlRate').explanation, '41 ÷ 43 = 95.35%');
});

test('在职人员控制率: the total falls back to the sum of the categories', () => {
  const ev = evaluation(
    '元',
    {},
    {
      authorized: { administrative: fromInt(4), institutional: fromInt(10) },
      actual: { administrative: fromInt(7), institutional: fromInt(8), service: fromInt(1) },
    },
  );
  assert.equal(computeRatio(ev, 'staffControlRate', 'total').explanation, '16 ÷ 14 = 114.29%');
  assert.equal(
    computeRatio(ev, 'staffControlRate', 'service').explanation,
    '缺少数据：工勤编制数（staffing.authorized.service）',
  );
  assert.equal(
    computeRatio(evaluation('元', {}), 'staffControlRate').explanation,
    '缺少数据：实有在职人数（staffing.actual.total）、编制数（staffing.authorized.total）',
  );
});

test('seed 004 资金到位率: 33.46 ÷ 33.46 = 100%', () => {
  const ev = evaluation('万元', { planned: wan('33.46'), received: wan('33.46'), annual: wan('40') });
  assert.equal(computeRatio(ev, 'fundsInPlaceRate').explanation, '33.46万元 ÷ 33.46万元 = 100.00%');
  const noPlan = evaluation('万元', { received: wan('30'), annual: wan('40') });
  assert.equal(value(computeRatio(noPlan, 'fundsInPlaceRate')), '75.00%');
});

test('seed 000 项目安排率: 0 ÷ 38.17 = 0%', () => {
  const ev = evaluation('万元', { annual: wan('38.17'), project: { annual: ZERO } });
  const x = computeRatio(ev, 'projectShare');
  assert.ok(x.value !== null && eq(x.value, ZERO));
  assert.equal(x.explanation, '0.00万元 ÷ 38.17万元 = 0.00%');
});

test('seed 001 三公经费控制率: 0 ÷ 0 → not applicable, never NaN', () => {
  const ev = evaluation('万元', { threePublic: { budget: ZERO, executed: ZERO } });
  const x = computeRatio(ev, 'threePublicControlRate');
  assert.equal(x.value, null);
  assert.equal(x.explanation, '分母为 0，不适用（0.00万元 ÷ 0.00万元）');
  assert.ok(x.denominator !== undefined && eq(x.denominator, ZERO));
});

test('预算调整率 (seed 000: adjustment 0 → 0%), with the annual − initial fallback', () => {
  assert.equal(
    value(computeRatio(evaluation('万元', { initial: wan('38.17'), adjustment: ZERO }), 'adjustmentRate')),
    '0.00%',
  );
  const fallback = computeRatio(
    evaluation('万元', { initial: wan('40'), annual: wan('50') }),
    'adjustmentRate',
  );
  assert.equal(fallback.explanation, '(50.00万元 − 40.00万元) ÷ 40.00万元 = 25.00%');
  assert.equal(
    computeRatio(evaluation('万元', { initial: wan('40') }), 'adjustmentRate').explanation,
    '缺少数据：预算调整数（budget.adjustment）',
  );
});

test('结转结余率: stated carry-over, else annual − executed', () => {
  assert.equal(
    value(computeRatio(evaluation('万元', { annual: wan('100'), carryOver: wan('5') }), 'carryOverRate')),
    '5.00%',
  );
  const derived = computeRatio(
    evaluation('万元', { annual: wan('100'), executed: wan('92') }),
    'carryOverRate',
  );
  assert.equal(derived.explanation, '(100.00万元 − 92.00万元) ÷ 100.00万元 = 8.00%');
});

test('三公经费变动率, 公用经费控制率, 政府采购执行率, 成本节约率', () => {
  const ev = evaluation('万元', {
    threePublic: { budget: wan('10'), executed: wan('9'), previousYear: wan('12') },
    publicFunds: { annual: wan('20'), executed: wan('19') },
    procurement: { budget: wan('50'), executed: wan('45') },
    cost: { planned: wan('33.46'), actual: wan('31.98') },
  });
  assert.equal(
    computeRatio(ev, 'threePublicChangeRate').explanation,
    '(9.00万元 − 12.00万元) ÷ 12.00万元 = -25.00%',
  );
  assert.equal(value(computeRatio(ev, 'threePublicControlRate')), '90.00%');
  assert.equal(value(computeRatio(ev, 'publicFundsControlRate')), '95.00%');
  assert.equal(value(computeRatio(ev, 'procurementExecutionRate')), '90.00%');
  assert.equal(computeRatio(ev, 'costSavingRate').explanation, '(33.46万元 − 31.98万元) ÷ 33.46万元 = 4.42%');
});

test('missing data names what is missing', () => {
  const x = computeRatio(evaluation('元', {}), 'procurementExecutionRate');
  assert.equal(x.value, null);
  assert.equal(
    x.explanation,
    '缺少数据：实际采购金额（budget.procurement.executed）、政府采购预算（budget.procurement.budget）',
  );
});

test('misuse throws: unknown code or scope', () => {
  const ev = evaluation('元', {});
  assert.throws(() => computeRatio(ev, 'noSuchRate'), TypeError);
  assert.throws(() => computeRatio(ev, 'executionRate', 'administrative'), TypeError);
  assert.throws(() => computeRatio(ev, 'projectShare', 'basic'), TypeError);
  assert.equal(isRatioScope('staffControlRate', 'administrative'), true);
  assert.equal(isRatioScope('executionRate', 'source:财政拨款'), true);
  assert.equal(isRatioScope('executionRate', 'Project'), false);
});

test('names and codes', () => {
  assert.equal(RATIO_NAMES.executionRate, '预算执行率');
  assert.equal(Object.keys(RATIO_NAMES).length, 11);
  assert.equal(isRatioCode('costSavingRate'), true);
  assert.equal(isRatioCode('toString'), false);
});

test('computeRatios: every ratio with data (no received → no 资金到位率), not-applicable ones included', () => {
  const ev = evaluation(
    '万元',
    {
      annual: wan('38.17'),
      executed: wan('38.17'),
      project: { annual: ZERO, executed: ZERO },
      sources: [{ name: '财政拨款', annual: wan('38.17'), executed: wan('38.17') }],
      threePublic: { budget: ZERO, executed: ZERO },
    },
    { authorized: { total: fromInt(43) }, actual: { total: fromInt(41) } },
  );
  const all = computeRatios(ev);
  const keys = all.map((x) => (x.scope === undefined ? x.code : `${x.code}:${x.scope}`));
  assert.deepEqual(keys, [
    'executionRate',
    'carryOverRate',
    'staffControlRate',
    'threePublicControlRate',
    'projectShare',
    'executionRate:project',
    'executionRate:source:财政拨款',
  ]);
  const project = all.find((x) => x.scope === 'project');
  assert.equal(project?.value, null); // 0 ÷ 0
  for (const x of all) assert.ok(x.value === null || typeof x.value.n === 'bigint');
});

test('fieldName: a data field in Chinese with its path, for messages; an unknown one as it is', () => {
  const ev = { budget: { sources: [{ name: '财政拨款' }] } };
  assert.equal(fieldName(ev, 'budget.executed'), '执行数（budget.executed）');
  assert.equal(fieldName(ev, 'budget.basic.initial'), '基本支出年初预算数（budget.basic.initial）');
  assert.equal(fieldName(ev, 'budget.sources[0].annual'), '财政拨款全年预算数（budget.sources[0].annual）');
  assert.equal(
    fieldName(ev, 'budget.threePublic.previousYear'),
    '“三公”经费上年决算数（budget.threePublic.previousYear）',
  );
  assert.equal(
    fieldName(ev, 'staffing.authorized.administrative'),
    '行政编制数（staffing.authorized.administrative）',
  );
  assert.equal(fieldName(ev, 'staffing.actual.total'), '实有在职人数（staffing.actual.total）');
  assert.equal(fieldName(ev, 'budget.sources[3].annual'), 'budget.sources[3].annual');
  assert.equal(fieldName(ev, 'budget.nothing'), 'budget.nothing');
});

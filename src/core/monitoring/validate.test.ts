import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCheckpoint, readTargetSheet } from './validate.ts';

const sheetJson = {
  scope: 'department',
  name: '南昌市工人文化宫',
  amountUnit: '元',
  budget: { total: '1,000,000.00', fiscal: 800000, other: '200000' },
  overallGoal: '保障职工文化活动',
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '活动场次', target: '≥50场' }],
};

describe('monitoring: reading target sheets and checkpoints', () => {
  it('keeps amounts as exact text without separators', () => {
    const r = readTargetSheet(sheetJson);
    assert.ok(r.ok);
    assert.deepEqual(r.value.budget, { total: '1000000.00', fiscal: '800000', other: '200000' });
  });

  it('names every missing or wrong field in Chinese', () => {
    const r = readTargetSheet({
      ...sheetJson,
      overallGoal: ' ',
      budget: { total: '-1', fiscal: 'abc', other: '0' },
      indicators: [
        { level1: '产出指标', level2: '数量指标', name: '活动场次', target: '≥50场' },
        { level1: '产出指标', level2: '数量指标', name: '活动场次' },
      ],
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => `${i.path}:${i.message}`),
      [
        'sheet.overallGoal:请填写年度总体目标',
        'sheet.budget.total:资金总额应为不小于 0 的数字',
        'sheet.budget.fiscal:财政拨款应为不小于 0 的数字',
        'sheet.indicators.1.target:请填写指标值',
      ],
    );
  });

  it('refuses a checkpoint on an indicator the sheet does not have, and unknown causes', () => {
    const sheet = readTargetSheet(sheetJson);
    assert.ok(sheet.ok);
    const r = readCheckpoint(
      {
        months: 13,
        executed: { total: '10' },
        indicators: [
          { name: '参观人数', toDate: '1', expected: '2', likelihood: '确定能' },
          { name: '活动场次', toDate: '20场', expected: '45场', likelihood: '也许', cause: '天气' },
        ],
      },
      sheet.value,
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => i.path),
      [
        'checkpoint.months',
        'checkpoint.indicators.0.name',
        'checkpoint.indicators.1.likelihood',
        'checkpoint.indicators.1.cause',
      ],
    );
    assert.match(r.issues[1]!.message, /没有三级指标“参观人数”/);
  });
});

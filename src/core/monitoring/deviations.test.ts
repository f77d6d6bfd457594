import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toFixed } from '../decimal/index.ts';
import { expectedMeetsTarget, flagDeviations, indicatorDeviation } from './deviations.ts';
import { deviationsJson } from './output.ts';
import type { Checkpoint, TargetSheet } from './types.ts';

const sheet: TargetSheet = {
  scope: 'project',
  name: '职工技能培训项目',
  amountUnit: '万元',
  budget: { total: '100', fiscal: '80', other: '20' },
  overallGoal: '全年培训职工 2000 人次',
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥2000人次' },
    { level1: '产出指标', level2: '质量指标', name: '合格率', target: '≥95%' },
    { level1: '效益指标', level2: '社会效益指标', name: '技能水平', target: '有效提升' },
  ],
};

const checkpoint = (executed: string, months = 7): Checkpoint => ({
  months,
  executed: { total: executed },
  indicators: [
    { name: '培训人次', toDate: '1200人次', expected: '2100人次', likelihood: '确定能' },
    { name: '合格率', toDate: '96%', expected: '96%', likelihood: '确定能' },
    { name: '技能水平', toDate: '初步提升', expected: '有效提升', likelihood: '确定能' },
  ],
});

describe('monitoring: budget execution against the time elapsed', () => {
  it('1–7月 is 58.33% of the year, rounded half-up to 2 places', () => {
    const d = flagDeviations(sheet, checkpoint('58.33'));
    assert.equal(toFixed(d.execution.elapsedPercent, 2), '58.33');
    assert.equal(toFixed(d.execution.ratePercent!, 2), '58.33');
    assert.equal(d.execution.behind, false);
  });

  it('flags execution behind the time elapsed by more than the margin (default 10 points)', () => {
    const behind = flagDeviations(sheet, checkpoint('48.32')).execution; // lag 10.01
    assert.equal(toFixed(behind.lagPoints!, 2), '10.01');
    assert.equal(behind.behind, true);
    const edge = flagDeviations(sheet, checkpoint('48.33')).execution; // lag exactly 10.00
    assert.equal(toFixed(edge.lagPoints!, 2), '10.00');
    assert.equal(edge.behind, false);
  });

  it('compares the rounded rates: 48.325 ÷ 100 shows 48.33% and is not flagged', () => {
    const e = flagDeviations(sheet, checkpoint('48.325')).execution;
    assert.equal(toFixed(e.ratePercent!, 2), '48.33');
    assert.equal(e.behind, false);
  });

  it('takes the margin from the sheet', () => {
    const strict = { ...sheet, executionMargin: '0' };
    assert.equal(flagDeviations(strict, checkpoint('58.32')).execution.behind, true);
    assert.equal(flagDeviations(strict, checkpoint('58.33')).execution.behind, false);
  });

  it('a quarter: 1–3月 is 25.00%; a zero budget makes the rate not applicable, never NaN', () => {
    const q = flagDeviations(sheet, checkpoint('10', 3)).execution;
    assert.equal(toFixed(q.elapsedPercent, 2), '25.00');
    assert.equal(q.behind, true);
    const zero = flagDeviations(
      { ...sheet, budget: { total: '0', fiscal: '0', other: '0' } },
      checkpoint('0'),
    );
    assert.equal(zero.execution.ratePercent, undefined);
    assert.equal(zero.execution.behind, false);
    assert.match(deviationsJson(zero).execution.text, /不适用/);
  });
});

describe('monitoring: indicators off track', () => {
  it('on track when the expected year-end value meets the target and completion is certain', () => {
    const d = flagDeviations(sheet, checkpoint('60'));
    assert.deepEqual(
      d.indicators.map((i) => i.issues),
      [[], [], []],
    );
    assert.equal(d.offTrack, 0);
    assert.equal(d.indicators[0]!.meetsTarget, true);
    assert.equal(d.indicators[2]!.meetsTarget, undefined); // qualitative
  });

  it('an expected value below the target is off track; without cause and measures both are named', () => {
    const d = indicatorDeviation(sheet.indicators[0]!, {
      name: '培训人次',
      toDate: '900人次',
      expected: '1800人次',
      likelihood: '有可能',
    });
    assert.equal(d.meetsTarget, false);
    assert.deepEqual(d.issues, ['target-missed', 'cause-missing', 'measures-missing']);
    assert.equal(d.offTrack, true);
  });

  it('with a cause and measures, a missed target is still off track but explained', () => {
    const d = indicatorDeviation(sheet.indicators[0]!, {
      name: '培训人次',
      toDate: '900人次',
      expected: '1800人次',
      likelihood: '有可能',
      cause: '经费保障',
      measures: '追加培训场次',
    });
    assert.deepEqual(d.issues, ['target-missed']);
  });

  it('not 确定能 without a reason is off track; with a reason it is not', () => {
    const ind = sheet.indicators[2]!;
    const base = { name: ind.name, toDate: '初步提升', expected: '有效提升' };
    assert.deepEqual(indicatorDeviation(ind, { ...base, likelihood: '有可能' }).issues, ['cause-missing']);
    assert.equal(
      indicatorDeviation(ind, { ...base, likelihood: '有可能', cause: '人员保障' }).offTrack,
      false,
    );
    assert.deepEqual(indicatorDeviation(ind, { ...base, likelihood: '完全不可能', cause: '其他' }).issues, [
      'cannot-complete',
      'measures-missing',
    ]);
  });

  it('percent targets compare exactly; a unit that differs is not compared', () => {
    assert.equal(expectedMeetsTarget('≥95%', '94.99%'), false);
    assert.equal(expectedMeetsTarget('≥95%', '95%'), true);
    assert.equal(expectedMeetsTarget('≤100万元', '100.00万元'), true);
    assert.equal(expectedMeetsTarget('80%-100%', '100.01%'), false);
    assert.equal(expectedMeetsTarget('≥2000人', '2000篇'), 'unit');
    assert.equal(expectedMeetsTarget('≥95%', '96'), 'unit');
    assert.equal(expectedMeetsTarget('按时完成', '按时完成'), undefined);
  });

  it('an indicator the checkpoint leaves out is flagged as not reported', () => {
    const cp = checkpoint('60');
    const d = flagDeviations(sheet, { ...cp, indicators: cp.indicators.slice(1) });
    assert.deepEqual(d.indicators[0]!.issues, ['not-reported']);
    assert.equal(d.offTrack, 1);
    assert.equal(deviationsJson(d).indicators[0]!.issues[0]!.text, '本期未填报该指标');
  });
});

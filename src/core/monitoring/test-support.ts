/** A target sheet and a 1–7月 checkpoint for the tests of the exports and the API. */
import type { Checkpoint, TargetSheet } from './types.ts';

export const SHEET: TargetSheet = {
  scope: 'project',
  name: '职工技能培训项目',
  amountUnit: '万元',
  budget: { total: '120', fiscal: '100', other: '20' },
  overallGoal: '全年培训职工 2000 人次，合格率不低于 95%',
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥2000人次' },
    { level1: '产出指标', level2: '质量指标', name: '培训合格率', target: '≥95%' },
  ],
};

export const CHECKPOINT: Checkpoint = {
  months: 7,
  executed: { total: '48', fiscal: '40', other: '8' },
  goalProgress: '已培训 900 人次',
  indicators: [
    {
      name: '培训人次',
      toDate: '900人次',
      expected: '1800人次',
      likelihood: '有可能',
      cause: '经费保障',
      causeNote: '资金下达较晚',
      measures: '下半年加开培训班',
    },
    { name: '培训合格率', toDate: '97%', expected: '96%', likelihood: '确定能' },
  ],
};

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

/** What the exported form shows for SHEET at CHECKPOINT, in the Excel workbook and the Word document alike. */
export const FORM = {
  /** The headings over the indicators, left to right. */
  heads: [
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '1–7月执行情况',
    '全年预计完成情况',
    '偏差原因',
    '完成目标可能性',
    '原因说明及纠偏措施',
    '偏差提示',
  ],
  /** The headings under 偏差原因 and 完成目标可能性. */
  under: ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他', '确定能', '有可能', '完全不可能'],
  /** 培训人次's row: √ under 经费保障 and 有可能, and off track. */
  training: [
    '产出指标',
    '数量指标',
    '培训人次',
    '≥2000人次',
    '900人次',
    '1800人次',
    '√',
    '',
    '',
    '',
    '',
    '',
    '√',
    '',
    '资金下达较晚；下半年加开培训班',
    '全年预计完成值达不到指标值',
  ],
} as const;

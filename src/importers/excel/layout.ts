/**
 * The import workbook's layout (导入模板): sheet names, the key/value fields of 基本信息, 预算 and
 * 人员 with their paths in the file format, and the columns of 指标 and 问卷. One table drives both the
 * template writer and the importer, so the two cannot drift apart.
 */
export const SHEETS = {
  guide: '说明',
  info: '基本信息',
  budget: '预算',
  staffing: '人员',
  indicators: '指标',
  surveys: '问卷',
  surveyLevels: '问卷选项',
} as const;

export type FieldType = 'text' | 'list' | 'year' | 'amount' | 'number' | 'choice';

export interface Field {
  /** The label in column A (项目). */
  label: string;
  /** Dot path in the file format (unit.name, budget.basic.annual). */
  path: string;
  type: FieldType;
  /** Chinese meaning shown in column C and on the 说明 sheet. */
  note: string;
  /** choice: the labels offered and the codes they stand for. */
  choices?: Readonly<Record<string, string>>;
}

export const KIND_CHOICES: Readonly<Record<string, string>> = {
  部门整体支出: 'department',
  单位整体支出: 'unit',
  项目支出: 'project',
};
export const MODE_CHOICES: Readonly<Record<string, string>> = {
  自评: 'self',
  部门评价: 'department',
  财政评价: 'finance',
  第三方评价: 'third-party',
};
export const UNIT_CHOICES: Readonly<Record<string, string>> = { 元: '元', 万元: '万元' };
export const NA_CHOICES: Readonly<Record<string, string>> = {
  满分: 'full',
  零分: 'zero',
  权重分配给同级指标: 'redistribute',
};
export const DIMENSION_CHOICES: Readonly<Record<string, string>> = {
  投入: 'input',
  决策: 'decision',
  过程: 'process',
  管理: 'management',
  产出: 'output',
  效益: 'outcome',
  满意度: 'satisfaction',
  预算执行: 'execution',
  绩效: 'performance',
};

const f = (label: string, path: string, type: FieldType, note: string, choices?: Field['choices']): Field =>
  choices === undefined ? { label, path, type, note } : { label, path, type, note, choices };

export const INFO_FIELDS: readonly Field[] = [
  f('评价类型', 'kind', 'choice', '必填：部门整体支出、单位整体支出或项目支出', KIND_CHOICES),
  f('评价方式', 'mode', 'choice', '必填：自评、部门评价、财政评价或第三方评价', MODE_CHOICES),
  f('评价年度', 'fiscalYear', 'year', '必填：四位数年份，如 2024'),
  f('金额单位', 'amountUnit', 'choice', '“预算”工作表中纯数字金额的单位：元或万元（默认元）', UNIT_CHOICES),
  f('标题', 'title', 'text', '评价报告标题（可空）'),
  f('编号', 'id', 'text', '评价编号（可空）'),
  f('单位名称', 'unit.name', 'text', '必填：被评价单位（部门）全称'),
  f('主管部门', 'unit.department', 'text', '主管部门'),
  f('统一社会信用代码', 'unit.creditCode', 'text', '统一社会信用代码'),
  f('单位地址', 'unit.address', 'text', '单位地址'),
  f('负责人', 'unit.head', 'text', '单位负责人'),
  f('经费来源', 'unit.fundingSource', 'text', '如：财政全额拨款'),
  f('单位性质', 'unit.nature', 'text', '如：行政单位、参公事业单位'),
  f('内设机构', 'unit.internalOrgs', 'list', '每行一个；可复制本行填写多个'),
  f('下属单位', 'unit.subordinates', 'list', '每行一个；可复制本行填写多个'),
  f('职能职责', 'unit.duties', 'list', '每行一条；可复制本行填写多条'),
  f('项目名称', 'project.name', 'text', '项目支出评价必填'),
  f('项目概况', 'project.description', 'text', '项目概况'),
  f('评价机构', 'evaluator.name', 'text', '第三方评价机构或评价组织单位'),
  f('评价机构类型', 'evaluator.kind', 'text', '如：会计师事务所'),
  f('模板编号', 'template.id', 'text', '所用指标体系模板编号（与模板版本同时填写）'),
  f('模板版本', 'template.version', 'text', '模板版本'),
  f('年度总体目标', 'goals.overall', 'text', '年初设定的年度总体目标'),
  f('实际完成情况', 'goals.achieved', 'text', '年度总体目标的实际完成情况'),
  f('得分舍入', 'rules.rounding', 'text', '如“四舍五入保留2位”或“截尾保留2位”（默认四舍五入保留2位）'),
  f('不适用指标计分', 'rules.notApplicable', 'choice', '满分（默认）、零分或权重分配给同级指标', NA_CHOICES),
  f('总权重', 'rules.totalWeight', 'number', '一级指标权重之和应达到的分值（默认100）'),
  f('产出效益最低分值', 'rules.minOutputOutcomeShare', 'number', '产出与效益指标至少应占的分值（如60）'),
  f('评价等级', 'rules.grades', 'text', '如“优≥90，良≥80，中≥60，差≥0”（默认即此）'),
  f('存在问题', 'problems', 'list', '每行一条；可复制本行填写多条'),
  f('改进建议', 'suggestions', 'list', '每行一条；可复制本行填写多条'),
];

const LINE_COLUMNS: readonly [string, string][] = [
  ['年初预算数', 'initial'],
  ['预算调整数', 'adjustment'],
  ['全年预算数', 'annual'],
  ['全年执行数', 'executed'],
];

const LINES: readonly [string, string][] = [
  ['基本支出', 'basic'],
  ['人员经费', 'personnel'],
  ['公用经费', 'publicFunds'],
  ['项目支出', 'project'],
];

const amount = (label: string, path: string, note: string): Field =>
  f(label, `budget.${path}`, 'amount', note);

export const BUDGET_FIELDS: readonly Field[] = [
  amount('年初预算数', 'initial', '年初预算数（合计）'),
  amount('预算调整数', 'adjustment', '预算调整数：追加为正，调减为负'),
  amount('全年预算数', 'annual', '调整后的全年预算数'),
  amount('计划投入', 'planned', '资金到位率的分母（默认全年预算数）'),
  amount('实际到位', 'received', '实际到位资金'),
  amount('全年执行数', 'executed', '全年执行数（决算支出）'),
  amount('结转结余', 'carryOver', '结转结余（默认全年预算数减执行数）'),
  ...LINES.flatMap(([line, key]) =>
    LINE_COLUMNS.map(([col, sub]) => amount(`${line}·${col}`, `${key}.${sub}`, `${line}的${col}`)),
  ),
  amount('三公经费·预算数', 'threePublic.budget', '三公经费预算数'),
  amount('三公经费·执行数', 'threePublic.executed', '三公经费执行数'),
  amount('三公经费·上年决算数', 'threePublic.previousYear', '上年三公经费决算数'),
  amount('政府采购·预算数', 'procurement.budget', '政府采购预算数'),
  amount('政府采购·执行数', 'procurement.executed', '政府采购执行数'),
  amount('计划成本', 'cost.planned', '计划成本'),
  amount('实际成本', 'cost.actual', '实际成本'),
];

/** 资金来源：<name>·<column>, one row per source and figure (budget.sources[]). */
export const SOURCE_PREFIX = '资金来源：';
export const SOURCE_COLUMNS = LINE_COLUMNS;
export const SOURCE_RE = /^资金来源[：:](.+)·(年初预算数|预算调整数|全年预算数|全年执行数)$/;

const staff = (label: string, path: string): Field => f(label, `staffing.${path}`, 'number', label);

export const STAFF_FIELDS: readonly Field[] = [
  ...(['authorized', 'actual'] as const).flatMap((group) =>
    (
      [
        ['合计', 'total'],
        ['行政', 'administrative'],
        ['事业', 'institutional'],
        ['工勤', 'service'],
      ] as const
    ).map(([label, key]) =>
      staff(`${group === 'authorized' ? '编制数' : '实有人数'}·${label}`, `${group}.${key}`),
    ),
  ),
  staff('退休人员', 'retired'),
];

/** Columns of the 指标 sheet, in order; the importer finds them by their header text. */
export const INDICATOR_COLUMNS = [
  { key: 'code', header: '代码', width: 10, note: '必填，唯一，如 A、A1、A11' },
  {
    key: 'parent',
    header: '上级代码',
    width: 10,
    note: '一级指标留空；否则填上级指标的代码（上级须在前面的行）',
  },
  { key: 'name', header: '名称', width: 24, note: '必填：指标名称' },
  { key: 'weight', header: '权重', width: 8, note: '分值；末级指标必填，分组可空（取下级之和）' },
  { key: 'target', header: '指标值', width: 14, note: '年度指标值，如 ≥2000人、=100%、80%-100%，或文字' },
  {
    key: 'actual',
    header: '完成值',
    width: 14,
    note: '全年完成值，如 1808人、95.35%，或文字；“比率：预算执行率”由预算数据计算',
  },
  { key: 'method', header: '评分方法', width: 12, note: '末级指标必填，从下拉列表选择；分组留空' },
  { key: 'params', header: '方法参数', width: 28, note: '见“说明”工作表的写法，如 下限60%、每单位扣0.5' },
  { key: 'deviation', header: '偏差原因', width: 24, note: '偏差原因分析' },
  { key: 'measures', header: '改进措施', width: 24, note: '改进措施' },
  { key: 'rule', header: '评分标准', width: 28, note: '评分标准原文（可空）' },
  {
    key: 'dimension',
    header: '维度',
    width: 8,
    note: '一级指标的维度：投入、决策、过程、管理、产出、效益、满意度、预算执行、绩效',
  },
  { key: 'notApplicable', header: '不适用', width: 10, note: '不适用时填“是”或不适用的理由' },
  { key: 'overrideScore', header: '调整得分', width: 8, note: '评价人调整后的得分（须同时填写调整理由）' },
  { key: 'overrideReason', header: '调整理由', width: 20, note: '调整得分的理由' },
] as const;

export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number]['key'];

/**
 * Columns of the 问卷 sheet (one row per question). Between 题目 and 得分率 come the answer levels,
 * one column each, headed by the level's label: any other header there is a level.
 */
export const SURVEY_COLUMNS = [
  {
    key: 'survey',
    header: '问卷编号',
    width: 10,
    note: '必填：问卷的编号，如 s1；指标的方法参数用“问卷：s1”引用',
  },
  { key: 'name', header: '问卷名称', width: 26, note: '问卷名称（同一问卷的各行相同，可只在第一行填写）' },
  { key: 'respondents', header: '样本数', width: 8, note: '回收的有效问卷份数（整数，可空）' },
  { key: 'question', header: '题号', width: 8, note: '必填：题目编号，如 q1；同一问卷内唯一' },
  { key: 'text', header: '题目', width: 40, note: '题目原文（可空）' },
] as const;

export const SURVEY_RATE = {
  key: 'rate',
  header: '得分率',
  width: 10,
  note: '只有得分率、没有各选项数据时填写，如 92.49%',
};

export type SurveyColumn = (typeof SURVEY_COLUMNS)[number]['key'] | 'rate';

/** Columns of the 问卷选项 sheet: one row per answer level of a survey. */
export const LEVEL_COLUMNS = [
  { key: 'survey', header: '问卷编号', width: 10, note: '“问卷”工作表中的问卷编号' },
  { key: 'label', header: '选项', width: 14, note: '答案等级，与“问卷”工作表的选项列表头相同' },
  { key: 'weight', header: '权重', width: 10, note: '该等级计入得分率的比例，如 100%、50%' },
] as const;

export type LevelColumn = (typeof LEVEL_COLUMNS)[number]['key'];

/** "D" for the 4th column. */
export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The 说明 sheet: how to fill the workbook, one row per field, and the written form of each method's parameters. */
import type { MethodType } from '../../core/schema/methods.ts';
import { methodLabel } from '../../core/scoring/registry.ts';
import {
  BUDGET_FIELDS,
  type Field,
  INDICATOR_COLUMNS,
  INFO_FIELDS,
  LEVEL_COLUMNS,
  SHEETS,
  STAFF_FIELDS,
  SURVEY_COLUMNS,
  SURVEY_RATE,
} from './layout.ts';

type Row = [string, string, string];

const GENERAL: Row[] = [
  [
    '总则',
    '填写方法',
    '在“基本信息”“预算”“人员”“指标”工作表中填写（有满意度问卷时再填“问卷”“问卷选项”），然后运行 jixiao import 文件.xlsx --out evaluation.json。',
  ],
  [
    '总则',
    '不要改动',
    '请勿修改各工作表的名称和第一行表头；“项目”列的文字是字段名，不要改动（资金来源的名称除外）。',
  ],
  ['总则', '空白', '空白单元格表示未填写；可以删除不需要的行。'],
  ['总则', '公式', '单元格可以使用公式，导入时取 Excel 保存的计算结果，不会重新计算。'],
  ['总则', '以 = + - @ 开头的文字', '作为普通文字导入，不会当作公式执行。'],
  ['总则', '出错时', '导入时会列出全部问题（工作表、行、列和原因），不会生成任何文件；改正后重新导入。'],
];

const BUDGET_NOTE: Row[] = [
  [SHEETS.budget, '金额', '纯数字按“基本信息”中的金额单位计；也可写“33.46万元”“7,202,507.26元”注明单位。'],
  [
    SHEETS.budget,
    '资金来源：名称·年初预算数/预算调整数/全年预算数/全年执行数',
    '按资金来源的预算与执行，如“资金来源：财政拨款·全年预算数”；复制行可增加来源。',
  ],
];

const INDICATOR_NOTE: Row[] = [
  [SHEETS.indicators, '一行一个指标', '分组（一级、二级指标）与末级指标各占一行；上级指标必须写在下级之前。'],
  [
    SHEETS.indicators,
    '完成值的写法',
    '数字或带单位的文字（1808人、95.35%）；文字完成情况直接写；“比率：预算执行率”（可加“，范围：basic”）表示由预算数据计算；以“文字：”开头的内容始终按文字处理。',
  ],
];

const SURVEY_NOTE: Row[] = [
  [
    SHEETS.surveys,
    '一行一题',
    '同一问卷的各题占连续或不连续的多行，问卷编号相同；问卷名称、样本数可只在第一行填写。',
  ],
  [
    SHEETS.surveys,
    '选项列（非常满意、满意……）',
    '“题目”与“得分率”之间每列一个答案等级，表头即选项名称，可修改或增加列。按纸质问卷统计时填写各选项的份数（整数，如 45），已有统计结果时填写占比（如 86.54%）；同一题只用一种，不选的选项留空或填 0。',
  ],
  [SHEETS.surveys, SURVEY_RATE.header, `${SURVEY_RATE.note}；填写了选项份数或占比时可空。`],
  [
    SHEETS.surveys,
    '指标中的引用',
    '评分方法选“问卷得分率”，方法参数写“问卷：编号；问题：题号”（只写问卷则取各题得分率的平均值）。',
  ],
  [
    SHEETS.surveyLevels,
    '一行一个答案等级',
    '写明问卷各选项的权重：得分率 = Σ 各选项占比 × 权重。某问卷在此没有任何行时，按默认等级：非常满意 100%、满意 50%、一般 25%、不满意 0。',
  ],
];

const PARAMS: Record<MethodType, string> = {
  proportional: '可空；“越低越好”表示数值越低越好（如成本），默认按指标值的符号判断。例：越低越好',
  band: '“下限60%”：完成率低于下限得0分，下限至100%之间线性插值，达到100%得满分（默认下限60%）。例：下限60%',
  threshold: '可空；“未达标得2分”：未达到指标值时的得分（默认0分）。例：未达标得2分',
  deduction:
    '“每单位扣0.5”必填；“计扣单位10”：每差10个单位扣一次（默认1）；“按次数”：完成值为违规次数（默认按差额）。例：每单位扣0.5；按次数',
  elements:
    '每个要素一项：“要素：名称，分值，是/否”，满足得该要素分值。例：要素：目标明确，2，是；要素：目标细化，3，否',
  likert: '“得分率95%”直接给出满意度得分率；或“问卷：编号；问题：编号”引用问卷数据。例：得分率95.9%',
  tiers:
    '“档：≥90%得5分”或“档：≥80%得权重80%”，可写多档；“按完成率”表示用完成值÷指标值分档（默认用完成值本身）。例：按完成率；档：≥100%得5分；档：≥80%得3分',
  grade:
    '“评定：良”为评价结论，“得分：8”为区间等级内的得分，“等级：优=100%”“等级：良=80%-90%”定义等级（默认101号三档）。例：评定：基本达成；得分：8',
  'over-target':
    '“参照：A1，A2”为被判断偏离的指标代码（默认本指标）；“方向：超出/低于/双向”；“偏离超过30%扣1”可写多档。例：参照：C11；偏离超过30%扣1；偏离超过50%扣2',
  manual: '“得分8”与“理由：……”必填，理由写在最后，可以包含分号。例：得分8；理由：资料齐全但个别台账缺失',
};

const fieldRow =
  (sheet: string) =>
  (f: Field): Row => [sheet, f.label, f.note];

export function guideRows(): Row[] {
  return [
    ...GENERAL,
    ...INFO_FIELDS.map(fieldRow(SHEETS.info)),
    ...BUDGET_FIELDS.map(fieldRow(SHEETS.budget)),
    ...BUDGET_NOTE,
    ...STAFF_FIELDS.map(fieldRow(SHEETS.staffing)),
    ...INDICATOR_COLUMNS.map((c): Row => [SHEETS.indicators, c.header, c.note]),
    ...INDICATOR_NOTE,
    ...SURVEY_COLUMNS.map((c): Row => [SHEETS.surveys, c.header, c.note]),
    ...SURVEY_NOTE,
    ...LEVEL_COLUMNS.map((c): Row => [SHEETS.surveyLevels, c.header, c.note]),
    ...(Object.keys(PARAMS) as MethodType[]).map((t): Row => ['方法参数', methodLabel(t), PARAMS[t]]),
    [
      '方法参数',
      '写法',
      '各项用“；”或换行分隔，参数名后的冒号可省略；无法用上述写法表达的参数可写成 JSON 对象（以 { 开头）。',
    ],
  ];
}

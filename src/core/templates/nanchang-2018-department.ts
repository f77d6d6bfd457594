/**
 * 南昌市 2018 年度市直部门整体支出绩效评价指标体系 (seed 000, 表1): 18 level-3 rows with the
 * weights as printed. The table prints two level-1 cells, 投入指标 and 过程指标; the 过程指标
 * cell spans 部门履职效果 as well, so the template keeps that grouping (20 / 80). The seed prints
 * no scoring rules: ratios are scored in proportion (targets from 财预〔2013〕53号), judgements in
 * 10号's three tiers, 社会公众满意度 by questionnaire.
 */
import { grade10, likert, proportional, standardRules, threshold } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { group, leaf, type Spec } from './tree.ts';

function indicators(): Spec[] {
  return [
    group(
      '投入指标',
      20,
      [
        group('项目绩效目标', 7, [
          leaf('年初项目绩效目标编报', 4, grade10()),
          leaf('年中追加项目绩效目标编报', 3, grade10()),
        ]),
        group('部门预算配置', 13, [
          leaf('财政供养人员控制率', 3, control('财政供养人员控制率＝实有在职人员数÷编制数×100%'), '≤100%'),
          leaf(
            '三公经费变动率',
            5,
            threshold(
              '三公经费变动率＝（本年“三公经费”−上年“三公经费”）÷上年“三公经费”×100%；不增长得满分，否则不得分',
            ),
            '≤0%',
          ),
          leaf(
            '项目安排率',
            5,
            proportional('项目安排率＝项目支出÷部门预算总额×100%；按完成值与指标值的比例计分'),
          ),
        ]),
      ],
      'input',
    ),
    group(
      '过程指标',
      80,
      [
        group('预算执行', 40, [
          leaf(
            '基本支出预算完成率',
            8,
            rate('基本支出预算完成率＝基本支出决算数÷基本支出预算数×100%'),
            '=100%',
          ),
          leaf(
            '项目支出预算完成率',
            8,
            rate('项目支出预算完成率＝项目支出决算数÷项目支出预算数×100%'),
            '=100%',
          ),
          leaf('支付进度率', 6, rate('支付进度率＝实际支付进度÷既定支付进度×100%'), '=100%'),
          leaf('公用经费控制率', 6, control('公用经费控制率＝公用经费决算数÷公用经费预算数×100%'), '≤100%'),
          leaf(
            '“三公经费”控制率',
            6,
            control('“三公经费”控制率＝“三公经费”决算数÷“三公经费”预算数×100%'),
            '≤100%',
          ),
          leaf('政府采购执行率', 6, rate('政府采购执行率＝实际政府采购金额÷政府采购预算数×100%'), '=100%'),
        ]),
        group('预算管理', 20, [
          leaf('管理制度健全性', 3, grade10()),
          leaf('资金使用合规性', 7, grade10()),
          leaf('预决算信息公开性', 4, grade10()),
          leaf('绩效评价覆盖率', 6, rate('绩效评价覆盖率＝开展绩效评价的项目数÷项目总数×100%'), '=100%'),
        ]),
        group('部门履职效果', 20, [
          leaf(
            '年度重点工作办结率',
            5,
            rate('年度重点工作办结率＝已办结的重点工作数÷交办的重点工作数×100%'),
            '=100%',
          ),
          leaf('财政预算绩效管理', 10, grade10()),
          leaf('社会公众满意度', 5, likert()),
        ]),
      ],
      'process',
    ),
  ];
}

function rate(formula: string): ReturnType<typeof proportional> {
  return proportional(`${formula}；得分＝完成率×分值，最高为满分`);
}

/** A control rate (≤100%): within budget → full marks, over → budget ÷ actual × weight. */
function control(formula: string): ReturnType<typeof proportional> {
  return proportional(`${formula}；不超过100%得满分，超过的按100%÷控制率×分值计分`);
}

export const nanchang2018Department = defineTemplate({
  id: 'nanchang-2018-department',
  name: '南昌市部门整体支出绩效评价指标体系（2018年度）',
  locality: '江西省南昌市',
  year: 2018,
  version: '1.0.0',
  kind: 'department',
  source:
    '洪财办〔2019〕31号《南昌市财政局关于开展2018年度市直部门整体支出绩效评价工作的通知》；洪府发〔2014〕8号',
  description:
    '南昌市2018年度市直部门整体支出绩效评价评分表：投入指标20（项目绩效目标7、部门预算配置13）、过程指标80（预算执行40、预算管理20、部门履职效果20），共18个三级指标。原表未印评分标准：比率类指标按完成比例计分，控制率不超过100%得满分，定性指标按三档评定，社会公众满意度按问卷得分率计分。',
  defaultMode: 'self',
  rules: () => standardRules(),
  indicators,
});

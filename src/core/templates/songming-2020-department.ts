/**
 * 嵩明县 2020 年部门整体支出绩效评价指标体系 (seed 002, a third-party evaluation by an accounting
 * firm; 附件1): 部门决策 35, 部门管理 20, 部门绩效 45, 42 level-3 indicators whose positions give
 * the printed codes A11 … C43. 部门产出 rows are the unit's own work plan, so they are
 * placeholders. The methods follow how the seed scores: judgements, questionnaire rates (A33,
 * A34, C21, C3x), 达标 for 在职人员控制率 (175% → 0) and “三公经费”控制率.
 */
import { grade10, likert, proportional, standardRules, threshold } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { group, leaf, type Spec } from './tree.ts';

function indicators(): Spec[] {
  return [
    group(
      '部门决策',
      35,
      [
        group('部门目标', 11, [
          leaf('年度工作目标的明确性与合理性', 2, grade10()),
          leaf('年度工作计划与年度工作目标的一致性', 3, grade10()),
          leaf('绩效目标合理性', 3, grade10()),
          leaf('绩效指标明确性', 3, grade10()),
        ]),
        group('部门职能', 10, [
          leaf('部门职能的明确性与科学性', 3, grade10()),
          leaf('年度工作目标与部门职能的适应性', 3, grade10()),
          leaf('年度具体工作与部门职能的匹配性', 4, grade10()),
        ]),
        group('资源配置', 14, [
          leaf('基本支出预算合理性', 3, grade10()),
          leaf(
            '项目支出预算合理性',
            3,
            withRule(grade10(), '要素：预算程序合理、预算依据充分、符合资金使用范围，各占1分'),
          ),
          leaf('人力资源投入合理性', 3, likert('按工作人员问卷相关题目得分率计分：得分＝分值×得分率')),
          leaf('办公资源投入合理性', 2, likert('按工作人员问卷相关题目得分率计分：得分＝分值×得分率')),
          leaf('重点项目资源分配合理性', 3, grade10()),
        ]),
      ],
      'decision',
    ),
    group(
      '部门管理',
      20,
      [
        group('预算管理', 6, [
          leaf(
            '部门支出预算执行率',
            2,
            proportional(
              '预算执行率＝支出决算数÷预算批复支出数×100%；达到90%得满分，未达到的按执行率÷90%×分值计分（模板设定，原报告未印评分标准）',
            ),
            '≥90%',
          ),
          leaf(
            '“三公经费”控制率',
            1,
            threshold(
              '“三公经费”控制率＝“三公经费”决算数÷“三公经费”预算数×100%；不超过100%得满分，否则不得分',
            ),
            '≤100%',
          ),
          leaf(
            '预算调整情况',
            1,
            withRule(grade10(), '要素：根据预算执行情况及时申请预算调整、按规定程序进行预算调整'),
          ),
          leaf('预算绩效自评情况', 2, grade10()),
        ]),
        group('财务管理', 6, [
          leaf('财务管理制度健全性及执行情况', 2, grade10()),
          leaf('资金使用合规性', 2, grade10()),
          leaf('财务监控的有效性', 2, grade10()),
        ]),
        group('人力资源管理', 2, [
          leaf(
            '在职人员控制率',
            1,
            threshold('在职人员控制率＝在职人员数÷编制数×100%；不超过100%得满分，否则不得分'),
            '≤100%',
          ),
          leaf('人力资源管理执行情况', 1, grade10()),
        ]),
        group('资产管理', 2, [leaf('资产管理制度健全性及执行情况', 2, grade10())]),
        group('业务管理', 3, [
          leaf('业务管理制度健全性及执行情况', 1, grade10()),
          leaf('政府采购规范性', 1, grade10()),
          leaf('监督考核情况', 1, grade10()),
        ]),
        group('档案管理', 1, [leaf('档案归集管理情况', 1, grade10())]),
      ],
      'management',
    ),
    group(
      '部门绩效',
      45,
      [
        group(
          '部门产出',
          24,
          [2, 3, 3, 3, 3, 3, 3, 3, 1].map((weight, i) =>
            leaf(`（产出指标${i + 1}）`, weight, proportional()),
          ),
        ),
        group('部门效益', 6, [
          leaf('社会效益', 3, likert('按社会效益相关问卷得分率计分：得分＝分值×得分率')),
          leaf('生态效益', 3, grade10()),
        ]),
        group('满意度', 10, [
          leaf('服务对象满意度', 5, likert('按服务对象（会员）问卷得分率计分')),
          leaf('工作人员满意度', 5, likert('按工作人员问卷得分率计分')),
        ]),
        group('部门可持续发展', 5, [
          leaf('队伍建设情况', 1, grade10()),
          leaf('信息共享、公开情况', 2, grade10()),
          leaf('长效管理创新情况', 2, grade10()),
        ]),
      ],
      'performance',
    ),
  ];
}

/** A judgement whose rule lists the elements the evaluator checks. */
function withRule(method: ReturnType<typeof grade10>, rule: string): ReturnType<typeof grade10> {
  return { ...method, rule: `${rule}；${method.rule ?? ''}` };
}

export const songming2020Department = defineTemplate({
  id: 'songming-2020-department',
  name: '嵩明县部门整体支出绩效评价指标体系（2020年度）',
  locality: '云南省昆明市嵩明县',
  year: 2020,
  version: '1.0.0',
  kind: 'department',
  source: '嵩财绩〔2021〕80号《关于开展2020年度财政支出绩效重点评价工作的通知》；云财绩〔2020〕11号',
  description:
    '嵩明县2020年度部门整体支出重点评价（第三方评价）指标体系：部门决策35（部门目标11、部门职能10、资源配置14）、部门管理20（预算管理6、财务管理6、人力资源管理2、资产管理2、业务管理3、档案管理1）、部门绩效45（部门产出24、部门效益6、满意度10、部门可持续发展5），三级指标编号A11–C43。定性指标按三档评定，问卷类指标按得分率计分，在职人员控制率和“三公经费”控制率达标得分，部门产出为占位指标按完成比例计分。',
  defaultMode: 'third-party',
  rules: () => standardRules(),
  indicators,
});

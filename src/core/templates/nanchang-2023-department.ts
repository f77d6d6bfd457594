/**
 * 南昌市 2023 年度部门（单位）整体支出绩效自评指标体系 (seed 001, 南昌市总工会本级): 部门决策 13,
 * 部门管理 23, 部门产出 34, 部门效益 30. Level-2 items of 决策, 管理 and 效益 are scored directly,
 * as in the seed; 产出 has the seed's level-3 rows, with placeholders where the seed's are the
 * unit's own. Quantities use 101号's 60% band (the seed's 3 × (215/300 − 60%)/40% = 0.88).
 */
import { band60, grade101, satisfactionTiers101, standardRules } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { group, leaf, type Spec } from './tree.ts';

function indicators(): Spec[] {
  return [
    group(
      '部门决策',
      13,
      [leaf('部门规划计划', 4, grade101()), leaf('绩效目标', 5, grade101()), leaf('资金配置', 4, grade101())],
      'decision',
    ),
    group(
      '部门管理',
      23,
      [
        leaf('资金管理', 7, grade101()),
        leaf('预算管理', 5, grade101()),
        leaf('政府采购管理', 2, grade101()),
        leaf('资产管理', 7, grade101()),
        leaf('组织实施', 2, grade101()),
      ],
      'management',
    ),
    group(
      '部门产出',
      34,
      [
        group('产出数量', 12, [leaf('（数量指标1）', 6, band60()), leaf('（数量指标2）', 6, band60())]),
        group('产出质量', 10, [leaf('（质量指标1）', 5, band60()), leaf('（质量指标2）', 5, band60())]),
        group('产出时效', 4, [leaf('项目完成及时率', 4, band60(), '=100%')]),
        group('产出成本', 8, [
          leaf('在职人员控制率', 2, control('在职人员控制率＝实有在职人数÷编制数×100%'), '≤115%'),
          leaf(
            '“三公经费”控制率',
            2,
            control('“三公经费”控制率＝“三公经费”决算数÷“三公经费”预算数×100%'),
            '≤100%',
          ),
          leaf('公用经费控制率', 2, control('公用经费控制率＝公用经费决算数÷公用经费预算数×100%'), '≤100%'),
          leaf('预算支出标准执行率', 2, control('预算支出标准执行率＝实际支出÷支出标准×100%'), '≤100%'),
        ]),
      ],
      'output',
    ),
    group(
      '部门效益',
      30,
      [
        leaf('社会效益指标', 5, grade101()),
        leaf('生态效益指标', 5, grade101()),
        leaf('可持续性指标', 10, grade101()),
        leaf('满意度指标', 10, satisfactionTiers101()),
      ],
      'outcome',
    ),
  ];
}

/** A control rate: within the limit → full marks; over it, completion = limit ÷ rate in the 60% band. */
function control(formula: string): ReturnType<typeof band60> {
  return band60(
    `${formula}；不超过指标值得满分；超过的，以指标值÷控制率为完成率，低于60%不得分，否则按（完成率−60%）÷40%×分值计分`,
  );
}

export const nanchang2023Department = defineTemplate({
  id: 'nanchang-2023-department',
  name: '南昌市部门整体支出绩效自评指标体系（2023年度）',
  locality: '江西省南昌市',
  year: 2023,
  version: '1.0.0',
  kind: 'department',
  source: '洪财办〔2020〕41号《南昌市市级预算部门绩效管理暂行办法》；洪财绩〔2024〕7号',
  description:
    '南昌市2023年度部门（单位）整体支出自评：部门决策13（部门规划计划4、绩效目标5、资金配置4）、部门管理23（资金管理7、预算管理5、政府采购管理2、资产管理7、组织实施2）、部门产出34（数量12、质量10、时效4、成本8，成本为在职人员控制率≤115%、“三公经费”控制率≤100%、公用经费控制率≤100%、预算支出标准执行率≤100%各2分）、部门效益30（社会效益5、生态效益5、可持续性10、满意度10）。定量指标按60%起评的区间插值计分，定性指标按基本达成、部分实现、实现程度较低三档评定，满意度分档计分；无“三公经费”、无政府采购等不适用情形得满分。',
  defaultMode: 'self',
  rules: () => standardRules(),
  indicators,
});

/**
 * 浏阳市 2022 年部门整体支出绩效自评表 (seed 003): 投入管理指标 30, 产出指标 25, 效益指标 45
 * (满意度 10 included). The eight 投入管理 items are scored directly, from the finance bureau's
 * 财政管理工作绩效考核; 产出 and 效益 rows are the unit's key tasks, so most are placeholders.
 */
import { grade10, proportional, standardRules } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { group, leaf, type Spec } from './tree.ts';

const INPUT_RULE = '根据财政管理工作绩效考核相关办法规定填报；按考核完成率×分值计分';

function indicators(): Spec[] {
  const managed = (name: string, weight: number): Spec =>
    leaf(name, weight, proportional(INPUT_RULE), '=100%');
  return [
    group(
      '投入管理指标',
      30,
      [
        managed('预算编审管理', 3),
        managed('预算执行管理', 4),
        managed('部门结转结余资金管理', 4),
        managed('预算绩效管理', 5),
        managed('预决算信息公开管理', 4),
        managed('财政监督管理', 3),
        managed('政府采购管理', 3),
        managed('资产管理', 4),
      ],
      'input',
    ),
    group(
      '产出指标',
      25,
      [
        group('数量指标', 6, [
          leaf('（数量指标1）', 3, proportional()),
          leaf('（数量指标2）', 3, proportional()),
        ]),
        group('质量指标', 8, [
          leaf('（质量指标1）', 4, proportional()),
          leaf('（质量指标2）', 4, proportional()),
        ]),
        group('时效指标', 5, [
          leaf('（时效指标1）', 3, proportional()),
          leaf('（时效指标2）', 2, proportional()),
        ]),
        group('成本指标', 6, [leaf('资金使用合规性', 6, grade10(), '合规')]),
      ],
      'output',
    ),
    group(
      '效益指标',
      45,
      [
        group('社会效益指标', 20, [
          leaf('（社会效益指标1）', 10, grade10()),
          leaf('（社会效益指标2）', 10, grade10()),
        ]),
        group('生态效益指标', 7, [leaf('公共机构节能工作', 7, grade10())]),
        group('可持续影响指标', 8, [leaf('（可持续影响指标1）', 8, grade10())]),
        group('满意度指标', 10, [leaf('（满意度指标1）', 10, proportional())]),
      ],
      'outcome',
    ),
  ];
}

export const liuyang2022Department = defineTemplate({
  id: 'liuyang-2022-department',
  name: '浏阳市部门整体支出绩效自评表（2022年度）',
  locality: '湖南省长沙市浏阳市',
  year: 2022,
  version: '1.0.0',
  kind: 'department',
  source: '浏阳市2022年部门整体支出绩效自评表（附件）',
  description:
    '浏阳市2022年度部门整体支出自评表：投入管理指标30（预算编审管理3、预算执行管理4、部门结转结余资金管理4、预算绩效管理5、预决算信息公开管理4、财政监督管理3、政府采购管理3、资产管理4）、产出指标25（数量6、质量8、时效5、成本6）、效益指标45（社会效益20、生态效益7、可持续影响8、满意度10）。投入管理按财政管理工作绩效考核结果计分，定量指标按完成比例计分，定性指标按三档评定。',
  defaultMode: 'self',
  rules: () => standardRules(),
  indicators,
});

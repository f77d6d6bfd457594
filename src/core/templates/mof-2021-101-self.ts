/**
 * 财预〔2021〕101号 self-evaluation with a cost indicator: 预算执行率 10, 成本 20, 产出 40,
 * 效益 20, 满意度 10; the 60% band for quantities, fixed tiers for 预算执行率 and 满意度.
 */
import { band60, standardRules } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { execution101, outcome101, output101, satisfaction101, SOURCE_101 } from './mof-2021-101-parts.ts';
import { group, leaf, type Spec } from './tree.ts';

function indicators(): Spec[] {
  return [
    execution101(),
    group(
      '成本指标',
      20,
      [
        group('经济成本指标', 10, [leaf('（经济成本指标1）', 10, band60())]),
        group('社会成本指标', 5, [leaf('（社会成本指标1）', 5, band60())]),
        group('生态环境成本指标', 5, [leaf('（生态环境成本指标1）', 5, band60())]),
      ],
      'input',
    ),
    output101(40, [20, 10, 10]),
    outcome101(20, [5, 5, 5, 5]),
    satisfaction101(),
  ];
}

export const mof2021Self = defineTemplate({
  id: 'mof-2021-101-self',
  name: '项目支出绩效自评表（财预〔2021〕101号，含成本指标）',
  locality: '全国',
  year: 2021,
  version: '1.0.0',
  kind: 'project',
  source: SOURCE_101,
  description:
    '设置成本指标的项目自评：预算执行率10、成本20、产出40、效益20、满意度10。预算执行率按100%／80%／60%分档（10／7／5／0分）；定量指标完成率低于60%不得分，60%以上按（完成率−60%）÷40%×分值计分；定性指标按基本达成、部分实现、实现程度较低三档评定；满意度按90%／80%／60%分档（10／8／5／0分）。',
  defaultMode: 'self',
  rules: () => standardRules(),
  indicators,
});

/**
 * 财预〔2020〕10号 附件1 项目支出绩效自评表: 预算执行率 10, 产出 50, 效益 30, 服务对象满意度 10.
 * The unit's own indicators go where the placeholders stand; the split inside 产出 and 效益 is a
 * starting point the unit adjusts.
 */
import { grade10, proportional, standardRules } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { group, leaf, withDimension, type Spec } from './tree.ts';

function indicators(): Spec[] {
  return [
    withDimension(
      leaf(
        '预算执行率',
        10,
        proportional('预算执行率＝全年执行数÷全年预算数×100%；得分＝执行率×分值'),
        '=100%',
      ),
      'execution',
    ),
    group(
      '产出指标',
      50,
      [
        group('数量指标', 20, [leaf('（数量指标1）', 20, proportional())]),
        group('质量指标', 10, [leaf('（质量指标1）', 10, proportional())]),
        group('时效指标', 10, [leaf('（时效指标1）', 10, proportional())]),
        group('成本指标', 10, [leaf('（成本指标1）', 10, proportional())]),
      ],
      'output',
    ),
    group(
      '效益指标',
      30,
      [
        group('经济效益指标', 5, [leaf('（经济效益指标1）', 5, grade10())]),
        group('社会效益指标', 10, [leaf('（社会效益指标1）', 10, grade10())]),
        group('生态效益指标', 5, [leaf('（生态效益指标1）', 5, grade10())]),
        group('可持续影响指标', 10, [leaf('（可持续影响指标1）', 10, grade10())]),
      ],
      'outcome',
    ),
    group(
      '满意度指标',
      10,
      [group('服务对象满意度指标', 10, [leaf('（服务对象满意度指标1）', 10, proportional())])],
      'satisfaction',
    ),
  ];
}

export const mof2020Self = defineTemplate({
  id: 'mof-2020-10-self',
  name: '项目支出绩效自评表（财预〔2020〕10号）',
  locality: '全国',
  year: 2020,
  version: '1.0.0',
  kind: 'project',
  source: '财预〔2020〕10号《项目支出绩效评价管理办法》附件1',
  description:
    '单位自评（“谁支出、谁自评”）的默认权重：预算执行率10、产出50、效益30、服务对象满意度10。定量指标完成的得满分，未完成的按完成比例计分；定性指标按三档（100%–80%、80%–60%、60%–0%）评定。括号中的指标为占位，由单位替换为本项目的绩效指标。',
  defaultMode: 'self',
  rules: () => standardRules(),
  indicators,
});

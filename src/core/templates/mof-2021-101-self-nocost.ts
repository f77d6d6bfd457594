/**
 * 财预〔2021〕101号 self-evaluation without a cost indicator: 预算执行率 10, 产出 50, 效益 30,
 * 满意度 10; the same scoring rules as the template with cost.
 */
import { standardRules } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { execution101, outcome101, output101, satisfaction101, SOURCE_101 } from './mof-2021-101-parts.ts';
import type { Spec } from './tree.ts';

function indicators(): Spec[] {
  return [execution101(), output101(50, [20, 15, 15]), outcome101(30, [5, 10, 5, 10]), satisfaction101()];
}

export const mof2021SelfNoCost = defineTemplate({
  id: 'mof-2021-101-self-nocost',
  name: '项目支出绩效自评表（财预〔2021〕101号，不含成本指标）',
  locality: '全国',
  year: 2021,
  version: '1.0.0',
  kind: 'project',
  source: SOURCE_101,
  description:
    '未设置成本指标的项目自评：预算执行率10、产出50、效益30、满意度10。计分规则同含成本指标的模板：预算执行率与满意度分档计分，定量指标按60%起评的区间插值计分，定性指标按三档评定。',
  defaultMode: 'self',
  rules: () => standardRules(),
  indicators,
});

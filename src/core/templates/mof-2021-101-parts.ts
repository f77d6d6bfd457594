/** Parts shared by the two 财预〔2021〕101号 self-evaluation templates (with and without cost). */
import { band60, executionTiers101, grade101, satisfactionTiers101 } from './presets.ts';
import { group, leaf, withDimension, type Spec } from './tree.ts';

export const SOURCE_101 = '财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》';

/** 预算执行率 10, scored in 101号's fixed tiers. */
export function execution101(): Spec {
  return withDimension(leaf('预算执行率', 10, executionTiers101(), '=100%'), 'execution');
}

/** 产出 with 数量/质量/时效, one placeholder each, scored by 101号's 60% band. */
export function output101(weight: number, [quantity, quality, timeliness]: [number, number, number]): Spec {
  return group(
    '产出指标',
    weight,
    [
      group('数量指标', quantity, [leaf('（数量指标1）', quantity, band60())]),
      group('质量指标', quality, [leaf('（质量指标1）', quality, band60())]),
      group('时效指标', timeliness, [leaf('（时效指标1）', timeliness, band60())]),
    ],
    'output',
  );
}

/** 效益 with 经济/社会/生态/可持续影响, one qualitative placeholder each. */
export function outcome101(
  weight: number,
  [economic, social, ecological, lasting]: [number, number, number, number],
): Spec {
  return group(
    '效益指标',
    weight,
    [
      group('经济效益指标', economic, [leaf('（经济效益指标1）', economic, grade101())]),
      group('社会效益指标', social, [leaf('（社会效益指标1）', social, grade101())]),
      group('生态效益指标', ecological, [leaf('（生态效益指标1）', ecological, grade101())]),
      group('可持续影响指标', lasting, [leaf('（可持续影响指标1）', lasting, grade101())]),
    ],
    'outcome',
  );
}

/** 满意度 10, scored in 101号's fixed tiers. */
export function satisfaction101(): Spec {
  return group(
    '满意度指标',
    10,
    [group('服务对象满意度指标', 10, [leaf('（服务对象满意度指标1）', 10, satisfactionTiers101())])],
    'satisfaction',
  );
}

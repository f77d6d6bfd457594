/**
 * 财预〔2020〕10号 附件2 项目支出绩效评价指标体系框架（参考）, for 部门评价 and 财政评价.
 * Level-1 20/20/40/20 and the level-3 split of seed 004 (阿克陶县总工会, which follows 10号 word
 * for word); 产出 + 效益 = 60 points, the minimum 10号 requires.
 */
import { grade10, proportional, standardRules } from './presets.ts';
import { defineTemplate } from './skeleton.ts';
import { group, leaf, type Spec } from './tree.ts';

function indicators(): Spec[] {
  return [
    group(
      '决策',
      20,
      [
        group('项目立项', 5, [leaf('立项依据充分性', 3, grade10()), leaf('立项程序规范性', 2, grade10())]),
        group('绩效目标', 5, [leaf('绩效目标合理性', 3, grade10()), leaf('绩效指标明确性', 2, grade10())]),
        group('资金投入', 10, [leaf('预算编制科学性', 5, grade10()), leaf('资金分配合理性', 5, grade10())]),
      ],
      'decision',
    ),
    group(
      '过程',
      20,
      [
        group('资金管理', 15, [
          leaf(
            '资金到位率',
            5,
            proportional('资金到位率＝实际到位资金÷预算资金×100%；得分＝到位率×分值'),
            '=100%',
          ),
          leaf(
            '预算执行率',
            5,
            proportional('预算执行率＝实际支出资金÷实际到位资金×100%；得分＝执行率×分值'),
            '=100%',
          ),
          leaf('资金使用合规性', 5, grade10()),
        ]),
        group('组织实施', 5, [leaf('管理制度健全性', 2, grade10()), leaf('制度执行有效性', 3, grade10())]),
      ],
      'process',
    ),
    group(
      '产出',
      40,
      [
        group('产出数量', 10, [
          leaf(
            '实际完成率',
            10,
            proportional('实际完成率＝实际产出数÷计划产出数×100%；得分＝完成率×分值'),
            '=100%',
          ),
        ]),
        group('产出质量', 10, [
          leaf(
            '质量达标率',
            10,
            proportional('质量达标率＝质量达标产出数÷实际产出数×100%；得分＝达标率×分值'),
            '=100%',
          ),
        ]),
        group('产出时效', 10, [
          leaf('完成及时性', 10, proportional('按计划时限完成的比例（完成及时率）×分值计分'), '=100%'),
        ]),
        group('产出成本', 10, [leaf('成本节约率', 10, costSaving())]),
      ],
      'output',
    ),
    group(
      '效益',
      20,
      [
        group('项目效益', 20, [
          leaf('实施效益', 10, grade10()),
          leaf(
            '服务对象满意度',
            10,
            proportional('满意度达到指标值的得满分；未达到的，按满意度÷指标值×分值计分'),
          ),
        ]),
      ],
      'outcome',
    ),
  ];
}

/**
 * 成本节约率 = (计划成本 − 实际成本) ÷ 计划成本. A saving rate has no useful divisor, so the
 * indicator is scored on the costs themselves: the planned cost as the target (≤), the actual
 * cost as the result; within plan → full marks, over plan → planned ÷ actual × weight.
 */
function costSaving() {
  return proportional(
    '成本节约率＝（计划成本−实际成本）÷计划成本×100%。以计划成本为指标值、实际成本为完成值：未超支得满分；超支的，按计划成本÷实际成本×分值计分',
    'lower',
  );
}

export const mof2020Project = defineTemplate({
  id: 'mof-2020-10-project',
  name: '项目支出绩效评价指标体系（财预〔2020〕10号 参考框架）',
  locality: '全国',
  year: 2020,
  version: '1.0.0',
  kind: 'project',
  source: '财预〔2020〕10号《项目支出绩效评价管理办法》附件2',
  description:
    '财政部项目支出绩效评价指标体系框架，用于部门评价和财政评价：决策20、过程20、产出40、效益20，产出与效益合计不低于60分；三级指标权重参照公开报告的常见分配。定量指标按完成比例计分，定性指标按三档（100%–80%、80%–60%、60%–0%）评定。',
  defaultMode: 'department',
  rules: () => standardRules({ minOutputOutcomeShare: 60 }),
  indicators,
});

/** A consistency finding: a value with a stable kind; the Chinese message comes from the catalogue. */
export type Severity = 'error' | 'warning' | 'info';

export const FINDING_KINDS = {
  'subtotal-mismatch': '小计/总分与明细之和不符',
  'score-mismatch': '得分与评分规则计算结果不符',
  'score-rate-mismatch': '得分率与得分÷分值不符',
  'rate-mismatch': '比率与所列金额计算结果不符',
  'figure-conflict': '同一数据前后表述不一致',
  'sum-mismatch': '分项之和与合计不符',
  'score-above-weight': '得分超过分值',
  'weights-total': '权重合计不符',
  'weight-mismatch': '所述分值与指标体系不一致',
  'elements-exceed-weight': '要素分值合计超过权重',
  'full-marks-target-missed': '未完成目标却得满分',
  'grade-mismatch': '评价等级与得分区间不符',
  'text-contradicts-table': '正文与表格不一致',
  'count-mismatch': '指标个数不符',
  'same-rule-different-score': '同一规则、同一输入得分不同',
  'na-full-marks': '不适用指标给予满分',
  'target-too-low': '完成值远超目标，目标设置偏低',
  'target-too-high': '完成值远低于目标，目标设置偏高',
  'output-outcome-share': '产出与效益指标权重不足',
  'shares-not-100': '问卷各选项占比之和不为100%',
  'execution-over-budget': '执行数超过预算数',
  'unit-mismatch': '指标值与完成值计量单位不一致',
  'unexplained-deduction': '扣分未说明原因',
  unscorable: '无法按评分方法计分',
} as const;

export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  /** An indicator code, or a field path such as claims.ratios[2] or budget.executed. */
  location: string;
  /** Chinese, with the numbers. */
  message: string;
  /** The value the document states, as text. */
  stated?: string | undefined;
  /** The value recomputed by jixiao, as text. */
  computed?: string | undefined;
  /** The quoted passage the stated value comes from. */
  quote?: string | undefined;
  where?: string | undefined;
}

/** The Chinese text of the monitoring flags, for the API, the page and the exports. */
import { toFixed } from '../decimal/index.ts';
import type { ExecutionDeviation, IndicatorIssueCode } from './deviations.ts';

export const ISSUE_TEXT: Readonly<Record<IndicatorIssueCode, string>> = {
  'target-missed': '全年预计完成值达不到指标值',
  'cannot-complete': '完成可能性为“完全不可能”',
  'cause-missing': '未填写偏差原因',
  'measures-missing': '未填写纠偏措施',
  'unit-mismatch': '预计完成值的计量单位与指标值不一致，无法比较',
  'not-reported': '本期未填报该指标',
};

/** "执行率 40.00% 低于序时进度 58.33% 达 18.33 个百分点（容差 10 个百分点）", or why nothing is flagged. */
export function executionText(e: ExecutionDeviation): string {
  const elapsed = `${toFixed(e.elapsedPercent, 2)}%`;
  if (e.ratePercent === undefined || e.lagPoints === undefined)
    return `资金总额为 0，执行率不适用（序时进度 ${elapsed}）`;
  const rate = `${toFixed(e.ratePercent, 2)}%`;
  const margin = toFixed(e.marginPoints, 2).replace(/\.?0+$/, '');
  if (e.behind)
    return `执行率 ${rate} 低于序时进度 ${elapsed} 达 ${toFixed(e.lagPoints, 2)} 个百分点（容差 ${margin} 个百分点）`;
  return `执行率 ${rate}，序时进度 ${elapsed}，未超出容差 ${margin} 个百分点`;
}

/** What the workbooks print for targets, actuals, amounts and methods. */
import { type Rat } from '../../core/decimal/index.ts';
import { inAmountUnit } from '../../core/amounts.ts';
import type { Evaluation, IndicatorNode } from '../../core/model.ts';
import type { ScoredNode } from '../../core/result.ts';
import { methodLabel } from '../../core/scoring/registry.ts';
import { DASH } from './style.ts';

/** An amount held in 元, in the evaluation's unit. */
export function inUnit(ev: Evaluation, yuan: Rat | undefined): Rat | undefined {
  if (yuan === undefined) return undefined;
  return inAmountUnit(yuan, ev.amountUnit);
}

export function targetText(node: IndicatorNode): string {
  return node.target?.text ?? '';
}

export function actualText(s: ScoredNode): string {
  const a = s.actual ?? s.node.actual;
  if (a.kind === 'quantity' || a.kind === 'text') return a.text;
  return '';
}

/** 评分方法 column: the method's Chinese name, or why there is none. */
export function methodText(s: ScoredNode): string {
  if (s.status === 'group') return '下级指标得分之和';
  const m = s.node.method ? methodLabel(s.node.method.type) : '';
  if (s.status === 'not-applicable') return m === '' ? '不适用' : `${m}（不适用）`;
  if (s.status === 'override') return m === '' ? '评价人调整' : `${m}（评价人调整）`;
  return m === '' ? DASH : m;
}

/** 偏差原因分析及改进措施. */
export function deviationText(node: IndicatorNode): string {
  const parts: string[] = [];
  if (node.deviation) parts.push(node.deviation);
  if (node.measures) parts.push(`改进措施：${node.measures}`);
  if (node.notApplicable)
    parts.push(`不适用${node.notApplicable.reason ? `：${node.notApplicable.reason}` : ''}`);
  return parts.join('\n');
}

/** "产出指标（40分）". */
export function groupTitle(node: IndicatorNode, weight: string): string {
  return `${node.name}（${weight}分）`;
}

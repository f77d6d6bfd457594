/**
 * The paragraph written for one indicator, from its data only: target, actual, scoring method
 * and rule, the engine's explanation, the score, deviation reason and measures. Two evaluations
 * with different data therefore read differently.
 */
import type { ScoredNode } from '../../core/result.ts';
import { methodLabel } from '../../core/scoring/registry.ts';
import { DASH, actualText, cleanNote, percent, score, sentence, weight } from './format.ts';

/** "年度指标值为≥24次，全年完成值为24人。" — empty when neither is known. */
export function targetSentence(n: ScoredNode): string {
  const target = n.node.target?.text;
  const actual = actualText(n);
  const parts: string[] = [];
  if (target !== undefined) parts.push(`年度指标值为${target}`);
  if (actual !== DASH) parts.push(`${target !== undefined ? '全年完成值为' : '完成情况：'}${actual}`);
  return parts.length > 0 ? `${parts.join('，')}。` : '';
}

/** "按“完成比例”方法计分（预算执行率评分标准）：5 × 95.58% ÷ 100% = 4.77。" */
export function ruleSentence(n: ScoredNode): string {
  const explanation = n.explanation.trim();
  if (n.status === 'not-applicable') return sentence(explanation);
  if (n.status === 'unscorable') return sentence(`未能计分：${n.problem?.message ?? explanation}`);
  const method = n.node.method;
  const rule = method?.rule !== undefined && method.rule.trim() !== '' ? `（${method.rule.trim()}）` : '';
  const label = method ? methodLabel(method.type) : undefined;
  const how = label ? `按“${label}”方法计分${rule}` : '计分';
  const text =
    label && explanation.startsWith(`${label}：`) ? explanation.slice(label.length + 1) : explanation;
  const override =
    n.status === 'override' && n.node.override
      ? `；调整为${score(n.score)}分，理由：${n.node.override.reason}`
      : '';
  return sentence(`${how}：${text}${override}`);
}

/** "该指标分值5分，得4.77分，得分率95.40%。" */
export function scoreSentence(n: ScoredNode): string {
  return `该指标分值${weight(n.effectiveWeight)}分，得${score(n.score)}分，得分率${percent(n.rate)}。`;
}

/** "偏差原因：…。改进措施：…。" from the data, empty when neither is given. */
export function deviationSentence(n: ScoredNode): string {
  const dev = cleanNote(n.node.deviation);
  const measures = cleanNote(n.node.measures);
  return (dev ? sentence(`偏差原因：${dev}`) : '') + (measures ? sentence(`改进措施：${measures}`) : '');
}

/** The whole paragraph body after the lead-in name. */
export function indicatorText(n: ScoredNode): string {
  return targetSentence(n) + ruleSentence(n) + scoreSentence(n) + deviationSentence(n);
}

/** Leaves under a node, depth first. */
export function leaves(n: ScoredNode): ScoredNode[] {
  return n.children.length === 0 ? [n] : n.children.flatMap(leaves);
}

/**
 * "决策类指标包括项目立项、绩效目标、资金投入3个方面，由6个三级指标构成，权重分为20分，实际得分20.00分，
 * 得分率为100.00%。"
 */
export function groupSummary(g: ScoredNode): string {
  const kids = g.children.map((k) => k.node.name);
  const n = leaves(g).length;
  const depth = Math.max(...leaves(g).map((l) => l.node.level));
  const level = ['', '一', '二', '三', '四', '五'][depth] ?? String(depth);
  const parts =
    kids.length > 0 && g.children.some((k) => k.children.length > 0)
      ? `包括${kids.join('、')}${kids.length}个方面，由${n}个${level}级指标构成，`
      : `由${n}个${level}级指标构成，`;
  return `${g.node.name}类指标${parts}权重分为${weight(g.effectiveWeight)}分，实际得分${score(g.score)}分，得分率为${percent(g.rate)}。`;
}

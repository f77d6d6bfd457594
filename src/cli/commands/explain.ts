/** jixiao explain FILE CODE: how one indicator got its score. */
import type { Command } from 'commander';
import { toPlain } from '../../core/decimal/index.ts';
import type { Actual, Evaluation, IndicatorNode, Statement, Target } from '../../core/model.ts';
import { scoreToJson } from '../../core/output.ts';
import { computeRatio } from '../../core/ratios.ts';
import { methodLabel } from '../../core/scoring/registry.ts';
import type { ScoreResult, ScoredNode } from '../../core/result.ts';
import { type Done, EXIT, inputError } from '../exit.ts';
import { print } from '../io.ts';
import { LEVEL_LABELS } from '../labels.ts';
import { loadScored } from '../load.ts';

/** Exact code first; a unique case-insensitive match is accepted too (a11 → A11). */
function findNode(result: ScoreResult, code: string): ScoredNode {
  const exact = result.byCode.get(code);
  if (exact) return exact;
  const folded = [...result.byCode.values()].filter((s) => s.node.code.toLowerCase() === code.toLowerCase());
  const [only] = folded;
  if (folded.length === 1 && only !== undefined) return only;
  const codes = [...result.byCode.keys()];
  const shown =
    codes.length > 40 ? `${codes.slice(0, 40).join('、')} 等 ${codes.length} 个` : codes.join('、');
  throw inputError(code, `找不到代码为“${code}”的指标；可用的代码：${shown}`);
}

function targetText(t: Target | undefined): string {
  return t === undefined ? '—' : t.text;
}

function actualText(a: Actual, ev: Evaluation): string {
  switch (a.kind) {
    case 'quantity':
    case 'text':
      return a.text;
    case 'none':
      return '—';
    case 'ratio': {
      // Recomputed as the engine does, so the numbers behind the rate are shown.
      const r = computeRatio(ev, a.ratio, a.scope);
      return `${r.name}：${r.explanation}`;
    }
  }
}

function methodText(node: IndicatorNode): string {
  if (node.children.length > 0) return '下级指标得分之和';
  const m = node.method;
  if (m === undefined) return '—';
  return m.rule === undefined ? methodLabel(m.type) : `${methodLabel(m.type)}（评分标准：${m.rule}）`;
}

function statementText(s: Statement): string {
  const parts = [
    s.score !== undefined ? `得分 ${toPlain(s.score)}` : undefined,
    s.weight !== undefined ? `分值 ${toPlain(s.weight)}` : undefined,
    s.rate !== undefined ? `得分率 ${s.rate.text}` : undefined,
  ].filter((p) => p !== undefined);
  const where = [s.source === 'table' ? '表格' : s.source === 'text' ? '正文' : undefined, s.where]
    .filter((p) => p !== undefined)
    .join('，');
  return `  ${parts.join('，') || '（无数值）'}${where === '' ? '' : `（${where}）`}：“${s.quote}”`;
}

export function renderExplain(result: ScoreResult, scored: ScoredNode): string {
  const json = scoreToJson(result);
  const row = json.indicators.find((i) => i.code === scored.node.code);
  const n = scored.node;
  const level = LEVEL_LABELS[n.level - 1] ?? `${n.level} 级指标`;
  const lines = [
    `${n.code} ${n.name}（${level}）`,
    `权重：${row?.weight ?? toPlain(scored.effectiveWeight)}`,
    `指标值：${targetText(n.target)}`,
    `完成值：${n.children.length > 0 ? '—' : actualText(n.actual, result.evaluation)}`,
    `评分方法：${methodText(n)}`,
    `得分：${row?.score ?? toPlain(scored.score)}${row?.rate == null ? '' : `（得分率 ${row.rate}）`}`,
    `计分说明：${scored.explanation || '—'}`,
  ];
  if (n.children.length > 0)
    lines.push(`下级指标：${n.children.map((c) => `${c.code} ${c.name}`).join('、')}`);
  if (n.deviation !== undefined) lines.push(`偏差原因：${n.deviation}`);
  if (n.stated.length > 0) lines.push('文件所述：', ...n.stated.map(statementText));
  else lines.push('文件所述：无');
  return lines.join('\n');
}

export async function explain(file: string, code: string): Promise<void> {
  const result = await loadScored(file);
  print(renderExplain(result, findNode(result, code.trim())));
}

export function registerExplain(program: Command, done: Done): void {
  program
    .command('explain')
    .description('说明一个指标如何得分（方法、计算过程、文件所述）')
    .argument('<file>', '评价文件（JSON）')
    .argument('<code>', '指标代码（如 A11）')
    .action(async (file: string, code: string) => {
      await explain(file, code);
      done(EXIT.ok);
    });
}

/** What the document states about each indicator, checked against the tree and against itself. */
import {
  type Rat,
  abs,
  div,
  eq,
  gt,
  isZero,
  roundHalfUp,
  roundTruncate,
  sub,
  sum,
} from '../../decimal/index.ts';
import { flatten } from '../../engine.ts';
import type { Statement } from '../../model.ts';
import type { ScoredNode } from '../../result.ts';
import {
  type AuditContext,
  cite,
  documentSum,
  nodeLabel,
  percent,
  plain,
  primaryScore,
  rateAgreement,
  report,
  scoreText,
} from '../context.ts';

function sourceName(s: Statement): string {
  return s.source === 'table' ? '表格' : s.source === 'text' ? '正文' : '文中';
}

/** Statements about one node that disagree with each other: the same figure stated two ways. */
function conflicts(ctx: AuditContext, s: ScoredNode): void {
  const stated = s.node.stated;
  for (const field of ['score', 'weight'] as const) {
    const withValue = stated.filter((x) => x[field] !== undefined);
    const first = withValue[0];
    if (!first) continue;
    for (const other of withValue.slice(1)) {
      const a = first[field] as Rat;
      const b = other[field] as Rat;
      if (eq(a, b)) continue;
      const mixed = first.source !== other.source && first.source !== undefined && other.source !== undefined;
      const what = field === 'score' ? '得分' : '分值';
      report(
        ctx,
        'error',
        mixed ? 'text-contradicts-table' : 'figure-conflict',
        s.node.code,
        `${nodeLabel(s.node)}：${sourceName(first)}${cite(first)}${what}为 ${plain(a)}，${sourceName(other)}${cite(other)}${what}为 ${plain(b)}`,
        { stated: plain(b), computed: plain(a), quote: other.quote, where: other.where },
      );
    }
  }
}

/** A stated weight that is not the indicator's, a stated score above the weight, a 得分率 that is not score ÷ weight. */
function eachStatement(ctx: AuditContext, s: ScoredNode, st: Statement): void {
  const n = s.node;
  const extra = { quote: st.quote, where: st.where };
  if (st.weight !== undefined && !eq(st.weight, n.weight)) {
    report(
      ctx,
      'error',
      'weight-mismatch',
      n.code,
      `${nodeLabel(n)}：${cite(st)}所述分值 ${plain(st.weight)} 与指标体系中的权重 ${plain(n.weight)} 不一致`,
      {
        ...extra,
        stated: plain(st.weight),
        computed: plain(n.weight),
      },
    );
  }
  const weight = st.weight ?? n.weight;
  if (st.score !== undefined && gt(st.score, weight)) {
    report(
      ctx,
      'error',
      'score-above-weight',
      n.code,
      `${nodeLabel(n)}：所述得分 ${plain(st.score)} 超过分值 ${plain(weight)}`,
      {
        ...extra,
        stated: plain(st.score),
        computed: plain(weight),
      },
    );
  }
  if (st.rate !== undefined) {
    const score = st.score ?? primaryScore(n.stated)?.score;
    if (score !== undefined && !isZero(weight)) {
      const exact = div(score, weight);
      if (rateAgreement(st.rate.value, st.rate.places, exact) === false) {
        report(
          ctx,
          'error',
          'score-rate-mismatch',
          n.code,
          `${nodeLabel(n)}：${cite(st)}得分率 ${st.rate.text}，而 ${plain(score)} ÷ ${plain(weight)} = ${percent(exact)}`,
          { ...extra, stated: st.rate.text, computed: `${plain(score)} ÷ ${plain(weight)}` },
        );
      }
    }
  }
}

/** A leaf's stated score against the score its rule gives. */
function leafScore(ctx: AuditContext, s: ScoredNode): void {
  const st = primaryScore(s.node.stated);
  if (st?.score === undefined || s.status === 'not-applicable' || s.status === 'unscorable') return;
  if (eq(st.score, s.score)) return;
  const n = s.node;
  const places = ctx.ev.rules.rounding.places;
  const roundingOnly =
    s.raw !== undefined &&
    s.status === 'scored' &&
    (eq(roundHalfUp(s.raw, places), st.score) || eq(roundTruncate(s.raw, places), st.score));
  const diff = abs(sub(st.score, s.score));
  report(
    ctx,
    roundingOnly ? 'warning' : 'error',
    'score-mismatch',
    n.code,
    `${nodeLabel(n)}：${cite(st)}得分 ${plain(st.score)}，按评分规则计算为 ${scoreText(ctx.ev, s.score)}（${s.explanation}）${roundingOnly ? '，差异仅在舍入方式' : `，相差 ${plain(diff)}`}`,
    { stated: plain(st.score), computed: scoreText(ctx.ev, s.score), quote: st.quote, where: st.where },
  );
}

/** A group's stated score against the sum of its children's stated scores (the document's own arithmetic). */
function groupSum(ctx: AuditContext, s: ScoredNode): void {
  const st = primaryScore(s.node.stated);
  if (st?.score === undefined) return;
  const childScores: Rat[] = [];
  for (const c of s.children) {
    const v = documentSum(c);
    if (v === undefined) return;
    childScores.push(v);
  }
  const total = sum(childScores);
  if (eq(total, st.score)) return;
  report(
    ctx,
    'error',
    'subtotal-mismatch',
    s.node.code,
    `${nodeLabel(s.node)}：${cite(st)}小计 ${plain(st.score)}，而下级得分之和 ${childScores.map(plain).join(' + ')} = ${plain(total)}`,
    { stated: plain(st.score), computed: plain(total), quote: st.quote, where: st.where },
  );
}

export function checkStatements(ctx: AuditContext): void {
  for (const s of flatten(ctx.result.roots)) {
    conflicts(ctx, s);
    for (const st of s.node.stated) eachStatement(ctx, s, st);
    if (s.children.length === 0) leafScore(ctx, s);
    else groupSum(ctx, s);
  }
}

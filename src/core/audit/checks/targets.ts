/** Targets against results: full marks on a missed target, targets set far too low or high, units, deductions. */
import { ONE, div, eq, gt, isZero, lt, sub, type Rat } from '../../decimal/index.ts';
import { flatten } from '../../engine.ts';
import type { Target } from '../../model.ts';
import { unitsDiffer } from '../../quantity.ts';
import type { ScoredNode } from '../../result.ts';
import { targetMet } from '../../scoring/support.ts';
import {
  type AuditContext,
  documentScore,
  nodeLabel,
  percent,
  plain,
  primaryScore,
  report,
} from '../context.ts';

type QTarget = Extract<Target, { kind: 'quantity' }>;

const MET_TEXT = /(按要求完成|全部完成|已完成|均已完成|达标|合规|按规定时限完成|按时完成|完成相关工作任务)/;
const NOT_MET_TEXT = /(未|没有|不|尚未|较难|有待)/;

function actualOf(s: ScoredNode): { value: Rat; percent: boolean; text: string } | undefined {
  return s.actual?.kind === 'quantity' ? s.actual : undefined;
}

/** Whether the record shows the target met, as far as the text tells. */
function looksMet(s: ScoredNode, actual: ReturnType<typeof actualOf>): boolean {
  const t = s.node.target;
  if (actual && t?.kind === 'quantity') return targetMet(t, actual.value);
  if (actual?.percent === true && (t === undefined || t.kind === 'text')) return !lt(actual.value, ONE);
  const a = s.node.actual;
  return a.kind === 'text' && MET_TEXT.test(a.text) && !NOT_MET_TEXT.test(a.text);
}

/** A shortfall the record itself shows: a quantitative target missed, or an actual saying so. */
function visiblyMissed(s: ScoredNode, actual: ReturnType<typeof actualOf>): boolean {
  const t = s.node.target;
  if (actual && t?.kind === 'quantity') return !targetMet(t, actual.value);
  const a = s.node.actual;
  return a.kind === 'text' && NOT_MET_TEXT.test(a.text);
}

function checkLeaf(ctx: AuditContext, s: ScoredNode): void {
  const n = s.node;
  const actual = actualOf(s);
  const t = n.target;
  const score = documentScore(s);
  const full = eq(score, n.weight);
  if (t?.kind === 'quantity' && actual && actual.percent === t.percent) {
    const q: QTarget = t;
    if (!targetMet(q, actual.value) && full && s.status !== 'not-applicable') {
      report(
        ctx,
        'error',
        'full-marks-target-missed',
        n.code,
        `${nodeLabel(n)}：目标 ${q.text}，完成 ${actual.text}，未达到目标却得满分 ${plain(n.weight)}`,
        {
          stated: plain(score),
          computed: `< ${plain(n.weight)}`,
        },
      );
    }
    if ((q.op === '>=' || q.op === '>') && !isZero(q.value)) {
      const ratio = div(actual.value, q.value);
      const { above, below } = ctx.ev.rules.targetSetting;
      const text = actual.text;
      if (gt(sub(ratio, ONE), above)) {
        report(
          ctx,
          'warning',
          'target-too-low',
          n.code,
          `${nodeLabel(n)}：完成 ${text}，超出目标 ${q.text} 达 ${percent(sub(ratio, ONE))}，目标设置偏低`,
          {
            stated: q.text,
            computed: text,
          },
        );
      } else if (gt(sub(ONE, ratio), below)) {
        report(
          ctx,
          'warning',
          'target-too-high',
          n.code,
          `${nodeLabel(n)}：完成 ${text}，仅为目标 ${q.text} 的 ${percent(ratio)}，目标设置偏高或执行不足`,
          {
            stated: q.text,
            computed: text,
          },
        );
      }
    }
  }
  if (t?.kind === 'quantity' && n.actual.kind === 'quantity' && !t.percent && !n.actual.percent) {
    const tu = t.unit?.trim() ?? '';
    const au = n.actual.unit?.trim() ?? '';
    if (unitsDiffer(tu, au)) {
      report(
        ctx,
        'warning',
        'unit-mismatch',
        n.code,
        `${nodeLabel(n)}：指标值 ${t.text} 的单位“${tu}”与完成值 ${n.actual.text} 的单位“${au}”不一致`,
        {
          stated: tu,
          computed: au,
        },
      );
    }
  }
  if (!full && s.status !== 'not-applicable' && !n.deviation && primaryScore(n.stated) !== undefined) {
    const met = looksMet(s, actual);
    const inText = n.stated.some((x) => x.source === 'text');
    if (met || (!inText && !visiblyMissed(s, actual))) {
      report(
        ctx,
        'info',
        'unexplained-deduction',
        n.code,
        `${nodeLabel(n)}：${met ? '完成情况显示已达到目标，' : ''}得 ${plain(score)} 分（满分 ${plain(n.weight)}），未说明扣分原因`,
        { stated: plain(score), computed: plain(n.weight) },
      );
    }
  }
  if (s.status === 'not-applicable') {
    const stated = primaryScore(n.stated)?.score;
    const policy = ctx.ev.rules.notApplicable;
    const givenFull = stated !== undefined ? eq(stated, n.weight) : policy === 'full';
    if (givenFull) {
      const why = s.explanation.replace(/^不适用（(.*)），.*$/, '$1');
      report(
        ctx,
        policy === 'full' ? 'info' : 'warning',
        'na-full-marks',
        n.code,
        `${nodeLabel(n)}：不适用（${why}），${policy === 'full' ? '按本指标体系的规定' : '但'}给予满分 ${plain(n.weight)}`,
        {
          stated: stated !== undefined ? plain(stated) : undefined,
          computed: policy === 'full' ? plain(n.weight) : '0',
        },
      );
    }
  }
  if (s.status === 'unscorable' || (s.status === 'override' && s.problem)) {
    report(
      ctx,
      s.status === 'unscorable' ? 'error' : 'warning',
      'unscorable',
      n.code,
      `${nodeLabel(n)}：${s.problem?.message ?? '无法计分'}`,
    );
  }
}

export function checkTargets(ctx: AuditContext): void {
  for (const s of flatten(ctx.result.roots)) if (s.children.length === 0) checkLeaf(ctx, s);
}

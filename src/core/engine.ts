/**
 * Scoring: every leaf by its method, clamped to [0, weight] and rounded by the indicator system's
 * policy; every group the sum of its children's rounded scores; the total the sum of level-1 scores;
 * the grade by the bands. Pure: the evaluation in, the scored tree out.
 */
import {
  ZERO,
  add,
  applyRounding,
  div,
  gt,
  isNegative,
  isZero,
  mul,
  type Rat,
  sum,
  toFixed,
  formatPercent,
} from './decimal/index.ts';
import { gradeOf } from './grading.ts';
import type { Evaluation, IndicatorNode } from './model.ts';
import { computeRatio } from './ratios.ts';
import type { ScoredNode, ScoreResult } from './result.ts';
import { scoreWithMethod } from './scoring/registry.ts';
import type { MethodContext, MethodProblem, OtherIndicator, ResolvedActual } from './scoring/types.ts';
import { SILENT, WRITTEN, num } from './scoring/support.ts';

export interface ScoreOptions {
  /** Write the Chinese explanations (default true); batch rescoring may skip them. */
  explanations?: boolean;
}

interface Resolved {
  actual: ResolvedActual;
  /** Why the indicator is not applicable, if it is. */
  notApplicable?: string | undefined;
  /** A ratio actual whose data are missing: the indicator cannot be scored. */
  missing?: string | undefined;
}

function resolve(ev: Evaluation, node: IndicatorNode, explain = true): Resolved {
  const na = node.notApplicable ? (node.notApplicable.reason ?? '标记为不适用') : undefined;
  const a = node.actual;
  if (a.kind === 'ratio') {
    const r = computeRatio(ev, a.ratio, a.scope, { explain });
    if (r.value === null && r.missing === true)
      return { actual: { kind: 'none' }, notApplicable: na, missing: `${r.name}${r.explanation}` };
    if (r.value === null)
      return { actual: { kind: 'none' }, notApplicable: na ?? `${r.name}${r.explanation}` };
    return {
      actual: { kind: 'quantity', value: r.value, unit: '%', percent: true, text: formatPercent(r.value) },
      notApplicable: na,
    };
  }
  return { actual: a, notApplicable: na };
}

const ARITHMETIC = /[×÷+−-]/;

/** Leaves share one empty children list (never mutated). */
const NO_CHILDREN: ScoredNode[] = [];

class Scorer {
  private readonly ev: Evaluation;
  private readonly explain: boolean;

  constructor(ev: Evaluation, opts: ScoreOptions) {
    this.ev = ev;
    this.explain = opts.explanations ?? true;
  }

  private fmt(r: Rat): string {
    return toFixed(r, this.ev.rules.rounding.places);
  }

  /** A node is not applicable when it is a leaf marked so (or with a 0/0 ratio), or all its children are. */
  private isNotApplicable(n: IndicatorNode): boolean {
    if (n.children.length === 0)
      return resolve(this.ev, n).notApplicable !== undefined && n.override === undefined;
    return n.children.every((c) => this.isNotApplicable(c));
  }

  private lookup = (code: string): OtherIndicator | undefined => {
    const n = this.ev.index.get(code);
    if (!n) return undefined;
    return { code: n.code, name: n.name, target: n.target, actual: resolve(this.ev, n, this.explain).actual };
  };

  /** Effective weights of siblings: with the 'redistribute' policy, not-applicable weight moves to the others. */
  private effectiveWeights(nodes: IndicatorNode[], parentWeight: Rat): Rat[] | undefined {
    if (this.ev.rules.notApplicable !== 'redistribute') return undefined;
    const applicable = nodes.map((n) => !this.isNotApplicable(n));
    const applicableSum = sum(nodes.filter((_, i) => applicable[i]).map((n) => n.weight));
    if (isZero(applicableSum)) return nodes.map(() => ZERO);
    return nodes.map((n, i) => (applicable[i] ? div(mul(n.weight, parentWeight), applicableSum) : ZERO));
  }

  scoreNodes(nodes: IndicatorNode[], parentWeight: Rat): ScoredNode[] {
    const weights = this.effectiveWeights(nodes, parentWeight);
    const out: ScoredNode[] = new Array<ScoredNode>(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i] as IndicatorNode;
      const w = weights?.[i] ?? n.weight;
      out[i] = n.children.length > 0 ? this.group(n, w) : this.leaf(n, w);
    }
    return out;
  }

  private group(n: IndicatorNode, weight: Rat): ScoredNode {
    const children = this.scoreNodes(n.children, weight);
    let score = ZERO;
    for (const c of children) score = add(score, c.score);
    return {
      node: n,
      effectiveWeight: weight,
      score,
      rate: isZero(weight) ? null : div(score, weight),
      explanation: this.explain
        ? `${children.map((c) => this.fmt(c.score)).join(' + ')} = ${this.fmt(score)}`
        : '',
      status: 'group',
      children,
    };
  }

  private scoredLeaf(
    n: IndicatorNode,
    weight: Rat,
    actual: ResolvedActual,
    status: ScoredNode['status'],
    score: Rat,
    explanation: string,
    computed?: Rat,
    raw?: Rat,
    problem?: MethodProblem,
  ): ScoredNode {
    const noRate =
      isZero(weight) || (status === 'not-applicable' && this.ev.rules.notApplicable === 'redistribute');
    return {
      node: n,
      effectiveWeight: weight,
      actual,
      children: NO_CHILDREN,
      status,
      score,
      rate: noRate ? null : div(score, weight),
      explanation,
      computed,
      raw,
      problem,
    };
  }

  private leaf(n: IndicatorNode, weight: Rat): ScoredNode {
    const r = resolve(this.ev, n, this.explain);
    if (r.notApplicable !== undefined && !n.override) {
      const policy = this.ev.rules.notApplicable;
      const score = policy === 'full' ? weight : ZERO;
      const how =
        policy === 'full'
          ? `按规定得满分 ${num(weight)}`
          : policy === 'zero'
            ? '得 0 分'
            : '权重分配给同级指标';
      return this.scoredLeaf(
        n,
        weight,
        r.actual,
        'not-applicable',
        score,
        this.explain ? `不适用（${r.notApplicable}），${how}` : '',
      );
    }
    let computed: Rat | undefined;
    let clamped: Rat | undefined;
    let explanation = '';
    let problem: MethodProblem | undefined;
    if (r.missing !== undefined) {
      problem = { code: 'ratio-data-missing', message: r.missing };
      explanation = `无法计分：${r.missing}`;
    } else if (n.method) {
      const ctx: MethodContext = {
        code: n.code,
        name: n.name,
        weight,
        target: n.target,
        actual: r.actual,
        rawActual: n.actual,
        surveys: this.ev.surveys,
        text: this.explain ? WRITTEN : SILENT,
        lookup: this.lookup,
      };
      const out = scoreWithMethod(n.method, ctx);
      if (out.ok) {
        let raw = out.raw;
        let clampNote = '';
        if (gt(raw, weight)) {
          raw = weight;
          clampNote = `，超过分值按 ${num(weight)} 计`;
        } else if (isNegative(raw)) {
          raw = ZERO;
          clampNote = '，不低于 0';
        }
        clamped = raw;
        computed = applyRounding(raw, this.ev.rules.rounding);
        if (this.explain) {
          const eqPart = ARITHMETIC.test(out.formula) ? ` = ${this.fmt(computed)}` : '';
          explanation = `${out.note ?? ''}${out.formula}${eqPart}${clampNote}`;
        }
      } else {
        problem = out.problem;
        explanation = `无法计分：${out.problem.message}`;
      }
    }
    if (n.override) {
      const s = n.override.score;
      const before =
        computed !== undefined
          ? `计算得分 ${this.fmt(computed)}（${explanation}）；`
          : problem
            ? `${explanation}；`
            : '';
      return this.scoredLeaf(
        n,
        weight,
        r.actual,
        'override',
        s,
        `${before}评价人调整为 ${this.fmt(s)}：${n.override.reason}`,
        computed,
        clamped,
        problem,
      );
    }
    if (computed === undefined)
      return this.scoredLeaf(
        n,
        weight,
        r.actual,
        'unscorable',
        ZERO,
        explanation,
        undefined,
        undefined,
        problem,
      );
    return this.scoredLeaf(n, weight, r.actual, 'scored', computed, explanation, computed, clamped);
  }
}

/** A score result whose code index is built on first use: batch rescoring never reads it. */
class Scored implements ScoreResult {
  readonly evaluation: Evaluation;
  readonly roots: ScoredNode[];
  readonly total: Rat;
  readonly totalWeight: Rat;
  readonly grade: string;
  private index: Map<string, ScoredNode> | undefined;

  constructor(evaluation: Evaluation, roots: ScoredNode[], total: Rat, totalWeight: Rat, grade: string) {
    this.evaluation = evaluation;
    this.roots = roots;
    this.total = total;
    this.totalWeight = totalWeight;
    this.grade = grade;
  }

  get byCode(): Map<string, ScoredNode> {
    this.index ??= new Map(flatten(this.roots).map((n) => [n.node.code, n]));
    return this.index;
  }
}

export function scoreEvaluation(ev: Evaluation, opts: ScoreOptions = {}): ScoreResult {
  const s = new Scorer(ev, opts);
  const levelOneWeight = ev.indicators.reduce((acc, n) => add(acc, n.weight), ZERO);
  const roots = s.scoreNodes(ev.indicators, levelOneWeight);
  let total = ZERO;
  for (const r of roots) total = add(total, r.score);
  return new Scored(ev, roots, total, levelOneWeight, gradeOf(total, ev.rules.grades));
}

/** Depth-first list of scored nodes (groups before their children). */
export function flatten(nodes: readonly ScoredNode[]): ScoredNode[] {
  const out: ScoredNode[] = [];
  const walk = (n: ScoredNode): void => {
    out.push(n);
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
}

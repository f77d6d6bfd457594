import { ONE, type Rat, ZERO, abs, cmp, div, gt, isZero, max, neg, sub } from '../decimal/index.ts';
import { type Text, dec, isProblem, problem, share } from './support.ts';
import type { MethodOutcome, MethodProblem, OtherIndicator, ScoringMethod } from './types.ts';

type Failure = { ok: false; problem: MethodProblem };
type Direction = 'above' | 'below' | 'both';
interface Step {
  over: Rat;
  deduct: Rat;
}
interface Judged {
  deduct: Rat;
  text: string;
}

const VERB: Record<Direction, string> = { above: '', below: '低于目标', both: '偏离' };

/**
 * 目标偏离: deviation d = actual ÷ target − 1 of each referenced indicator (or of this one);
 * 'above' counts d, 'below' −d, 'both' |d|. The step with the largest `over` that the deviation
 * strictly exceeds gives the deduction; the largest deduction over the refs is taken once
 * (one badly set target costs as much as several), score = w − deduction, never below 0.
 */
export const overTarget: ScoringMethod<'over-target'> = {
  type: 'over-target',
  label: '目标偏离',
  score(params, ctx) {
    const steps = params.steps
      .map((s) => ({ over: share(s.over), deduct: dec(s.deduct) }))
      .sort((a, b) => cmp(b.over, a.over));
    const direction = params.direction ?? 'above';
    const subjects = params.refs ?? [undefined];
    const judged: Judged[] = [];
    for (const code of subjects) {
      const subject =
        code === undefined
          ? { code: ctx.code, name: ctx.name, target: ctx.target, actual: ctx.actual }
          : ctx.lookup(code);
      if (subject === undefined) return problem('unknown-ref', `引用的指标“${code ?? ''}”不存在`);
      const j = judge(subject, steps, direction, ctx.text);
      if (isProblem(j)) return j;
      judged.push(j);
    }
    return conclude(ctx.weight, judged, ctx.text);
  },
};

function judge(
  subject: OtherIndicator,
  steps: readonly Step[],
  direction: Direction,
  { num, pct, show }: Text,
): Judged | Failure {
  const { name, target, actual } = subject;
  if (actual.kind !== 'quantity')
    return problem(
      actual.kind === 'text' ? 'actual-not-numeric' : 'actual-missing',
      `指标“${name}”缺少数值完成值`,
    );
  if (target?.kind !== 'quantity')
    return problem(
      target === undefined ? 'target-missing' : 'target-not-numeric',
      `指标“${name}”缺少数值指标值`,
    );
  if (isZero(target.value)) return problem('zero-denominator', `指标“${name}”的指标值为 0，无法计算偏离度`);
  const d = sub(div(actual.value, target.value), ONE);
  const counted = direction === 'above' ? d : direction === 'below' ? neg(d) : abs(d);
  const step = steps.find((s) => gt(counted, s.over));
  const base = `${name} ${show(actual.value, actual.percent)} ÷ ${show(target.value, target.percent)} − 1 = ${pct(d)}，${VERB[direction]}`;
  if (step === undefined) {
    const lowest = steps.at(-1)?.over ?? ZERO;
    return { deduct: ZERO, text: `${base}未超过 ${show(lowest, true)}，不扣分` };
  }
  return { deduct: step.deduct, text: `${base}超过 ${show(step.over, true)}，扣 ${num(step.deduct)} 分` };
}

function conclude(weight: Rat, judged: readonly Judged[], { num }: Text): MethodOutcome {
  const deduct = judged.reduce((m, j) => max(m, j.deduct), ZERO);
  const said = judged.map((j) => j.text).join('；');
  const w = num(weight);
  if (isZero(deduct)) return { ok: true, raw: weight, note: `${said}，`, formula: `得满分 ${w}` };
  const lead = judged.length > 1 ? `${said}；取最大扣分 ${num(deduct)}：` : `${said}：`;
  if (gt(deduct, weight))
    return { ok: true, raw: ZERO, note: `${lead}${w} − ${num(deduct)} < 0，扣完为止，`, formula: '得 0 分' };
  return { ok: true, raw: sub(weight, deduct), note: lead, formula: `${w} − ${num(deduct)}` };
}

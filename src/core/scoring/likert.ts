import {
  HUNDRED,
  ONE,
  ZERO,
  type Rat,
  add,
  div,
  eq,
  fromInt,
  mul,
  roundHalfUp,
  toPlain,
} from '../decimal/index.ts';
import type { Survey, SurveyLevel } from '../model.ts';
import { SILENT, type Text, isProblem, problem, share } from './support.ts';
import type { MethodContext, MethodProblem, ScoringMethod } from './types.ts';

type Failure = { ok: false; problem: MethodProblem };
/** A satisfaction rate with the text that shows how it was obtained. */
interface Rate {
  value: Rat;
  note: string;
}

const DEFAULT_LEVELS: readonly SurveyLevel[] = [
  { label: '非常满意', weight: ONE },
  { label: '满意', weight: share('50%') },
  { label: '一般', weight: share('25%') },
  { label: '不满意', weight: ZERO },
];

/**
 * 问卷得分率: rate = Σ share × level weight; score = w × rate. The shares come, in this order,
 * from params.shares, from a survey (one question, or the mean of all questions' rates), from
 * params.rate, or, lacking all three, from a percentage actual (a satisfaction rate entered as
 * 完成值). Level weights: params.levels, else the survey's, else 非常满意 1 / 满意 0.5 / 一般 0.25 / 不满意 0.
 */
export const likert: ScoringMethod<'likert'> = {
  type: 'likert',
  label: '问卷得分率',
  score(params, ctx) {
    const { num } = ctx.text;
    const survey = params.survey === undefined ? undefined : ctx.surveys.find((s) => s.id === params.survey);
    if (params.survey !== undefined && survey === undefined)
      return problem('unknown-survey', `问卷“${params.survey}”不存在`);
    const levels =
      params.levels?.map((l) => ({ label: l.label, weight: share(l.weight) })) ??
      (survey?.levels.length ? survey.levels : DEFAULT_LEVELS);
    const rate = findRate(params, survey, levels, ctx);
    if (isProblem(rate)) return rate;
    return {
      ok: true,
      raw: mul(ctx.weight, rate.value),
      note: rate.note,
      formula: `${num(ctx.weight)} × ${rateText(rate.value, ctx.text)}`,
    };
  },
};

type Params = Parameters<typeof likert.score>[0];

function findRate(
  params: Params,
  survey: Survey | undefined,
  levels: readonly SurveyLevel[],
  ctx: MethodContext,
): Rate | Failure {
  const { text } = ctx;
  if (params.shares !== undefined) {
    const r = weigh(
      Object.entries(params.shares).map(([label, s]) => [label, share(s)]),
      levels,
      text,
    );
    return isProblem(r) ? r : { value: r.value, note: `得分率 = ${r.note}，` };
  }
  if (survey !== undefined) return fromSurvey(survey, params.question, levels, text);
  if (params.rate !== undefined) {
    const value = share(params.rate);
    return { value, note: `得分率 ${rateText(value, text)}，` };
  }
  if (ctx.actual.kind === 'quantity' && ctx.actual.percent)
    return { value: ctx.actual.value, note: `满意度 ${ctx.actual.text}，` };
  return problem(
    'likert-no-data',
    '缺少问卷数据：请给出各选项占比（shares）、问卷（survey）或得分率（rate）',
  );
}

/** Σ share × level weight, with its terms written out. */
function weigh(
  shares: readonly (readonly [string, Rat])[],
  levels: readonly SurveyLevel[],
  text: Text,
): Rate | Failure {
  const { num, show } = text;
  let value = ZERO;
  const terms: string[] = [];
  for (const [label, s] of shares) {
    const level = levels.find((l) => l.label === label);
    if (level === undefined) {
      return problem(
        'unknown-level',
        `选项“${label}”不在答案等级中（${levels.map((l) => l.label).join('、')}）`,
      );
    }
    value = add(value, mul(s, level.weight));
    terms.push(`${show(s, true)}×${num(level.weight)}`);
  }
  if (terms.length === 0) return problem('likert-no-data', '问卷没有任何选项占比');
  return { value, note: `${terms.join(' + ')} = ${rateText(value, text)}` };
}

function fromSurvey(
  survey: Survey,
  questionId: string | undefined,
  levels: readonly SurveyLevel[],
  text: Text,
): Rate | Failure {
  const named = `问卷“${survey.name}”`;
  const questions =
    questionId === undefined ? survey.questions : survey.questions.filter((q) => q.id === questionId);
  if (questionId !== undefined && questions.length === 0)
    return problem('unknown-question', `${named}中没有题目“${questionId}”`);
  if (questions.length === 0) return problem('survey-empty', `${named}没有题目`);
  const rates: Rate[] = [];
  for (const q of questions) {
    if (q.shares.size === 0 && q.rate !== undefined) {
      rates.push({
        value: q.rate,
        note: `${named}题目“${q.text ?? q.id}”得分率 ${rateText(q.rate, text)}，`,
      });
      continue;
    }
    const r = weigh([...q.shares.entries()], levels, text);
    if (isProblem(r)) return r;
    rates.push({ value: r.value, note: `${named}题目“${q.text ?? q.id}”：${r.note}，` });
  }
  const [only] = rates;
  if (only !== undefined && rates.length === 1) return only;
  const mean = div(
    rates.reduce((acc, r) => add(acc, r.value), ZERO),
    fromInt(rates.length),
  );
  return {
    value: mean,
    note: `${named}各题得分率 ${rates.map((r) => rateText(r.value, text)).join('、')} 的平均 = ${rateText(mean, text)}，`,
  };
}

/** "89.90%" when exact to 2 places (as reports print it), else up to 4 places. */
function rateText(rate: Rat, text: Text): string {
  if (text === SILENT) return '';
  const { pct } = text;
  const percent = mul(rate, HUNDRED);
  return eq(roundHalfUp(percent, 2), percent) ? pct(rate) : `${toPlain(percent, 4)}%`;
}

/**
 * A questionnaire's results from counts per level: each question's shares (份数 ÷ 有效答卷数), its
 * 得分率 = Σ share × level weight, and the overall satisfaction = the mean of the answered
 * questions' 得分率 (as the likert method averages a survey's questions). All exact; the text forms
 * are rounded half-up (四舍五入) to 2 places of a percentage, and say so in their name.
 */
import {
  HUNDRED,
  type Rat,
  ZERO,
  add,
  div,
  fromInt,
  mul,
  roundHalfUp,
  toFixed,
  toRat,
} from '../decimal/index.ts';
import type { Answers, Counts, SurveyDef } from './types.ts';

export interface QuestionResult {
  id: string;
  text: string;
  /** Answers of this question (online and paper). */
  total: number;
  /** Per level, in the order of the levels. */
  counts: number[];
  shares: Rat[];
  /** undefined when nobody answered. */
  rate: Rat | undefined;
}

export interface SurveyResults {
  questions: QuestionResult[];
  /** Mean of the answered questions' 得分率; undefined when none was answered. */
  overall: Rat | undefined;
}

/** Zero counts for every question and level. */
export function emptyCounts(def: SurveyDef): Counts {
  return Object.fromEntries(def.questions.map((q) => [q.id, def.levels.map(() => 0)]));
}

/** Online answers tallied per question and level. */
export function tally(def: SurveyDef, answers: readonly Answers[]): Counts {
  const out = emptyCounts(def);
  for (const a of answers)
    for (const q of def.questions) {
      const i = def.levels.findIndex((l) => l.label === a[q.id]);
      const row = out[q.id];
      if (i >= 0 && row !== undefined) row[i] = (row[i] ?? 0) + 1;
    }
  return out;
}

/** Two tallies added level by level (online + paper). */
export function addCounts(def: SurveyDef, a: Counts, b: Counts): Counts {
  return Object.fromEntries(
    def.questions.map((q) => [q.id, def.levels.map((_, i) => (a[q.id]?.[i] ?? 0) + (b[q.id]?.[i] ?? 0))]),
  );
}

export function levelWeights(def: SurveyDef): Rat[] {
  return def.levels.map((l) => toRat(l.weight) ?? ZERO);
}

export function surveyResults(def: SurveyDef, counts: Counts): SurveyResults {
  const weights = levelWeights(def);
  const questions = def.questions.map((q): QuestionResult => {
    const row = def.levels.map((_, i) => counts[q.id]?.[i] ?? 0);
    const total = row.reduce((s, n) => s + n, 0);
    const shares = row.map((n) => (total === 0 ? ZERO : { n: BigInt(n), d: BigInt(total) }));
    const rate =
      total === 0 ? undefined : shares.reduce((acc, s, i) => add(acc, mul(s, weights[i] ?? ZERO)), ZERO);
    return { id: q.id, text: q.text, total, counts: row, shares, rate };
  });
  const rates = questions.flatMap((q) => (q.rate === undefined ? [] : [q.rate]));
  const overall =
    rates.length === 0
      ? undefined
      : div(
          rates.reduce((acc, r) => add(acc, r), ZERO),
          fromInt(rates.length),
        );
  return { questions, overall };
}

/** A fraction as a percentage rounded half-up to 2 places: 0.89895 → "89.90%". */
export function percentHalfUp2(r: Rat): string {
  return `${toFixed(roundHalfUp(mul(r, HUNDRED), 2), 2)}%`;
}

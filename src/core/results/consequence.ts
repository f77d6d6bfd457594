/**
 * Budget linkage (预算挂钩): the range of next year's budget a grade implies under a rule such as
 * “优、良不调整；中调减 10%–30%；差调减 30% 以上”. Exact decimals; amounts rounded half-up
 * (四舍五入) to 2 places. A grade the rule does not name is a value with a code, not a throw.
 */
import {
  HUNDRED,
  ONE,
  type Rat,
  ZERO,
  div,
  formatAmount,
  isNegative,
  mul,
  parseDecimal,
  roundHalfUp,
  sub,
  toPlain,
} from '../decimal/index.ts';

/** One grade's consequence: a cut of next year's budget from `minCut`% to `maxCut`% (null: no upper limit). */
export interface ConsequenceBand {
  grade: string;
  /** Smallest cut, percent of this year's budget, "0" … "100" (decimal text). */
  minCut: string;
  /** Largest cut, percent; null: “以上”, the budget may be cut down to nothing. */
  maxCut: string | null;
  /** Optional wording of the measure (e.g. “约谈单位负责人”). */
  note?: string;
}

export interface ConsequenceRule {
  bands: ConsequenceBand[];
}

/** The default, after the common local rules: 优、良 unchanged, 中 −10% to −30%, 差 −30% or more. */
export const DEFAULT_CONSEQUENCE_RULE: ConsequenceRule = {
  bands: [
    { grade: '优', minCut: '0', maxCut: '0' },
    { grade: '良', minCut: '0', maxCut: '0' },
    { grade: '中', minCut: '10', maxCut: '30' },
    { grade: '差', minCut: '30', maxCut: null },
  ],
};

/** The band in words: “中：下一年度预算调减 10% 至 30%”. */
export function bandText(band: ConsequenceBand): string {
  const { grade, minCut, maxCut } = band;
  let what: string;
  if (maxCut === null) what = `下一年度预算调减 ${minCut}% 以上`;
  else if (maxCut === '0' && minCut === '0') what = '下一年度预算不调整';
  else if (minCut === maxCut) what = `下一年度预算调减 ${minCut}%`;
  else what = `下一年度预算调减 ${minCut}% 至 ${maxCut}%`;
  return `${grade}：${what}${band.note ? `，${band.note}` : ''}`;
}

/** The whole rule in words, grades joined by “；”. */
export const ruleText = (rule: ConsequenceRule): string => rule.bands.map(bandText).join('；');

export type Consequence =
  | {
      ok: true;
      grade: string;
      budget: Rat;
      /** Next year's budget at the smallest cut (the upper end of the range). */
      highest: Rat;
      /** At the largest cut; 0 when the rule sets no upper limit. */
      lowest: Rat;
      band: ConsequenceBand;
      /** The rule quoted: the band's wording. */
      quote: string;
    }
  | { ok: false; code: 'grade-not-in-rule' | 'negative-budget'; grade: string };

const percentOf = (text: string): Rat => div(parseDecimal(text) ?? ZERO, HUNDRED);

/** Budget × (1 − cut%), half-up to 2 places. */
const afterCut = (budget: Rat, cut: string): Rat => roundHalfUp(mul(budget, sub(ONE, percentOf(cut))), 2);

/** The range of next year's budget for `grade` given this year's `budget` (元). */
export function budgetConsequence(rule: ConsequenceRule, grade: string, budget: Rat): Consequence {
  if (isNegative(budget)) return { ok: false, code: 'negative-budget', grade };
  const band = rule.bands.find((b) => b.grade === grade);
  if (band === undefined) return { ok: false, code: 'grade-not-in-rule', grade };
  return {
    ok: true,
    grade,
    budget,
    highest: afterCut(budget, band.minCut),
    lowest: band.maxCut === null ? roundHalfUp(ZERO, 2) : afterCut(budget, band.maxCut),
    band,
    quote: bandText(band),
  };
}

/** The consequence in one sentence: “评价等级为中，按规则“中：…”，下一年度预算为 A 元至 B 元。” */
export function consequenceText(c: Consequence & { ok: true }): string {
  const hi = formatAmount(c.highest);
  const lo = formatAmount(c.lowest);
  const range = hi === lo ? `${hi} 元` : `${lo} 元至 ${hi} 元`;
  return `评价等级为${c.grade}，按规则“${c.quote}”，以本年度预算 ${formatAmount(c.budget)} 元计，下一年度预算为 ${range}。`;
}

/** JSON form: amounts as fixed 2-place text. */
export function consequenceToJson(c: Consequence): Record<string, unknown> {
  if (!c.ok) return { ok: false, code: c.code, grade: c.grade };
  return {
    ok: true,
    grade: c.grade,
    budget: toPlain(c.budget, 2),
    highest: formatFixed(c.highest),
    lowest: formatFixed(c.lowest),
    band: c.band,
    quote: c.quote,
    text: consequenceText(c),
  };
}

const formatFixed = (r: Rat): string => formatAmount(r).replaceAll(',', '');

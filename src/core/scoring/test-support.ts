import { WRITTEN } from './support.ts';
/**
 * Test-only builders for scoring contexts: quantities, targets and contexts from short texts
 * ("≥5538人", "95.35%", "31.98万元"). Kept free of node:* imports so any test may reuse it.
 */
import { type Rat, parseDecimal, toPlain } from '../decimal/index.ts';
import type { Survey, SurveyLevel, Target, TargetOp } from '../model.ts';
import type { MethodInput, MethodType } from '../schema/methods.ts';
import type { MethodContext, MethodOutcome, OtherIndicator, ResolvedActual } from './types.ts';
import type { Quant, QuantTarget } from './support.ts';

/** The parameters of one method, for typing test fixtures. */
export type Params<K extends MethodType> = Extract<MethodInput, { type: K }>;

/** An exact decimal from text ("0.01", "7,202,507.26"); throws on anything else. */
export function r(text: string): Rat {
  const v = parseDecimal(text);
  if (v === undefined) throw new TypeError(`not a decimal: ${text}`);
  return v;
}

const NUMBER = /^([+-]?[\d,]*\.?\d+)\s*(%?)\s*(.*)$/;

/** "1808人" → 1808 人; "95.35%" → 0.9535 percent. */
export function qty(text: string): Quant {
  const m = NUMBER.exec(text.trim());
  if (!m) throw new TypeError(`not a quantity: ${text}`);
  const value = r(m[1] ?? '');
  const percent = m[2] === '%';
  const unit = percent ? '%' : (m[3] ?? '') || undefined;
  return {
    kind: 'quantity',
    value: percent ? { n: value.n, d: value.d * 100n } : value,
    unit,
    percent,
    text: text.trim(),
  };
}

const OPS: [string, TargetOp][] = [
  ['≥', '>='],
  ['≤', '<='],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

/** "≥5538人", "≤100%", "=33.46万元", "80%~100%" (range), or a bare "80" (≥). */
export function target(text: string): QuantTarget {
  const t = text.trim();
  const [lo, hi] = t.split('~');
  if (lo !== undefined && hi !== undefined) {
    const a = qty(lo);
    const b = qty(hi);
    return {
      kind: 'quantity',
      op: 'range',
      value: a.value,
      max: b.value,
      unit: b.unit,
      percent: b.percent,
      text: t,
    };
  }
  const found = OPS.find(([sym]) => t.startsWith(sym));
  const op = found?.[1] ?? '>=';
  const q = qty(found ? t.slice(found[0].length) : t);
  return { kind: 'quantity', op, value: q.value, unit: q.unit, percent: q.percent, text: t };
}

/** A quantity from an exact value (a fraction when percent). */
export function quantity(value: Rat, percent = false): Quant {
  const text = percent ? `${toPlain({ n: value.n * 100n, d: value.d })}%` : toPlain(value);
  return { kind: 'quantity', value, unit: percent ? '%' : undefined, percent, text };
}

/** A numeric target from an exact value. */
export function quantTarget(op: TargetOp, value: Rat, percent = false): QuantTarget {
  const sym = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', range: '' }[op];
  return {
    kind: 'quantity',
    op,
    value,
    unit: percent ? '%' : undefined,
    percent,
    text: `${sym}${quantity(value, percent).text}`,
  };
}

/** A text actual ("按要求完成"). */
export function textActual(text: string): ResolvedActual {
  return { kind: 'text', text };
}

export const NO_ACTUAL: ResolvedActual = { kind: 'none' };

export interface CtxOptions {
  /** "3" or an exact value. */
  weight: string | Rat;
  /** A target text (numeric), { text } for a qualitative target, or a built target. */
  target?: string | { text: string } | Target | undefined;
  /** An actual text (numeric), or a resolved actual. */
  actual?: string | ResolvedActual | undefined;
  name?: string | undefined;
  surveys?: Survey[] | undefined;
  others?: OtherIndicator[] | undefined;
}

/** A method context from short texts. */
export function ctx(o: CtxOptions): MethodContext {
  const actual: ResolvedActual =
    o.actual === undefined ? NO_ACTUAL : typeof o.actual === 'string' ? qty(o.actual) : o.actual;
  const tgt: Target | undefined =
    o.target === undefined
      ? undefined
      : typeof o.target === 'string'
        ? target(o.target)
        : 'kind' in o.target
          ? o.target
          : { kind: 'text', text: o.target.text };
  const others = new Map((o.others ?? []).map((x) => [x.code, x]));
  return {
    code: 'T1',
    text: WRITTEN,
    name: o.name ?? '测试指标',
    weight: typeof o.weight === 'string' ? r(o.weight) : o.weight,
    target: tgt,
    actual,
    rawActual: actual,
    surveys: o.surveys ?? [],
    lookup: (code) => others.get(code),
  };
}

/** Another indicator for over-target refs. */
export function other(code: string, name: string, targetText: string, actualText: string): OtherIndicator {
  return { code, name, target: target(targetText), actual: qty(actualText) };
}

/** A survey with one level set and questions given as label → "82.69%" maps. */
export function survey(
  id: string,
  questions: Record<string, Record<string, string>>,
  levels?: SurveyLevel[],
): Survey {
  return {
    id,
    name: `问卷${id}`,
    levels: levels ?? [],
    questions: Object.entries(questions).map(([qid, shares]) => ({
      id: qid,
      shares: new Map(Object.entries(shares).map(([label, s]) => [label, qty(s).value])),
    })),
  };
}

type Ok = Extract<MethodOutcome, { ok: true }>;
type Failed = Extract<MethodOutcome, { ok: false }>;

/** The successful outcome, or an Error naming the problem. */
export function ok(outcome: MethodOutcome): Ok {
  if (!outcome.ok)
    throw new Error(`expected a score, got problem ${outcome.problem.code}: ${outcome.problem.message}`);
  return outcome;
}

/** The problem of a failed outcome, or an Error. */
export function failed(outcome: MethodOutcome): Failed['problem'] {
  if (outcome.ok) throw new Error(`expected a problem, got ${toPlain(outcome.raw)}`);
  return outcome.problem;
}

/** The raw score as exact text ("9.5577…" rounded to 10 places when it does not terminate). */
export function raw(outcome: MethodOutcome): string {
  return toPlain(ok(outcome).raw);
}

/** note + formula, the explanation without "= result". */
export function explain(outcome: MethodOutcome): string {
  const o = ok(outcome);
  return (o.note ?? '') + o.formula;
}

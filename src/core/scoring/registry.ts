/**
 * The table of scoring methods (评分方法), keyed by their stable codes.
 *
 * Recipe to add a method:
 * 1. Schema: add its zod object to src/core/schema/methods.ts and to the `Method` union; its
 *    `type` literal is the stable code (kebab-case), never renamed once published.
 * 2. Code: src/core/scoring/<code>.ts exporting `ScoringMethod<'<code>'>` (camelCase const):
 *    receive params and the context, return the unrounded raw score with its formula, or a
 *    problem value (missing data, zero denominator …) — never throw for bad data, never round.
 * 3. Register it below; the `satisfies` clause fails to compile until every code has its method.
 * 4. Tests: <code>.test.ts beside it (a seed or official example with its exact raw value, edge
 *    cases: zero denominator, missing and text actual, target exceeded, the explanation text),
 *    using test-support.ts; add its invariants (score within [0, w], monotonicity) to laws.test.ts.
 * 5. Docs: a section in docs/scoring-methods.md (rule, parameters, a worked example, the source rule).
 */
import type { MethodInput, MethodType } from '../schema/methods.ts';
import { band } from './band.ts';
import { deduction } from './deduction.ts';
import { elements } from './elements.ts';
import { grade } from './grade.ts';
import { likert } from './likert.ts';
import { manual } from './manual.ts';
import { overTarget } from './over-target.ts';
import { proportional } from './proportional.ts';
import { threshold } from './threshold.ts';
import { tiers } from './tiers.ts';
import type { MethodContext, MethodOutcome, ScoringMethod } from './types.ts';

type MethodTable = { [K in MethodType]: ScoringMethod<K> };

export const methods = {
  proportional,
  band,
  threshold,
  deduction,
  elements,
  likert,
  tiers,
  grade,
  'over-target': overTarget,
  manual,
} satisfies MethodTable;

type ParamMap = { [K in MethodType]: Extract<MethodInput, { type: K }> };
/**
 * The table seen through an indexed mapped type: for a generic K, `scorers[K].score` then takes
 * exactly `ParamMap[K]`, so dispatch is checked without a cast.
 */
type Scorers = { [K in MethodType]: { score: (params: ParamMap[K], ctx: MethodContext) => MethodOutcome } };
const scorers: Scorers = methods;

function run<K extends MethodType>(type: K, params: ParamMap[K], ctx: MethodContext): MethodOutcome {
  return scorers[type].score(params, ctx);
}

/** Scores one indicator with the method its params name. */
export function scoreWithMethod(params: MethodInput, ctx: MethodContext): MethodOutcome {
  return run(params.type, params, ctx);
}

/** The Chinese name of a method (完成比例, 区间插值 …). */
export function methodLabel(type: MethodType): string {
  return methods[type].label;
}

/**
 * The contract of a scoring method (评分方法). One method per file, registered in registry.ts
 * under its stable code. A method receives its inputs and returns the unrounded score with the
 * formula that produced it; the engine clamps to [0, weight], applies the rounding policy and
 * writes "<formula> = <score>".
 */
import type { Rat } from '../decimal/index.ts';
import type { Actual, Quantity, Survey, Target } from '../model.ts';
import type { MethodInput, MethodType } from '../schema/methods.ts';
import type { Text } from './support.ts';

/** The actual value after ratios were resolved: a quantity, a text, or nothing. */
export type ResolvedActual =
  ({ kind: 'quantity' } & Quantity) | { kind: 'text'; text: string } | { kind: 'none' };

export interface OtherIndicator {
  code: string;
  name: string;
  target?: Target | undefined;
  actual: ResolvedActual;
}

export interface MethodContext {
  code: string;
  name: string;
  weight: Rat;
  target?: Target | undefined;
  actual: ResolvedActual;
  /** The unresolved actual as written, for messages. */
  rawActual: Actual;
  surveys: readonly Survey[];
  /** Formatters for the explanation (silent when the caller wants no explanations). */
  text: Text;
  /** Another indicator of the same evaluation, by code (for over-target refs). */
  lookup: (code: string) => OtherIndicator | undefined;
}

/** Why a method could not score; `code` keys the message catalogue, `message` is Chinese. */
export interface MethodProblem {
  code: string;
  message: string;
}

export type MethodOutcome =
  | {
      ok: true;
      /** Unrounded score; the engine clamps it to [0, weight] and rounds. */
      raw: Rat;
      /** The formula with the numbers put in, without "= result" ("3 × (215 ÷ 300 − 60%) ÷ 40%"). */
      formula: string;
      /** Optional lead-in before the formula (Chinese), e.g. "目标 ≥2000人，完成 1808人；". */
      note?: string | undefined;
    }
  | { ok: false; problem: MethodProblem };

export interface ScoringMethod<T extends MethodType = MethodType> {
  type: T;
  /** Chinese name shown to users (完成比例, 区间插值 …). */
  label: string;
  score: (params: Extract<MethodInput, { type: T }>, ctx: MethodContext) => MethodOutcome;
}

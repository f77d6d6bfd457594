/** Shared helpers of the audit checks: formatting in the evaluation's units, stated-vs-computed comparison. */
import {
  type Rat,
  add,
  eq,
  formatPercent,
  roundHalfUp,
  roundTruncate,
  toFixed,
  toPlain,
} from '../decimal/index.ts';
import { formatMoney } from '../amounts.ts';
import type { Evaluation, IndicatorNode, Statement } from '../model.ts';
import type { ScoreResult, ScoredNode } from '../result.ts';
import { FINDING_KINDS, type Finding, type FindingKind, type Severity } from './finding.ts';

export interface AuditContext {
  result: ScoreResult;
  ev: Evaluation;
  findings: Finding[];
}

export function report(
  ctx: AuditContext,
  severity: Severity,
  kind: FindingKind,
  location: string,
  message: string,
  extra: {
    stated?: string | undefined;
    computed?: string | undefined;
    quote?: string | undefined;
    where?: string | undefined;
  } = {},
): void {
  ctx.findings.push({ severity, kind, location, message, ...extra });
}

export function kindLabel(kind: FindingKind): string {
  return FINDING_KINDS[kind];
}

/** A score as text: 2 decimals (the policy's places), trailing zeros kept ("4.80"). */
export function scoreText(ev: Evaluation, r: Rat): string {
  return toFixed(r, ev.rules.rounding.places);
}

/** A number as stated, exact ("4.8", "92.5"). */
export function plain(r: Rat): string {
  return toPlain(r, 6);
}

/** Money in the evaluation's unit ("31.98万元", "7,202,507.26元"). */
export function money(ev: Evaluation, yuan: Rat): string {
  return formatMoney(yuan, ev.amountUnit);
}

/** A ratio shown with at least `places` decimals of percent. */
export function percent(r: Rat, places = 2): string {
  return formatPercent(r, places);
}

/** The statement a sum check relies on: the first table statement with a score, else the first with a score. */
export function primaryScore(stated: readonly Statement[]): Statement | undefined {
  return (
    stated.find((s) => s.score !== undefined && s.source === 'table') ??
    stated.find((s) => s.score !== undefined)
  );
}

/**
 * What the document's own figures give for a node: its stated score, or — for a group the document
 * gives no score — the sum of its children's; undefined when some leaf has no stated score.
 */
export function documentSum(s: ScoredNode): Rat | undefined {
  const stated = primaryScore(s.node.stated)?.score;
  if (stated !== undefined || s.children.length === 0) return stated;
  let total: Rat = { n: 0n, d: 1n };
  for (const c of s.children) {
    const v = documentSum(c);
    if (v === undefined) return undefined;
    total = add(total, v);
  }
  return total;
}

/** A node's score as the document has it (primary statement), else as computed. */
export function documentScore(s: ScoredNode): Rat {
  return primaryScore(s.node.stated)?.score ?? s.score;
}

/**
 * Does a stated rate (printed with `places` percent decimals) agree with the exact ratio?
 * 'exact': half-up at the printed precision; 'truncated': only by dropping digits; false: neither.
 */
export function rateAgreement(stated: Rat, places: number, exact: Rat): 'exact' | 'truncated' | false {
  if (eq(roundHalfUp(exact, places + 2), stated)) return 'exact';
  if (eq(roundTruncate(exact, places + 2), stated)) return 'truncated';
  return false;
}

export function quoteOf(s: { quote: string; where?: string | undefined }): {
  quote: string;
  where?: string | undefined;
} {
  return { quote: s.quote, where: s.where };
}

/** "第3页：‘…’ — " style lead for messages that cite the document. */
export function cite(s: { quote: string; where?: string | undefined }): string {
  return `${s.where ? `${s.where}：` : ''}“${s.quote}”`;
}

export function nodeLabel(n: IndicatorNode): string {
  return `${n.code} ${n.name}`;
}

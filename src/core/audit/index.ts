/**
 * The consistency audit: everything a published report states, checked against the data, the rules
 * and itself. Findings are values (severity, kind, location, Chinese message, stated vs computed).
 */
import type { ScoreResult } from '../result.ts';
import { checkClaims } from './checks/claims.ts';
import { checkProblems } from './checks/problems.ts';
import { leafSamples, sameRuleFindings } from './checks/same-rule.ts';
import { checkStatements } from './checks/statements.ts';
import { checkStructure } from './checks/structure.ts';
import { checkTargets } from './checks/targets.ts';
import { checkTotals } from './checks/totals.ts';
import type { AuditContext } from './context.ts';
import type { Finding, Severity } from './finding.ts';

export type { Finding, FindingKind, Severity } from './finding.ts';
export { FINDING_KINDS } from './finding.ts';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sorted(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

export function auditEvaluation(result: ScoreResult): Finding[] {
  const ctx: AuditContext = { result, ev: result.evaluation, findings: [] };
  checkStructure(ctx);
  checkStatements(ctx);
  checkTotals(ctx);
  checkClaims(ctx);
  checkTargets(ctx);
  checkProblems(ctx);
  ctx.findings.push(...sameRuleFindings(leafSamples(result)));
  return sorted(ctx.findings);
}

/** Checks across evaluations (a department's units): the same rule and input must score alike. */
export function auditAcross(results: readonly { name: string; result: ScoreResult }[]): Finding[] {
  const samples = results.flatMap((r) => leafSamples(r.result, `${r.name}:`));
  const within = new Set(
    results.flatMap((r) =>
      sameRuleFindings(leafSamples(r.result, `${r.name}:`)).map((f) => f.location + f.message),
    ),
  );
  return sorted(sameRuleFindings(samples).filter((f) => !within.has(f.location + f.message)));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

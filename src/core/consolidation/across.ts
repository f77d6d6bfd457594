/**
 * 跨单位核查: the core's cross-evaluation audit (the same rule and the same input must give the same
 * score in every unit) with each finding naming the units it compares. The audit locates samples by
 * a prefix; the units are passed under markers that no name can contain, then named.
 */
import { auditAcross } from '../audit/index.ts';
import type { Finding } from '../audit/finding.ts';
import type { UnitScore } from './types.ts';

export interface CrossFinding extends Omit<Finding, 'location'> {
  /** The indicator code. */
  code: string;
  /** The unit the finding is located at (the one whose score disagrees) first, then the others. */
  units: { key: string; name: string }[];
}

const marker = (i: number): string => `\uE000${String(i)}\uE001`;
const MARKER = /\uE000(\d+)\uE001:/g;

export function crossUnitFindings(units: readonly UnitScore[]): CrossFinding[] {
  const findings = auditAcross(units.map((u, i) => ({ name: marker(i), result: u.result })));
  return findings.map((f) => {
    const named = (text: string): string =>
      text.replace(MARKER, (_m, i: string) => `${units[Number(i)]?.name ?? ''} `);
    const located = [...f.location.matchAll(MARKER)].map((m) => Number(m[1]));
    const mentioned = [...f.message.matchAll(MARKER)].map((m) => Number(m[1]));
    const order = [...new Set([...located, ...mentioned])];
    const { location, message, ...rest } = f;
    return {
      ...rest,
      code: location.replace(MARKER, ''),
      message: named(message),
      units: order.map((i) => ({ key: units[i]?.key ?? '', name: units[i]?.name ?? '' })),
    };
  });
}

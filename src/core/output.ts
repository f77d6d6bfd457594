/**
 * The stable, documented JSON shapes of `score --json` and `audit --json` (docs/cli.md).
 * Numbers are strings with fixed decimals so that no consumer reads them as binary floats.
 */
import { formatPercent, toFixed, toPlain } from './decimal/index.ts';
import type { Finding } from './audit/finding.ts';
import { flatten } from './engine.ts';
import { computeRatios } from './ratios.ts';
import type { ScoreResult, ScoredNode } from './result.ts';

export interface IndicatorJson {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  weight: string;
  score: string;
  /** 得分率, "92.31%"; null when the weight is 0. */
  rate: string | null;
  explanation: string;
  status: ScoredNode['status'];
  method: string | null;
  computed?: string;
  override?: { score: string; reason: string; by?: string; at?: string };
}

export interface ScoreJson {
  unit: string;
  fiscalYear: number;
  kind: string;
  mode: string;
  total: string;
  totalWeight: string;
  grade: string;
  rounding: { mode: string; places: number };
  indicators: IndicatorJson[];
  ratios: { code: string; scope: string | null; name: string; value: string | null; explanation: string }[];
}

export function scoreToJson(result: ScoreResult): ScoreJson {
  const ev = result.evaluation;
  const places = ev.rules.rounding.places;
  const parents = new Map<string, string>();
  for (const n of flatten(result.roots)) for (const c of n.children) parents.set(c.node.code, n.node.code);
  return {
    unit: ev.unit.name,
    fiscalYear: ev.fiscalYear,
    kind: ev.kind,
    mode: ev.mode,
    total: toFixed(result.total, places),
    totalWeight: toPlain(result.totalWeight, places),
    grade: result.grade,
    rounding: { ...ev.rules.rounding },
    indicators: flatten(result.roots).map((s) => {
      const out: IndicatorJson = {
        code: s.node.code,
        name: s.node.name,
        level: s.node.level,
        parent: parents.get(s.node.code) ?? null,
        weight: toPlain(s.effectiveWeight, places),
        score: toFixed(s.score, places),
        rate: s.rate === null ? null : formatPercent(s.rate),
        explanation: s.explanation,
        status: s.status,
        method: s.node.method?.type ?? null,
      };
      if (s.computed !== undefined && s.status === 'override') out.computed = toFixed(s.computed, places);
      const o = s.node.override;
      if (o) {
        out.override = { score: toFixed(o.score, places), reason: o.reason };
        if (o.by !== undefined) out.override.by = o.by;
        if (o.at !== undefined) out.override.at = o.at;
      }
      return out;
    }),
    ratios: computeRatios(ev).map((r) => ({
      code: r.code,
      scope: r.scope ?? null,
      name: r.name,
      value: r.value === null ? null : formatPercent(r.value),
      explanation: r.explanation,
    })),
  };
}

export interface AuditJson {
  findings: {
    severity: Finding['severity'];
    kind: Finding['kind'];
    location: string;
    message: string;
    stated: string | null;
    computed: string | null;
    quote: string | null;
    where: string | null;
  }[];
  counts: { error: number; warning: number; info: number };
}

export function auditToJson(findings: readonly Finding[]): AuditJson {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    findings: findings.map((f) => ({
      severity: f.severity,
      kind: f.kind,
      location: f.location,
      message: f.message,
      stated: f.stated ?? null,
      computed: f.computed ?? null,
      quote: f.quote ?? null,
      where: f.where ?? null,
    })),
    counts,
  };
}

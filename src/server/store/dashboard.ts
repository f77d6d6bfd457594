/**
 * The dashboard's figures (统计分析) for the evaluations a user may see in a year: each one's total
 * and grade, the 得分率 of its level-1 groups, and its budget execution — computed from the stored
 * files by the core, exactly as a single evaluation's score is.
 */
import { div, fromInt, sum, toFixed, toRat } from '../../core/decimal/index.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import { scoreToJson } from '../../core/output.ts';
import type { Queryable } from '../db/database.ts';
import { listEvaluations } from './evaluations.ts';
import type { Actor } from './scope.ts';

export interface DashboardGroup {
  code: string;
  name: string;
  weight: string;
  score: string;
  /** 得分率 "92.31%", null when the weight is 0. */
  rate: string | null;
}

export interface DashboardRow {
  id: number;
  title: string;
  organisationId: number;
  organisationName: string;
  fiscalYear: number;
  kind: string;
  status: string;
  total: string;
  grade: string;
  groups: DashboardGroup[];
  /** 预算执行率 "95.40%", null when the budget does not give it. */
  executionRate: string | null;
}

export interface Dashboard {
  /** The years that have evaluations the user may see, newest first. */
  years: number[];
  fiscalYear: number | null;
  /** The mean total, exact and rounded half-up to 2 places; null without rows. */
  average: string | null;
  rows: DashboardRow[];
  /** Evaluations whose file could not be scored (named, not counted in the figures). */
  failed: { id: number; title: string; message: string }[];
}

export async function dashboard(db: Queryable, actor: Actor, fiscalYear?: number): Promise<Dashboard> {
  const all = await listEvaluations(db, actor);
  const years = [...new Set(all.map((e) => e.fiscalYear))].sort((a, b) => b - a);
  const year = fiscalYear ?? years[0] ?? null;
  const chosen = all.filter((e) => e.fiscalYear === year);
  const docs = new Map<number, unknown>();
  if (chosen.length > 0) {
    const r = await db.query<{ id: number; document: unknown }>(
      'select id, document from evaluations where id = any($1::int[])',
      [chosen.map((e) => e.id)],
    );
    for (const row of r.rows) docs.set(row.id, row.document);
  }
  const rows: DashboardRow[] = [];
  const failed: Dashboard['failed'] = [];
  for (const e of chosen) {
    try {
      const score = scoreToJson(scoreEvaluation(parseEvaluation(docs.get(e.id)), { explanations: false }));
      rows.push({
        id: e.id,
        title: e.title,
        organisationId: e.organisationId,
        organisationName: e.organisationName,
        fiscalYear: e.fiscalYear,
        kind: e.kind,
        status: e.status,
        total: score.total,
        grade: score.grade,
        groups: score.indicators
          .filter((i) => i.level === 1)
          .map((i) => ({ code: i.code, name: i.name, weight: i.weight, score: i.score, rate: i.rate })),
        executionRate:
          score.ratios.find((r) => r.code === 'executionRate' && r.scope === null)?.value ?? null,
      });
    } catch (err) {
      failed.push({
        id: e.id,
        title: e.title,
        message: err instanceof Error ? err.message.slice(0, 200) : String(err),
      });
    }
  }
  const totals = rows.map((r) => toRat(r.total)).filter((t) => t !== undefined);
  const average = totals.length === 0 ? null : toFixed(div(sum(totals), fromInt(totals.length)), 2);
  return { years, fiscalYear: year, average, rows, failed };
}

/**
 * 汇总与排名 in the store: the overall evaluations (部门/单位整体支出) an actor may see are loaded in
 * one scoped query, each stored document scored by the core, and the pure consolidation functions
 * (src/core/consolidation) applied to the results. No calculation runs in SQL.
 *
 * One evaluation stands for an organisation in a year: the one furthest along the workflow (归档 >
 * 定稿 > … > 草稿), the newest of equals; the others are left out. Who sees what is the store's scope:
 * a department its own and its units', a finance bureau its region, a unit itself; a third-party
 * evaluator sees no consolidation (403).
 */
import { inAmountUnit } from '../../core/amounts.ts';
import { FINDING_KINDS } from '../../core/audit/index.ts';
import { type Rat, formatPercent, toFixed } from '../../core/decimal/index.ts';
import {
  type ConsolidatedJson,
  type ConsolidationRule,
  type CrossFindingJson,
  type RankedJson,
  type RowJson,
  type SideBySideRow,
  type TieRule,
  type UnitFiguresJson,
  type UnitScore,
  RULE_NAMES,
  consolidate,
  crossUnitFindings,
  executionRateOf,
  overYears,
  problemMessage,
  rank,
  sideBySide,
} from '../../core/consolidation/index.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import type { AmountUnit } from '../../core/model.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import type { ScoreResult } from '../../core/result.ts';
import { STATUSES, type Status } from '../auth/index.ts';
import type { Queryable } from '../db/database.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import { type Organisation, organisationVisible, visibleOrganisations } from './accounts.ts';
import { scopedConditions } from './evaluations.ts';
import { type Actor, evaluationScope } from './scope.ts';

// ---------------------------------------------------------------- JSON shapes (numbers as text)

export type { CellJson, CrossFindingJson, RowJson } from '../../core/consolidation/index.ts';

export interface UnitJson extends UnitFiguresJson {
  organisationId: number;
  evaluationId: number;
  title: string;
  status: Status;
}

export interface Skipped {
  organisationId: number;
  name: string;
  /** Why it is not in the figures (no evaluation that year, or a file that cannot be scored). */
  reason: string;
}

export interface ConsolidationJson {
  department: { id: number; name: string };
  fiscalYear: number;
  amountUnit: AmountUnit;
  units: UnitJson[];
  rows: RowJson[];
  consolidated: ConsolidatedJson;
  findings: CrossFindingJson[];
  skipped: Skipped[];
}

export interface RankingRowJson extends RankedJson {
  organisationId: number;
  kind: Organisation['kind'];
  evaluationId: number;
  status: Status;
}

export interface RankingJson {
  fiscalYear: number;
  ties: TieRule;
  rows: RankingRowJson[];
  skipped: Skipped[];
}

export interface YearsJson {
  organisation: { id: number; name: string };
  years: number[];
  rows: RowJson[];
  totals: { fiscalYear: number; evaluationId: number; total: string; grade: string }[];
  skipped: Skipped[];
}

export interface ConsolidationOptions {
  organisations: Organisation[];
  years: number[];
}

// ---------------------------------------------------------------- loading

interface Loaded {
  evaluationId: number;
  organisationId: number;
  name: string;
  kind: Organisation['kind'];
  parentId: number | null;
  region: string;
  fiscalYear: number;
  status: Status;
  title: string;
  document: unknown;
}

interface Scored extends Loaded {
  result: ScoreResult;
}

function allowed(actor: Actor): void {
  if (actor.role === 'evaluator') throw forbidden('第三方评价机构不能查看汇总与排名');
}

const OVERALL = `e.kind in ('department', 'unit')`;

/** The overall evaluations in scope, one per organisation and year (see the header). */
async function loadOverall(
  db: Queryable,
  actor: Actor,
  filter: { organisationIds?: number[]; fiscalYear?: number },
): Promise<Loaded[]> {
  const { where, params, add } = scopedConditions(actor);
  where.push(OVERALL);
  if (filter.organisationIds !== undefined) add('e.organisation_id = any(?::int[])', filter.organisationIds);
  if (filter.fiscalYear !== undefined) add('e.fiscal_year = ?', filter.fiscalYear);
  const r = await db.query<{
    id: number;
    organisation_id: number;
    name: string;
    org_kind: Organisation['kind'];
    parent_id: number | null;
    region: string;
    fiscal_year: number;
    status: Status;
    title: string;
    document: unknown;
  }>(
    `select e.id, e.organisation_id, o.name, o.kind as org_kind, o.parent_id, o.region, e.fiscal_year,
            e.status, e.title, e.document
       from evaluations e join organisations o on o.id = e.organisation_id
      where ${where.join(' and ')} order by e.id`,
    params,
  );
  const chosen = new Map<string, Loaded>();
  for (const row of r.rows) {
    const item: Loaded = {
      evaluationId: row.id,
      organisationId: row.organisation_id,
      name: row.name,
      kind: row.org_kind,
      parentId: row.parent_id,
      region: row.region,
      fiscalYear: row.fiscal_year,
      status: row.status,
      title: row.title,
      document: row.document,
    };
    const key = `${String(item.organisationId)}/${String(item.fiscalYear)}`;
    const held = chosen.get(key);
    if (held === undefined || STATUSES.indexOf(item.status) >= STATUSES.indexOf(held.status))
      chosen.set(key, item);
  }
  return [...chosen.values()];
}

/** Scores each document with the core; the ones that cannot be scored are named, not counted. */
function scoreAll(items: readonly Loaded[]): { scored: Scored[]; skipped: Skipped[] } {
  const scored: Scored[] = [];
  const skipped: Skipped[] = [];
  for (const item of items) {
    try {
      scored.push({
        ...item,
        result: scoreEvaluation(parseEvaluation(item.document), { explanations: false }),
      });
    } catch (e) {
      skipped.push({
        organisationId: item.organisationId,
        name: item.name,
        reason: `评价文件无法评分：${e instanceof Error ? e.message.slice(0, 200) : String(e)}`,
      });
    }
  }
  return { scored, skipped };
}

// ---------------------------------------------------------------- formatting

const fixed = (r: Rat): string => toFixed(r, 2);
const pct = (r: Rat | null): string | null => (r === null ? null : formatPercent(r));
const money = (r: Rat | undefined, unit: AmountUnit): string | null =>
  r === undefined ? null : toFixed(inAmountUnit(r, unit), 2);

function rowsJson(rows: readonly SideBySideRow[]): RowJson[] {
  return rows.map((row) => ({
    code: row.code,
    level: row.level,
    name: row.name,
    sameName: row.sameName,
    cells: row.cells.map((c) =>
      c === null ? null : { name: c.name, weight: fixed(c.weight), score: fixed(c.score), rate: pct(c.rate) },
    ),
  }));
}

// ---------------------------------------------------------------- the three views

/** A department with its units, side by side, consolidated, and audited across units. */
export async function departmentConsolidation(
  db: Queryable,
  actor: Actor,
  departmentId: number,
  fiscalYear: number,
  rule: ConsolidationRule,
): Promise<ConsolidationJson> {
  allowed(actor);
  const department = await organisationVisible(db, actor, departmentId);
  if (department === undefined) throw notFound('组织');
  if (department.kind !== 'department')
    throw badInput(`“${department.name}”不是主管部门，没有下属单位可汇总`, [
      { path: 'id', message: '应为主管部门' },
    ]);
  const members = (
    await db.query<{ id: number; name: string }>(
      'select id, name from organisations where id = $1 or parent_id = $1 order by (id = $1) desc, id',
      [departmentId],
    )
  ).rows;
  const loaded = await loadOverall(db, actor, {
    organisationIds: members.map((m) => m.id),
    fiscalYear,
  });
  const { scored, skipped } = scoreAll(loaded);
  const byOrg = new Map(scored.map((s) => [s.organisationId, s]));
  const present = members.flatMap((m) => {
    const s = byOrg.get(m.id);
    return s === undefined ? [] : [s];
  });
  for (const m of members)
    if (!loaded.some((l) => l.organisationId === m.id))
      skipped.push({
        organisationId: m.id,
        name: m.name,
        reason: `${String(fiscalYear)} 年度没有整体支出评价`,
      });
  const units: UnitScore[] = present.map((s) => ({
    key: String(s.organisationId),
    name: s.name,
    result: s.result,
  }));
  const amountUnit = present[0]?.result.evaluation.amountUnit ?? '万元';
  const c = consolidate(units, rule);
  return {
    department: { id: department.id, name: department.name },
    fiscalYear,
    amountUnit,
    units: present.map((s, i) => {
      const f = c.units[i];
      return {
        organisationId: s.organisationId,
        name: s.name,
        evaluationId: s.evaluationId,
        title: s.title,
        status: s.status,
        annual: money(f?.annual, amountUnit),
        executed: money(f?.executed, amountUnit),
        executionRate: pct(f?.executionRate ?? null),
        total: fixed(s.result.total),
        totalWeight: fixed(s.result.totalWeight),
        grade: s.result.grade,
      };
    }),
    rows: rowsJson(sideBySide(units)),
    consolidated: {
      rule,
      ruleName: RULE_NAMES[rule],
      annual: money(c.annual, amountUnit),
      executed: money(c.executed, amountUnit),
      executionRate: pct(c.executionRate),
      score: c.score === null ? null : fixed(c.score),
      grade: c.grade,
      problem: c.problem === undefined ? null : problemMessage(c.problem),
    },
    findings: crossUnitFindings(units).map((f) => ({
      severity: f.severity,
      kind: f.kind,
      kindName: FINDING_KINDS[f.kind],
      code: f.code,
      message: f.message,
      stated: f.stated ?? null,
      computed: f.computed ?? null,
      units: f.units.map((u) => ({ organisationId: Number(u.key), name: u.name })),
    })),
    skipped,
  };
}

/** Every organisation the actor sees with an overall evaluation that year, ranked by total. */
export async function ranking(
  db: Queryable,
  actor: Actor,
  fiscalYear: number,
  opts: { ties?: TieRule; region?: string } = {},
): Promise<RankingJson> {
  allowed(actor);
  const ties = opts.ties ?? 'competition';
  const region = opts.region;
  const loaded = (await loadOverall(db, actor, { fiscalYear })).filter(
    (l) => region === undefined || l.region.startsWith(region),
  );
  const { scored, skipped } = scoreAll(loaded);
  const parents = new Map<number, string>();
  const parentIds = [...new Set(scored.map((s) => s.parentId).filter((p) => p !== null))];
  if (parentIds.length > 0)
    for (const p of (
      await db.query<{ id: number; name: string }>(
        'select id, name from organisations where id = any($1::int[])',
        [parentIds],
      )
    ).rows)
      parents.set(p.id, p.name);
  const ranked = rank(
    scored.map((s) => ({ key: String(s.organisationId), name: s.name, total: s.result.total, s })),
    ties,
  );
  return {
    fiscalYear,
    ties,
    rows: ranked.map((r) => ({
      rank: r.rank,
      tied: r.tied,
      organisationId: r.s.organisationId,
      name: r.s.name,
      kind: r.s.kind,
      parentName: r.s.parentId === null ? null : (parents.get(r.s.parentId) ?? null),
      region: r.s.region,
      evaluationId: r.s.evaluationId,
      status: r.s.status,
      total: fixed(r.s.result.total),
      grade: r.s.result.grade,
      executionRate: pct(executionRateOf(r.s.result)),
    })),
    skipped,
  };
}

/** One organisation's indicators over the years it has overall evaluations (optionally from…to). */
export async function organisationYears(
  db: Queryable,
  actor: Actor,
  organisationId: number,
  range: { from?: number; to?: number } = {},
): Promise<YearsJson> {
  allowed(actor);
  const org = await organisationVisible(db, actor, organisationId);
  if (org === undefined) throw notFound('组织');
  const loaded = (await loadOverall(db, actor, { organisationIds: [organisationId] })).filter(
    (l) =>
      (range.from === undefined || l.fiscalYear >= range.from) &&
      (range.to === undefined || l.fiscalYear <= range.to),
  );
  const { scored, skipped } = scoreAll(loaded);
  const table = overYears(scored.map((s) => ({ fiscalYear: s.fiscalYear, result: s.result })));
  const idOf = new Map(scored.map((s) => [s.fiscalYear, s.evaluationId]));
  return {
    organisation: { id: org.id, name: org.name },
    years: table.years,
    rows: rowsJson(table.rows),
    totals: table.totals.map((t) => ({
      fiscalYear: t.fiscalYear,
      evaluationId: idOf.get(t.fiscalYear) ?? 0,
      total: fixed(t.total),
      grade: t.grade,
    })),
    skipped,
  };
}

/** What the page offers to choose from: the organisations in scope and the years with evaluations. */
export async function consolidationOptions(db: Queryable, actor: Actor): Promise<ConsolidationOptions> {
  allowed(actor);
  const scope = evaluationScope(actor, 1);
  const years = await db.query<{ fiscal_year: number }>(
    `select distinct e.fiscal_year from evaluations e join organisations o on o.id = e.organisation_id
      where ${scope.sql} and ${OVERALL} order by e.fiscal_year desc`,
    scope.params,
  );
  return {
    organisations: (await visibleOrganisations(db, actor)).filter(
      (o) => o.kind === 'department' || o.kind === 'unit',
    ),
    years: years.rows.map((y) => y.fiscal_year),
  };
}

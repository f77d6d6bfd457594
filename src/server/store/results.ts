/**
 * Use of results (结果应用) in the database: rectification items (整改事项) of an evaluation, read
 * within the actor's scope; created and planned (text, owner, deadline) by the department, the
 * finance bureau or an admin over the evaluation; their progress (state, measures, result) filled
 * in by the unit too. Open items of last year's evaluation of the same organisation are carried
 * into this year's. And the budget-consequence rule (预算挂钩规则), kept with its history.
 * Every change is logged with before and after. `today` (yyyy-mm-dd) is given by the caller's clock.
 */
import {
  type ConsequenceRule,
  DEFAULT_CONSEQUENCE_RULE,
  type ItemChange,
  type ItemField,
  PLAN_FIELDS,
  RECTIFICATION_STATUS_NAMES,
  type RectificationItem,
  type RectificationState,
  type RectificationStatus,
  draftsFromEvaluation,
  parseConsequenceRule,
  readItemFields,
  rectificationStatus,
} from '../../core/results/index.ts';
import { InputError, parseEvaluation } from '../../core/normalize.ts';
import type { Role } from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { badInput, forbidden, invalidInput, notFound } from '../errors.ts';
import { type EvaluationRecord, getEvaluation, logChange, scopedConditions } from './evaluations.ts';
import { type Actor, evaluationScope } from './scope.ts';

/** Who plans rectification (creates items, sets owners and deadlines): 主管部门, 财政, 管理员. */
const PLANNERS: readonly Role[] = ['admin', 'finance', 'department'];
/** Who may also report progress on items in scope: 单位 (its own evaluations only, by scope). */
const REPORTERS: readonly Role[] = [...PLANNERS, 'unit'];
/** Who keeps the budget-consequence rule. */
const RULE_KEEPERS: readonly Role[] = ['admin', 'finance'];

export interface ItemView extends RectificationItem {
  /** 待整改 / 整改中 / 已整改 / 逾期, as of today. */
  status: RectificationStatus;
  statusName: string;
  evaluationTitle: string;
  organisationId: number;
  organisationName: string;
  fiscalYear: number;
  updatedAt: string;
}

interface Row {
  id: number;
  evaluation_id: number;
  source: string;
  text: string;
  problem: string;
  owner_unit: string;
  owner_person: string;
  deadline: string;
  state: RectificationState;
  measures: string;
  result: string;
  updated_at: Date;
  title: string;
  organisation_id: number;
  organisation_name: string;
  fiscal_year: number;
}

const COLUMNS = `r.id, r.evaluation_id, r.source, r.text, r.problem, r.owner_unit, r.owner_person,
  to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.state, r.measures, r.result, r.updated_at,
  e.title, e.organisation_id, o.name as organisation_name, e.fiscal_year`;
const FROM = `rectifications r join evaluations e on e.id = r.evaluation_id
  join organisations o on o.id = e.organisation_id`;

function view(r: Row, today: string): ItemView {
  const item: RectificationItem = {
    id: r.id,
    evaluationId: r.evaluation_id,
    source: r.source,
    text: r.text,
    problem: r.problem,
    ownerUnit: r.owner_unit,
    ownerPerson: r.owner_person,
    deadline: r.deadline,
    state: r.state,
    measures: r.measures,
    result: r.result,
  };
  const status = rectificationStatus(item, today);
  return {
    ...item,
    status,
    statusName: RECTIFICATION_STATUS_NAMES[status],
    evaluationTitle: r.title,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    fiscalYear: r.fiscal_year,
    updatedAt: r.updated_at.toISOString(),
  };
}

function need(actor: Actor, roles: readonly Role[], message?: string): void {
  if (!roles.includes(actor.role)) throw forbidden(message);
}

function fields(body: Record<string, unknown>, required: readonly ItemField[]): ItemChange {
  const read = readItemFields(body, required);
  if (!read.ok) throw invalidInput('整改事项', read.issues);
  return read.change;
}

export interface ItemFilter {
  fiscalYear?: number;
  organisationId?: number;
  evaluationId?: number;
  status?: RectificationStatus;
}

/** Items of the evaluations the actor may see, by year (newest first), organisation and deadline. */
export async function listItems(
  db: Queryable,
  actor: Actor,
  filter: ItemFilter,
  today: string,
): Promise<ItemView[]> {
  const { where, params, add } = scopedConditions(actor);
  if (filter.fiscalYear !== undefined) add('e.fiscal_year = ?', filter.fiscalYear);
  if (filter.organisationId !== undefined) add('e.organisation_id = ?', filter.organisationId);
  if (filter.evaluationId !== undefined) add('e.id = ?', filter.evaluationId);
  const r = await db.query<Row>(
    `select ${COLUMNS} from ${FROM} where ${where.join(' and ')}
      order by e.fiscal_year desc, o.name, e.id, r.deadline, r.id`,
    params,
  );
  const items = r.rows.map((row) => view(row, today));
  return filter.status === undefined ? items : items.filter((i) => i.status === filter.status);
}

/** The items of one evaluation the actor may see (404 when it may not). */
export async function evaluationItems(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
  today: string,
): Promise<ItemView[]> {
  await getEvaluation(db, actor, evaluationId);
  return listItems(db, actor, { evaluationId }, today);
}

async function itemInScope(db: Queryable, actor: Actor, id: number, today: string): Promise<ItemView> {
  const scope = evaluationScope(actor, 2);
  const r = await db.query<Row>(`select ${COLUMNS} from ${FROM} where r.id = $1 and ${scope.sql}`, [
    id,
    ...scope.params,
  ]);
  const row = r.rows[0];
  if (row === undefined) throw notFound('整改事项');
  return view(row, today);
}

async function insert(
  tx: Queryable,
  actor: Actor,
  evaluationId: number,
  item: ItemChange & { text: string; deadline: string; source: string },
): Promise<number | undefined> {
  const r = await tx.query<{ id: number }>(
    `insert into rectifications (evaluation_id, source, text, problem, owner_unit, owner_person, deadline,
       state, measures, result, created_by, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     on conflict (evaluation_id, source) where source <> 'manual' do nothing returning id`,
    [
      evaluationId,
      item.source,
      item.text,
      item.problem ?? '',
      item.ownerUnit ?? '',
      item.ownerPerson ?? '',
      item.deadline,
      item.state ?? 'pending',
      item.measures ?? '',
      item.result ?? '',
      actor.id,
    ],
  );
  const id = r.rows[0]?.id;
  if (id !== undefined)
    await logChange(tx, {
      actor,
      evaluationId,
      entity: 'rectification',
      entityId: id,
      action: 'create',
      after: item,
    });
  return id;
}

/** The evaluation items are to be created in: by a planner (403), within scope (404). */
async function evaluationToPlan(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
): Promise<EvaluationRecord> {
  need(actor, PLANNERS, '只有主管部门、财政或管理员可以新建整改事项');
  return getEvaluation(db, actor, evaluationId);
}

/** A rectification item written by hand: text and deadline required. */
export async function createItem(
  db: Database,
  actor: Actor,
  evaluationId: number,
  body: Record<string, unknown>,
  today: string,
): Promise<ItemView> {
  await evaluationToPlan(db, actor, evaluationId);
  const change = fields(body, ['text', 'deadline']);
  const { text, deadline } = change;
  if (text === undefined || deadline === undefined) throw new Error('required fields missing');
  const id = await db.transaction((tx) =>
    insert(tx, actor, evaluationId, { ...change, text, deadline, source: 'manual' }),
  );
  if (id === undefined) throw new Error('insert returned nothing');
  return itemInScope(db, actor, id, today);
}

function documentOf(ev: EvaluationRecord): { problems: { text: string }[]; suggestions: { text: string }[] } {
  try {
    return parseEvaluation(ev.document);
  } catch (e) {
    if (e instanceof InputError) throw badInput('评价文件有误，无法读取存在问题和建议');
    throw e;
  }
}

/**
 * Items from the evaluation's problems and suggestions (存在问题, 有关建议), all with the owner and
 * deadline given; those already made from the same problem or suggestion are skipped.
 */
export async function createFromProblems(
  db: Database,
  actor: Actor,
  evaluationId: number,
  body: Record<string, unknown>,
  today: string,
): Promise<{ created: ItemView[]; skipped: number }> {
  const ev = await evaluationToPlan(db, actor, evaluationId);
  const extra = Object.keys(body).filter((k) => !['deadline', 'ownerUnit', 'ownerPerson'].includes(k));
  if (extra.length > 0)
    throw badInput(
      `不认识的字段：${extra.join('、')}`,
      extra.map((path) => ({ path, message: '不认识的字段' })),
    );
  const change = fields(body, ['deadline']);
  const deadline = change.deadline;
  if (deadline === undefined) throw new Error('deadline missing');
  const drafts = draftsFromEvaluation(documentOf(ev));
  if (drafts.length === 0)
    throw badInput('该评价没有列出存在问题或建议', [{ path: 'document.problems', message: '没有存在问题' }]);
  const ids = await db.transaction(async (tx) => {
    const out: number[] = [];
    for (const d of drafts) {
      const id = await insert(tx, actor, evaluationId, { ...change, ...d, deadline });
      if (id !== undefined) out.push(id);
    }
    return out;
  });
  const all = await listItems(db, actor, { evaluationId }, today);
  return { created: all.filter((i) => ids.includes(i.id)), skipped: drafts.length - ids.length };
}

/**
 * Changes an item: planners any field, a unit only the progress (state, measures, result) of its
 * own evaluations' items.
 */
export async function updateItem(
  db: Database,
  actor: Actor,
  id: number,
  body: Record<string, unknown>,
  today: string,
): Promise<ItemView> {
  need(actor, REPORTERS, '当前角色无权修改整改事项');
  const current = await itemInScope(db, actor, id, today);
  const change = fields(body, []);
  if (!PLANNERS.includes(actor.role)) {
    const planned = PLAN_FIELDS.filter((f) => change[f] !== undefined);
    if (planned.length > 0)
      throw forbidden(`单位只能填报整改进展（状态、措施、结果），不能修改：${planned.join('、')}`);
  }
  const columns: Record<ItemField, string> = {
    text: 'text',
    problem: 'problem',
    ownerUnit: 'owner_unit',
    ownerPerson: 'owner_person',
    deadline: 'deadline',
    state: 'state',
    measures: 'measures',
    result: 'result',
  };
  const entries = Object.entries(change) as [ItemField, string][];
  if (entries.length === 0) return current;
  await db.transaction(async (tx) => {
    const sets = entries.map(([k], i) => `${columns[k]} = $${String(i + 3)}`);
    await tx.query(
      `update rectifications set ${sets.join(', ')}, updated_by = $2, updated_at = now() where id = $1`,
      [id, actor.id, ...entries.map(([, v]) => v)],
    );
    const before = Object.fromEntries(entries.map(([k]) => [k, current[k]]));
    await logChange(tx, {
      actor,
      evaluationId: current.evaluationId,
      entity: 'rectification',
      entityId: id,
      action: 'update',
      before,
      after: change,
    });
  });
  return itemInScope(db, actor, id, today);
}

export async function deleteItem(db: Database, actor: Actor, id: number, today: string): Promise<void> {
  need(actor, PLANNERS, '只有主管部门、财政或管理员可以删除整改事项');
  const current = await itemInScope(db, actor, id, today);
  await db.transaction(async (tx) => {
    await tx.query('delete from rectifications where id = $1', [id]);
    await logChange(tx, {
      actor,
      evaluationId: current.evaluationId,
      entity: 'rectification',
      entityId: id,
      action: 'delete',
      before: current,
    });
  });
}

/**
 * The open items (not 已整改) of last year's evaluations of the same organisation, shown in this
 * year's so the evaluator follows them up. Project evaluations match by title (the project's name);
 * department and unit evaluations by organisation alone.
 */
export async function carriedOver(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
  today: string,
): Promise<{ fromYear: number; items: ItemView[] }> {
  const ev = await getEvaluation(db, actor, evaluationId);
  const r = await db.query<Row>(
    `select ${COLUMNS} from ${FROM}
      where e.organisation_id = $1 and e.fiscal_year = $2 and r.state <> 'done'
        and ((e.kind = 'project') = ($3 = 'project')) and ($3 <> 'project' or e.title = $4)
      order by e.id, r.deadline, r.id`,
    [ev.organisationId, ev.fiscalYear - 1, ev.kind, ev.title],
  );
  return { fromYear: ev.fiscalYear - 1, items: r.rows.map((row) => view(row, today)) };
}

export interface StoredRule {
  rule: ConsequenceRule;
  /** Who saved it and when; null for the built-in default. */
  updatedBy: string | null;
  updatedAt: string | null;
  isDefault: boolean;
}

/** The rule in force: the newest saved, or the built-in default. */
export async function currentRule(db: Queryable): Promise<StoredRule> {
  const r = await db.query<{ rule: unknown; username: string | null; created_at: Date }>(
    `select b.rule, u.username, b.created_at from budget_rules b left join users u on u.id = b.created_by
      order by b.id desc limit 1`,
  );
  const row = r.rows[0];
  const parsed = row === undefined ? undefined : parseConsequenceRule(row.rule);
  if (row === undefined || parsed === undefined || !parsed.ok)
    return { rule: DEFAULT_CONSEQUENCE_RULE, updatedBy: null, updatedAt: null, isDefault: true };
  return {
    rule: parsed.rule,
    updatedBy: row.username,
    updatedAt: row.created_at.toISOString(),
    isDefault: false,
  };
}

export async function saveRule(db: Database, actor: Actor, input: unknown): Promise<StoredRule> {
  need(actor, RULE_KEEPERS, '只有财政或管理员可以修改预算挂钩规则');
  const parsed = parseConsequenceRule(input);
  if (!parsed.ok) throw invalidInput('预算挂钩规则', parsed.issues);
  const before = await currentRule(db);
  await db.transaction(async (tx) => {
    await tx.query('insert into budget_rules (rule, created_by) values ($1, $2)', [
      JSON.stringify(parsed.rule),
      actor.id,
    ]);
    await tx.query(
      `insert into change_log (user_id, entity, entity_id, action, before, after)
       values ($1, 'budget-rule', null, 'update', $2, $3)`,
      [actor.id, JSON.stringify(before.rule), JSON.stringify(parsed.rule)],
    );
  });
  return currentRule(db);
}

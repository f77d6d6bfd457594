/**
 * Evaluations in the database: created from a template or a file, read and listed within the
 * actor's scope, saved with optimistic concurrency (a stale version is refused with 409 and
 * nothing is written), moved through the workflow, and every change logged with before and after.
 * The score of the current version is kept beside the document (exact numerics).
 */
import { InputError, parseEvaluation } from '../../core/normalize.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import { toPlain } from '../../core/decimal/index.ts';
import type { ScoreResult } from '../../core/result.ts';
import { getTemplate } from './templates.ts';
import {
  type Action,
  STATUS_NAMES,
  type Status,
  type WorkflowAction,
  can,
  editable,
  immutable,
  permissionFor,
  transition,
} from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ServiceError, badInput, conflict, forbidden, notFound } from '../errors.ts';
import { organisationVisible } from './accounts.ts';
import { type Actor, evaluationScope } from './scope.ts';

export type { Status, WorkflowAction };

export interface EvaluationSummary {
  id: number;
  organisationId: number;
  organisationName: string;
  fiscalYear: number;
  kind: string;
  mode: string;
  title: string;
  status: Status;
  version: number;
  total: string | null;
  totalWeight: string | null;
  grade: string | null;
  updatedAt: string;
}

export interface EvaluationRecord extends EvaluationSummary {
  document: unknown;
}

interface Row {
  id: number;
  organisation_id: number;
  organisation_name: string;
  fiscal_year: number;
  kind: string;
  mode: string;
  title: string;
  status: Status;
  version: number;
  total: string | null;
  total_weight: string | null;
  grade: string | null;
  updated_at: Date;
  document?: unknown;
}

const COLUMNS = `e.id, e.organisation_id, o.name as organisation_name, e.fiscal_year, e.kind, e.mode, e.title,
  e.status, e.version, e.total, e.total_weight, e.grade, e.updated_at`;

function summary(r: Row): EvaluationSummary {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    fiscalYear: r.fiscal_year,
    kind: r.kind,
    mode: r.mode,
    title: r.title,
    status: r.status,
    version: r.version,
    total: r.total,
    totalWeight: r.total_weight,
    grade: r.grade,
    updatedAt: r.updated_at.toISOString(),
  };
}

function need(actor: Actor, action: Action): void {
  if (!can(actor.role, action)) throw forbidden();
}

/** Validates and scores a document: the parsed file's facts and score, or 400 naming the fields. */
export function checkDocument(document: unknown): { result: ScoreResult; title: string } {
  let ev;
  try {
    ev = parseEvaluation(document);
  } catch (e) {
    if (e instanceof InputError)
      throw badInput(
        `评价文件有误：${e.issues.map((i) => `${i.path}：${i.message}`).join('；')}`,
        e.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })),
      );
    throw e;
  }
  const result = scoreEvaluation(ev, { explanations: false });
  const title =
    ev.project?.name ??
    `${ev.unit.name}${String(ev.fiscalYear)}年度${ev.kind === 'project' ? '项目' : '部门整体'}支出绩效评价`;
  return { result, title };
}

function scoreColumns(result: ScoreResult): [string, string, string] {
  return [toPlain(result.total, 2), toPlain(result.totalWeight, 2), result.grade];
}

/**
 * A row of the change log: who did what to an evaluation, or to something of it (`entity` and
 * `entityId`; the evaluation itself when not given), with the state before and after.
 */
export async function logChange(
  tx: Queryable,
  entry: {
    actor: Actor | null;
    evaluationId: number;
    entity?: string;
    entityId?: number;
    action: string;
    reason?: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await tx.query(
    `insert into change_log (user_id, evaluation_id, entity, entity_id, action, reason, before, after)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.actor?.id ?? null,
      entry.evaluationId,
      entry.entity ?? 'evaluation',
      String(entry.entityId ?? entry.evaluationId),
      entry.action,
      entry.reason ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

export interface NewEvaluation {
  organisationId: number;
  /** A built-in template id (see `jixiao templates`), or a whole evaluation file. */
  templateId?: string;
  fiscalYear?: number;
  mode?: string;
  document?: unknown;
}

export async function createEvaluation(
  db: Database,
  actor: Actor | null,
  input: NewEvaluation,
): Promise<EvaluationRecord> {
  if (actor) need(actor, 'evaluation:create');
  const org = actor
    ? await organisationVisible(db, actor, input.organisationId)
    : (
        await db.query<{ name: string }>('select name from organisations where id = $1', [
          input.organisationId,
        ])
      ).rows[0];
  if (org === undefined) throw notFound('组织');
  let document = input.document;
  if (input.templateId !== undefined) {
    const template = (await getTemplate(db, input.templateId))?.template;
    if (template === undefined)
      throw badInput(`没有模板“${input.templateId}”`, [{ path: 'templateId', message: '未知模板' }]);
    document = template.build({
      unitName: org.name,
      fiscalYear: input.fiscalYear,
      mode: input.mode as never,
    });
  }
  if (document === undefined)
    throw badInput('请给出 templateId 或 document', [{ path: 'document', message: '缺少评价文件或模板' }]);
  const { result, title } = checkDocument(document);
  const ev = result.evaluation;
  const [total, totalWeight, grade] = scoreColumns(result);
  const id = await db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into evaluations (organisation_id, fiscal_year, kind, mode, title, document, total, total_weight, grade, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        input.organisationId,
        ev.fiscalYear,
        ev.kind,
        ev.mode,
        title,
        JSON.stringify(document),
        total,
        totalWeight,
        grade,
        actor?.id ?? null,
      ],
    );
    const newId = r.rows[0]?.id;
    if (newId === undefined) throw new Error('insert returned nothing');
    await tx.query(
      `insert into evaluation_versions (evaluation_id, version, status, document, created_by) values ($1, 1, 'draft', $2, $3)`,
      [newId, JSON.stringify(document), actor?.id ?? null],
    );
    await logChange(tx, { actor, evaluationId: newId, action: 'create', after: { document, total, grade } });
    return newId;
  });
  const created = await fetchEvaluation(db, id);
  if (created === undefined) throw new Error('created evaluation not found');
  return created;
}

async function fetchEvaluation(db: Queryable, id: number): Promise<EvaluationRecord | undefined> {
  const r = await db.query<Row>(
    `select ${COLUMNS}, e.document from evaluations e join organisations o on o.id = e.organisation_id where e.id = $1`,
    [id],
  );
  const row = r.rows[0];
  return row === undefined ? undefined : { ...summary(row), document: row.document };
}

/** One evaluation the actor may see, or 404. */
export async function getEvaluation(db: Queryable, actor: Actor, id: number): Promise<EvaluationRecord> {
  need(actor, 'evaluation:read');
  const scope = evaluationScope(actor, 2);
  const r = await db.query<Row>(
    `select ${COLUMNS}, e.document from evaluations e join organisations o on o.id = e.organisation_id
      where e.id = $1 and ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('评价');
  return { ...summary(row), document: row.document };
}

/** What an evaluation's answer depends on: version, status and last change; 404 out of scope. */
/** What a read of an evaluation depends on: its version, status and last change. */
export interface Stamp {
  version: number;
  status: Status;
  updatedAt: string;
}

export async function evaluationStamp(db: Queryable, actor: Actor, id: number): Promise<Stamp> {
  need(actor, 'evaluation:read');
  const scope = evaluationScope(actor, 2);
  const r = await db.query<{ version: number; status: Status; updated_at: Date }>(
    `select e.version, e.status, e.updated_at from evaluations e join organisations o on o.id = e.organisation_id
      where e.id = $1 and ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('评价');
  return { version: row.version, status: row.status, updatedAt: row.updated_at.toISOString() };
}

/** One evaluation with its document as the stored JSON text (sent as it is, not re-serialised). */
export async function getEvaluationText(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<EvaluationSummary & { document: string }> {
  need(actor, 'evaluation:read');
  const scope = evaluationScope(actor, 2);
  const r = await db.query<Row & { document_text: string }>(
    `select ${COLUMNS}, e.document::text as document_text from evaluations e
       join organisations o on o.id = e.organisation_id where e.id = $1 and ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('评价');
  return { ...summary(row), document: row.document_text };
}

export interface ListFilter {
  fiscalYear?: number;
  organisationId?: number;
  kind?: string;
  status?: string;
}

/**
 * The conditions of a query over the evaluations (`e`) the actor may see, and `add` for more: each
 * a condition with one `?` for its value.
 */
export function scopedConditions(actor: Actor): {
  where: string[];
  params: unknown[];
  add: (sql: string, value: unknown) => void;
} {
  const scope = evaluationScope(actor, 1);
  const params: unknown[] = [...scope.params];
  const where = [scope.sql];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    where.push(sql.replace('?', `$${String(params.length)}`));
  };
  return { where, params, add };
}

export async function listEvaluations(
  db: Queryable,
  actor: Actor,
  filter: ListFilter = {},
): Promise<EvaluationSummary[]> {
  need(actor, 'evaluation:read');
  const { where, params, add } = scopedConditions(actor);
  if (filter.fiscalYear !== undefined) add('e.fiscal_year = ?', filter.fiscalYear);
  if (filter.organisationId !== undefined) add('e.organisation_id = ?', filter.organisationId);
  if (filter.kind !== undefined) add('e.kind = ?', filter.kind);
  if (filter.status !== undefined) add('e.status = ?', filter.status);
  const r = await db.query<Row>(
    `select ${COLUMNS} from evaluations e join organisations o on o.id = e.organisation_id
      where ${where.join(' and ')} order by e.fiscal_year desc, o.region, o.name, e.id`,
    params,
  );
  return r.rows.map(summary);
}

/** Saves a new version of the document; `version` is the version the client edited. */
export async function updateEvaluation(
  db: Database,
  actor: Actor,
  id: number,
  version: number,
  document: unknown,
): Promise<EvaluationRecord> {
  need(actor, 'evaluation:edit');
  const current = await getEvaluation(db, actor, id);
  if (immutable(current.status))
    throw conflict(`评价已${STATUS_NAMES[current.status]}，不能修改；如需修改请新建版本`, {
      status: current.status,
    });
  if (!editable(current.status))
    throw conflict(`评价当前状态为“${STATUS_NAMES[current.status]}”，不能修改`, {
      currentStatus: current.status,
    });
  if (current.version !== version)
    throw conflict(
      `评价已被他人修改（当前为第 ${String(current.version)} 版，您编辑的是第 ${String(version)} 版），请刷新后再保存`,
      {
        version: current.version,
      },
    );
  const { result, title } = checkDocument(document);
  const ev = result.evaluation;
  const [total, totalWeight, grade] = scoreColumns(result);
  await db.transaction(async (tx) => {
    const r = await tx.query(
      `update evaluations set document = $3, version = version + 1, fiscal_year = $4, kind = $5, mode = $6, title = $7,
              total = $8, total_weight = $9, grade = $10, updated_at = now()
        where id = $1 and version = $2 and status in ('draft', 'returned')`,
      [
        id,
        version,
        JSON.stringify(document),
        ev.fiscalYear,
        ev.kind,
        ev.mode,
        title,
        total,
        totalWeight,
        grade,
      ],
    );
    // another save got in between the read and this write
    if (r.rowCount === 0) throw conflict('评价已被他人修改，请刷新后再保存');
    await tx.query(
      'insert into evaluation_versions (evaluation_id, version, status, document, created_by) values ($1, $2, $3, $4, $5)',
      [id, version + 1, current.status, JSON.stringify(document), actor.id],
    );
    await logChange(tx, {
      actor,
      evaluationId: id,
      action: 'update',
      before: { version, document: current.document, total: current.total, grade: current.grade },
      after: { version: version + 1, document, total, grade },
    });
  });
  return getEvaluation(db, actor, id);
}

export async function deleteEvaluation(
  db: Database,
  actor: Actor,
  id: number,
  version: number,
): Promise<void> {
  need(actor, 'evaluation:delete');
  const current = await getEvaluation(db, actor, id);
  if (current.status !== 'draft')
    throw conflict(`只有草稿可以删除（当前状态：${STATUS_NAMES[current.status]}）`);
  if (current.version !== version)
    throw conflict('评价已被他人修改，请刷新后再删除', { version: current.version });
  await db.transaction(async (tx) => {
    const r = await tx.query("delete from evaluations where id = $1 and version = $2 and status = 'draft'", [
      id,
      version,
    ]);
    if (r.rowCount === 0) throw conflict('评价已被他人修改，请刷新后再删除');
    await logChange(tx, {
      actor,
      evaluationId: id,
      action: 'delete',
      before: { version, document: current.document },
    });
  });
}

/** Moves an evaluation through the workflow (草稿 → 已提交 → 审核中 → 退回/已审核 → 定稿 → 归档). */
export async function moveEvaluation(
  db: Database,
  actor: Actor,
  id: number,
  action: WorkflowAction,
  reason?: string,
): Promise<EvaluationRecord> {
  need(actor, permissionFor(action));
  const current = await getEvaluation(db, actor, id);
  const next = transition(current.status, action, reason);
  if (!next.ok) throw conflict(next.message, { currentStatus: current.status });
  await db.transaction(async (tx) => {
    const r = await tx.query(
      'update evaluations set status = $3, updated_at = now() where id = $1 and status = $2',
      [id, current.status, next.status],
    );
    if (r.rowCount === 0) throw conflict('评价状态已被他人改变，请刷新后重试');
    // the version now carries its latest status: a finalised version stays findable as such
    await tx.query('update evaluation_versions set status = $3 where evaluation_id = $1 and version = $2', [
      id,
      current.version,
      next.status,
    ]);
    await logChange(tx, {
      actor,
      evaluationId: id,
      action,
      ...(reason === undefined ? {} : { reason }),
      before: { currentStatus: current.status },
      after: { status: next.status },
    });
  });
  return getEvaluation(db, actor, id);
}

export interface LogEntry {
  id: number;
  at: string;
  user: string | null;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

/** The change log of an evaluation the actor may see, oldest first. */
export async function evaluationLog(db: Queryable, actor: Actor, id: number): Promise<LogEntry[]> {
  await getEvaluation(db, actor, id);
  const r = await db.query<{
    id: number;
    at: Date;
    username: string | null;
    action: string;
    reason: string | null;
    before: unknown;
    after: unknown;
  }>(
    `select l.id, l.at, u.username, l.action, l.reason, l.before, l.after
       from change_log l left join users u on u.id = l.user_id
      where l.evaluation_id = $1 order by l.id`,
    [id],
  );
  return r.rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    user: row.username,
    action: row.action,
    reason: row.reason,
    before: row.before,
    after: row.after,
  }));
}

export { ServiceError };

/** Entrusts an evaluation to a third-party evaluator organisation (委托第三方评价). */
export async function assignEvaluation(
  db: Database,
  actor: Actor,
  id: number,
  organisationId: number,
): Promise<void> {
  need(actor, 'evaluation:assign');
  await getEvaluation(db, actor, id);
  const org = (
    await db.query<{ kind: string }>('select kind from organisations where id = $1', [organisationId])
  ).rows[0];
  if (org?.kind !== 'evaluator')
    throw badInput('只能委托给第三方评价机构', [{ path: 'organisationId', message: '应为第三方评价机构' }]);
  await db.transaction(async (tx) => {
    const r = await tx.query(
      'insert into assignments (evaluation_id, organisation_id) values ($1, $2) on conflict do nothing',
      [id, organisationId],
    );
    if (r.rowCount > 0)
      await logChange(tx, { actor, evaluationId: id, action: 'assign', after: { organisationId } });
  });
}

/**
 * A new version of a finalised evaluation (定稿后修改): the evaluation goes back to draft as the next
 * version, and the finalised version stays, whole, among its versions.
 */
export async function reviseEvaluation(
  db: Database,
  actor: Actor,
  id: number,
  reason: string | undefined,
): Promise<EvaluationRecord> {
  need(actor, 'evaluation:revise');
  const current = await getEvaluation(db, actor, id);
  if (current.status !== 'finalised')
    throw conflict(`只有定稿的评价可以新建版本（当前状态：${STATUS_NAMES[current.status]}）`, {
      status: current.status,
    });
  if (reason === undefined || reason.trim().length < 2)
    throw badInput('新建版本时须说明原因', [{ path: 'reason', message: '至少 2 个字' }]);
  await db.transaction(async (tx) => {
    const r = await tx.query(
      "update evaluations set status = 'draft', version = version + 1, updated_at = now() where id = $1 and version = $2 and status = 'finalised'",
      [id, current.version],
    );
    if (r.rowCount === 0) throw conflict('评价已被他人修改，请刷新后重试');
    await tx.query(
      "insert into evaluation_versions (evaluation_id, version, status, document, created_by) values ($1, $2, 'draft', $3, $4)",
      [id, current.version + 1, JSON.stringify(current.document), actor.id],
    );
    await logChange(tx, {
      actor,
      evaluationId: id,
      action: 'revise',
      reason: reason.trim(),
      before: { status: current.status, version: current.version },
      after: { status: 'draft', version: current.version + 1 },
    });
  });
  return getEvaluation(db, actor, id);
}

export interface VersionSummary {
  version: number;
  status: string;
  createdBy: string | null;
  createdAt: string;
}

/** The saved versions of an evaluation, newest first (the documents through GET …/versions/:v). */
export async function evaluationVersions(db: Queryable, actor: Actor, id: number): Promise<VersionSummary[]> {
  await getEvaluation(db, actor, id);
  const r = await db.query<{ version: number; status: string; username: string | null; created_at: Date }>(
    `select v.version, v.status, u.username, v.created_at from evaluation_versions v
       left join users u on u.id = v.created_by where v.evaluation_id = $1 order by v.version desc`,
    [id],
  );
  return r.rows.map((row) => ({
    version: row.version,
    status: row.status,
    createdBy: row.username,
    createdAt: row.created_at.toISOString(),
  }));
}

export async function evaluationVersion(
  db: Queryable,
  actor: Actor,
  id: number,
  version: number,
): Promise<unknown> {
  await getEvaluation(db, actor, id);
  const r = await db.query<{ document: unknown }>(
    'select document from evaluation_versions where evaluation_id = $1 and version = $2',
    [id, version],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('版本');
  return row.document;
}

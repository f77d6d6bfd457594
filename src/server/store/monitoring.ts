/**
 * 绩效目标申报表 and 双监控 checkpoints of an evaluation in the database. Reading needs what reading
 * the evaluation needs (its scope); writing needs 'evaluation:edit' and an evaluation that is not
 * finalised or archived. The sheet is saved with optimistic concurrency (its own version); every
 * write is one transaction with its change-log entry, so a refused write leaves nothing behind.
 */
import { can, immutable, STATUS_NAMES } from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { conflict, forbidden, invalidInput } from '../errors.ts';
import {
  type Checkpoint,
  type DeviationsJson,
  type Issue,
  type MonitoringMeta,
  type TargetSheet,
  deviationsJson,
  flagDeviations,
  prefillEvaluation,
  readCheckpoint,
  readTargetSheet,
} from '../../core/monitoring/index.ts';
import type { EvaluationInput } from '../../core/schema/evaluation.ts';
import {
  type EvaluationRecord,
  type EvaluationSummary,
  getEvaluation,
  logChange,
  updateEvaluation,
} from './evaluations.ts';
import type { Actor } from './scope.ts';

export interface StoredSheet {
  sheet: TargetSheet;
  version: number;
  updatedAt: string;
}

export interface Monitoring {
  evaluation: Pick<
    EvaluationSummary,
    'id' | 'title' | 'kind' | 'fiscalYear' | 'organisationName' | 'status' | 'version'
  >;
  targets: StoredSheet | null;
  /** By period, earliest first. */
  checkpoints: Checkpoint[];
  /** The deviations of each checkpoint, in the same order. */
  deviations: DeviationsJson[];
}

function refused(issues: readonly Issue[]): never {
  throw invalidInput('填报内容', issues);
}

async function writable(db: Queryable, actor: Actor, id: number): Promise<EvaluationRecord> {
  if (!can(actor.role, 'evaluation:edit')) throw forbidden();
  const ev = await getEvaluation(db, actor, id);
  if (immutable(ev.status))
    throw conflict(`评价已${STATUS_NAMES[ev.status]}，不能再修改绩效目标或监控情况`, { status: ev.status });
  return ev;
}

async function sheetOf(db: Queryable, id: number): Promise<StoredSheet | null> {
  const r = await db.query<{ sheet: TargetSheet; version: number; updated_at: Date }>(
    'select sheet, version, updated_at from monitoring_targets where evaluation_id = $1',
    [id],
  );
  const row = r.rows[0];
  return row === undefined
    ? null
    : { sheet: row.sheet, version: row.version, updatedAt: row.updated_at.toISOString() };
}

async function checkpointsOf(db: Queryable, id: number): Promise<Checkpoint[]> {
  const r = await db.query<{ checkpoint: Checkpoint }>(
    'select checkpoint from monitoring_checkpoints where evaluation_id = $1 order by months',
    [id],
  );
  return r.rows.map((row) => row.checkpoint);
}

export async function getMonitoring(db: Queryable, actor: Actor, id: number): Promise<Monitoring> {
  const ev = await getEvaluation(db, actor, id);
  const targets = await sheetOf(db, id);
  const checkpoints = await checkpointsOf(db, id);
  return {
    evaluation: {
      id: ev.id,
      title: ev.title,
      kind: ev.kind,
      fiscalYear: ev.fiscalYear,
      organisationName: ev.organisationName,
      status: ev.status,
      version: ev.version,
    },
    targets,
    checkpoints,
    deviations:
      targets === null ? [] : checkpoints.map((c) => deviationsJson(flagDeviations(targets.sheet, c))),
  };
}

/**
 * Saves the target sheet. `version` is the sheet's version the client edited (absent for a new
 * sheet); a stale one is refused with 409, as is a sheet that drops an indicator a checkpoint reports.
 */
export async function saveTargets(
  db: Database,
  actor: Actor,
  id: number,
  version: number | undefined,
  input: unknown,
): Promise<StoredSheet> {
  await writable(db, actor, id);
  const read = readTargetSheet(input);
  if (!read.ok) refused(read.issues);
  const sheet = read.value;
  await db.transaction(async (tx) => {
    const current = await sheetOf(tx, id);
    if (current === null && version !== undefined && version !== 0)
      throw conflict('绩效目标申报表已被删除或尚未建立，请刷新后再保存', { version: 0 });
    if (current !== null && current.version !== version)
      throw conflict(`绩效目标申报表已被他人修改（当前为第 ${String(current.version)} 版），请刷新后再保存`, {
        version: current.version,
      });
    const names = new Set(sheet.indicators.map((i) => i.name));
    for (const c of await checkpointsOf(tx, id)) {
      const gone = c.indicators.find((p) => !names.has(p.name));
      if (gone !== undefined)
        throw conflict(
          `监控情况（截至${String(c.months)}月）仍填报了三级指标“${gone.name}”，不能从申报表中删除`,
        );
    }
    if (current === null) {
      await tx.query(
        'insert into monitoring_targets (evaluation_id, sheet, updated_by) values ($1, $2, $3)',
        [id, JSON.stringify(sheet), actor.id],
      );
    } else {
      const r = await tx.query(
        `update monitoring_targets set sheet = $3, version = version + 1, updated_by = $4, updated_at = now()
          where evaluation_id = $1 and version = $2`,
        [id, current.version, JSON.stringify(sheet), actor.id],
      );
      if (r.rowCount === 0) throw conflict('绩效目标申报表已被他人修改，请刷新后再保存');
    }
    await logChange(tx, {
      actor,
      evaluationId: id,
      entity: 'monitoring',
      action: 'targets',
      before: current?.sheet,
      after: sheet,
    });
  });
  const saved = await sheetOf(db, id);
  if (saved === null) throw new Error('saved sheet not found');
  return saved;
}

/** Saves the checkpoint of period 1–`months`月 (a new one, or replacing the one of that period). */
export async function saveCheckpoint(
  db: Database,
  actor: Actor,
  id: number,
  months: number,
  input: unknown,
): Promise<{ checkpoint: Checkpoint; deviations: DeviationsJson }> {
  await writable(db, actor, id);
  const targets = await sheetOf(db, id);
  if (targets === null) throw conflict('请先填写绩效目标申报表，再填报监控情况');
  const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  const read = readCheckpoint({ ...body, months }, targets.sheet);
  if (!read.ok) refused(read.issues);
  const checkpoint = read.value;
  await db.transaction(async (tx) => {
    const before = await tx.query<{ checkpoint: Checkpoint }>(
      'select checkpoint from monitoring_checkpoints where evaluation_id = $1 and months = $2',
      [id, months],
    );
    await tx.query(
      `insert into monitoring_checkpoints (evaluation_id, months, checkpoint, updated_by) values ($1, $2, $3, $4)
       on conflict (evaluation_id, months) do update set checkpoint = excluded.checkpoint,
         updated_by = excluded.updated_by, updated_at = now()`,
      [id, months, JSON.stringify(checkpoint), actor.id],
    );
    await logChange(tx, {
      actor,
      evaluationId: id,
      entity: 'monitoring',
      action: 'checkpoint',
      before: before.rows[0]?.checkpoint,
      after: checkpoint,
    });
  });
  return { checkpoint, deviations: deviationsJson(flagDeviations(targets.sheet, checkpoint)) };
}

export async function deleteCheckpoint(
  db: Database,
  actor: Actor,
  id: number,
  months: number,
): Promise<void> {
  await writable(db, actor, id);
  await db.transaction(async (tx) => {
    const r = await tx.query<{ checkpoint: Checkpoint }>(
      'delete from monitoring_checkpoints where evaluation_id = $1 and months = $2 returning checkpoint',
      [id, months],
    );
    const gone = r.rows[0];
    if (gone === undefined) throw conflict(`没有截至${String(months)}月的监控情况`);
    await logChange(tx, {
      actor,
      evaluationId: id,
      entity: 'monitoring',
      action: 'checkpoint-delete',
      before: gone.checkpoint,
    });
  });
}

/**
 * The sheet and one checkpoint (the given period, or the last one) for an export, with the
 * evaluation's title and what the form states of it (year, unit).
 */
export async function monitoringSnapshot(
  db: Queryable,
  actor: Actor,
  id: number,
  months: number | undefined,
): Promise<{ title: string; sheet: TargetSheet; checkpoint: Checkpoint; meta: MonitoringMeta }> {
  const m = await getMonitoring(db, actor, id);
  if (m.targets === null) throw conflict('尚未填写绩效目标申报表');
  const checkpoint =
    months === undefined ? m.checkpoints.at(-1) : m.checkpoints.find((c) => c.months === months);
  if (checkpoint === undefined)
    throw conflict(months === undefined ? '尚未填报监控情况' : `没有截至${String(months)}月的监控情况`);
  const meta = { fiscalYear: m.evaluation.fiscalYear, unitName: m.evaluation.organisationName };
  return { title: m.evaluation.title, sheet: m.targets.sheet, checkpoint, meta };
}

/**
 * Writes the last checkpoint into the evaluation document (budget executed, actuals, deviation
 * texts) as a new version; `version` is the evaluation's version the client saw (409 when stale).
 */
export async function prefillFromMonitoring(
  db: Database,
  actor: Actor,
  id: number,
  version: number,
): Promise<{ evaluation: EvaluationRecord; months: number; filled: string[]; unmatched: string[] }> {
  const ev = await writable(db, actor, id);
  const { sheet, checkpoint } = await monitoringSnapshot(db, actor, id, undefined);
  const out = prefillEvaluation(ev.document as EvaluationInput, sheet, checkpoint);
  const evaluation = await updateEvaluation(db, actor, id, version, out.document);
  return { evaluation, months: checkpoint.months, filled: out.filled, unmatched: out.unmatched };
}

/**
 * Batch jobs (批量任务): rescoring every evaluation of a year (and region) the requester may see,
 * and generating all their reports as one .zip. A job is a row of the `jobs` table — what was asked,
 * by whom, its status, progress and result, which the API reads — and is run by a `JobQueue`
 * (./queue.ts): pg-boss on a PostgreSQL server, an in-process queue on the embedded database.
 */
import { zipSync } from 'fflate';
import { auditEvaluation } from '../core/audit/index.ts';
import { scoreEvaluation } from '../core/engine.ts';
import { toPlain } from '../core/decimal/index.ts';
import { parseEvaluation } from '../core/normalize.ts';
import { renderReports } from '../reports/batch.ts';
import {
  REPORT_FORMATS,
  REPORT_MIME,
  REPORT_NAMES,
  type ReportFormat,
  type ReportInput,
  type ReportType,
} from '../reports/index.ts';
import { can } from './auth/index.ts';
import type { Database, Queryable } from './db/database.ts';
import { badInput, forbidden, notFound } from './errors.ts';
import { listEvaluations } from './store/evaluations.ts';
import type { Actor } from './store/scope.ts';

export type JobKind = 'rescore' | 'reports';

export interface JobParams {
  fiscalYear: number;
  /** Only organisations whose region starts with this (行政区划前缀). */
  region?: string;
  /** For `reports`. */
  type?: ReportType;
  format?: ReportFormat;
}

export interface Job {
  id: number;
  kind: JobKind;
  params: JobParams;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  createdBy: number;
  createdAt: string;
  finishedAt: string | null;
  hasFile: boolean;
}

interface JobRow {
  id: number;
  kind: JobKind;
  params: JobParams;
  status: Job['status'];
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  created_by: number;
  created_at: Date;
  finished_at: Date | null;
  has_file: boolean;
}

const COLUMNS = `j.id, j.kind, j.params, j.status, j.progress, j.total, j.message, j.result, j.created_by, j.created_at,
  j.finished_at, exists (select 1 from job_files f where f.job_id = j.id) as has_file`;

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  params: r.params,
  status: r.status,
  progress: r.progress,
  total: r.total,
  message: r.message,
  result: r.result,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  hasFile: r.has_file,
});

/** Checks a job request; the message names the field. */
export function checkJob(
  kind: unknown,
  params: Record<string, unknown>,
): { kind: JobKind; params: JobParams } {
  if (kind !== 'rescore' && kind !== 'reports')
    throw badInput('任务类型应为 rescore（重新评分）或 reports（批量生成报告）', [
      { path: 'kind', message: '未知任务类型' },
    ]);
  const year = params['fiscalYear'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100)
    throw badInput('请给出评价年度（fiscalYear）', [
      { path: 'fiscalYear', message: '应为 2000–2100 的整数' },
    ]);
  const out: JobParams = { fiscalYear: year };
  const region = params['region'];
  if (region !== undefined) {
    if (typeof region !== 'string' || region.length > 100)
      throw badInput('行政区划无效', [{ path: 'region', message: '应为文字' }]);
    out.region = region;
  }
  if (kind === 'reports') {
    const type = params['type'] ?? 'department';
    const format = params['format'] ?? 'docx';
    if (typeof type !== 'string' || !(type in REPORT_NAMES))
      throw badInput('未知的报告类型', [
        { path: 'type', message: '应为 project、department、self-table 或 indicators' },
      ]);
    const t = type as ReportType;
    if (typeof format !== 'string' || !(REPORT_FORMATS[t] as readonly string[]).includes(format))
      throw badInput(`${REPORT_NAMES[t]}没有该格式`, [
        { path: 'format', message: `可选：${REPORT_FORMATS[t].join('、')}` },
      ]);
    out.type = t;
    out.format = format as ReportFormat;
  }
  return { kind, params: out };
}

/** What a queue does with a job row: hand it on in the inserting transaction, then wake a worker. */
export interface JobHandoff {
  /** Inside the transaction that inserted job `id`: committed with it, or not at all. */
  enqueue(tx: Queryable, id: number): Promise<void>;
  /** After the commit: a worker should take it soon. */
  wake(): void;
}

/**
 * Records a job and hands it to the queue in one transaction: a job is never recorded without
 * being queued, nor queued without its record.
 */
export async function enqueueJob(
  db: Database,
  actor: Actor,
  kind: JobKind,
  params: JobParams,
  queue?: JobHandoff,
): Promise<Job> {
  if (!can(actor.role, 'job:run')) throw forbidden('当前角色无权运行批量任务');
  const id = await db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      'insert into jobs (kind, params, created_by) values ($1, $2, $3) returning id',
      [kind, JSON.stringify(params), actor.id],
    );
    const inserted = r.rows[0]?.id ?? 0;
    await queue?.enqueue(tx, inserted);
    return inserted;
  });
  const job = await getJob(db, actor, id); // as queued, before a worker takes it
  queue?.wake();
  return job;
}

/** A job the actor started (admins see all). */
export async function getJob(db: Queryable, actor: Actor, id: number): Promise<Job> {
  const r = await db.query<JobRow>(
    `select ${COLUMNS} from jobs j where j.id = $1 and ($2::boolean or j.created_by = $3)`,
    [id, actor.role === 'admin', actor.id],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('任务');
  return toJob(row);
}

export async function listJobs(db: Queryable, actor: Actor): Promise<Job[]> {
  const r = await db.query<JobRow>(
    `select ${COLUMNS} from jobs j where $1::boolean or j.created_by = $2 order by j.id desc limit 100`,
    [actor.role === 'admin', actor.id],
  );
  return r.rows.map(toJob);
}

export async function jobFile(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<{ name: string; contentType: string; data: Uint8Array }> {
  await getJob(db, actor, id);
  const r = await db.query<{ name: string; content_type: string; data: Uint8Array }>(
    'select name, content_type, data from job_files where job_id = $1',
    [id],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('任务文件');
  return { name: row.name, contentType: row.content_type, data: row.data };
}

async function actorOf(db: Queryable, userId: number): Promise<Actor> {
  const r = await db.query<{
    id: number;
    username: string;
    display_name: string;
    role: Actor['role'];
    organisation_id: number | null;
  }>('select id, username, display_name, role, organisation_id from users where id = $1', [userId]);
  const row = r.rows[0];
  if (row === undefined) throw new Error('任务发起人已不存在');
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
  };
}

/** The evaluations a job covers: the requester's, of the year (and region). */
async function covered(
  db: Queryable,
  actor: Actor,
  params: JobParams,
): Promise<{ id: number; title: string; document: unknown }[]> {
  const list = await listEvaluations(db, actor, { fiscalYear: params.fiscalYear });
  const ids = list.map((e) => e.id);
  if (ids.length === 0) return [];
  const r = await db.query<{ id: number; title: string; document: unknown; region: string }>(
    `select e.id, e.title, e.document, o.region from evaluations e join organisations o on o.id = e.organisation_id
      where e.id = any($1::int[]) order by e.id`,
    [ids],
  );
  return r.rows.filter((row) => params.region === undefined || row.region.startsWith(params.region));
}

async function setProgress(db: Queryable, id: number, progress: number, total: number): Promise<void> {
  await db.query('update jobs set progress = $2, total = $3 where id = $1', [id, progress, total]);
}

async function runRescore(db: Database, job: JobRow, actor: Actor): Promise<unknown> {
  const items = await covered(db, actor, job.params);
  let changed = 0;
  let failed = 0;
  for (const [i, item] of items.entries()) {
    try {
      const result = scoreEvaluation(parseEvaluation(item.document), { explanations: false });
      const total = toPlain(result.total, 2);
      const weight = toPlain(result.totalWeight, 2);
      await db.transaction(async (tx) => {
        const r = await tx.query(
          `update evaluations set total = $2, total_weight = $3, grade = $4, updated_at = now()
            where id = $1 and (total is distinct from $2::numeric or total_weight is distinct from $3::numeric
                               or grade is distinct from $4)`,
          [item.id, total, weight, result.grade],
        );
        if (r.rowCount > 0) {
          changed++;
          await tx.query(
            `insert into change_log (user_id, evaluation_id, entity, entity_id, action, after)
             values ($1, $2, 'evaluation', $3, 'rescore', $4)`,
            [actor.id, item.id, String(item.id), JSON.stringify({ total, grade: result.grade, job: job.id })],
          );
        }
      });
    } catch {
      failed++;
    }
    await setProgress(db, job.id, i + 1, items.length);
  }
  return { evaluations: items.length, changed, failed };
}

/** A file name without characters that are unsafe in archives or on Windows. */
const safeName = (s: string): string =>
  Array.from(s, (ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .slice(0, 120);

interface JobFile {
  name: string;
  contentType: string;
  data: Uint8Array;
}

async function runReports(
  db: Database,
  job: JobRow,
  actor: Actor,
): Promise<{ result: unknown; file: JobFile }> {
  const items = await covered(db, actor, job.params);
  const type = job.params.type ?? 'department';
  const format = job.params.format ?? 'docx';
  const inputs = items.map((item) => {
    const result = scoreEvaluation(parseEvaluation(item.document));
    return { item, result, findings: auditEvaluation(result) } satisfies ReportInput & { item: unknown };
  });
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  const errors: string[] = [];
  let done = 0;
  await setProgress(db, job.id, 0, items.length);
  for await (const r of renderReports(inputs, { type, format })) {
    const name = `${String(r.item.item.id)}-${safeName(r.item.item.title)}-${REPORT_NAMES[type]}.${format}`;
    if ('bytes' in r) files[name] = [r.bytes, { level: 0 }];
    else errors.push(`${r.item.item.title}：${r.error.message}`);
    await setProgress(db, job.id, ++done, items.length);
  }
  if (errors.length > 0) files['错误.txt'] = [new TextEncoder().encode(errors.join('\n')), { level: 0 }];
  const zip = zipSync(files);
  const name = `${String(job.params.fiscalYear)}年度${job.params.region ?? ''}${REPORT_NAMES[type]}（${String(items.length)}份）.zip`;
  return {
    result: {
      reports: Object.keys(files).length - (errors.length > 0 ? 1 : 0),
      failed: errors.length,
      bytes: zip.length,
      mime: REPORT_MIME[format],
    },
    file: { name, contentType: 'application/zip', data: zip },
  };
}

/** Runs a claimed job to its end: done with its result (and file) in one transaction, or failed. */
async function execute(db: Database, job: JobRow): Promise<void> {
  try {
    const actor = await actorOf(db, job.created_by);
    const { result, file } =
      job.kind === 'rescore'
        ? { result: await runRescore(db, job, actor), file: undefined }
        : await runReports(db, job, actor);
    await db.transaction(async (tx) => {
      if (file !== undefined)
        await tx.query(
          `insert into job_files (job_id, name, content_type, data) values ($1, $2, $3, $4)
             on conflict (job_id) do update set name = excluded.name, content_type = excluded.content_type,
                                                data = excluded.data`,
          [
            job.id,
            file.name,
            file.contentType,
            Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
          ],
        );
      await tx.query("update jobs set status = 'done', result = $2, finished_at = now() where id = $1", [
        job.id,
        JSON.stringify(result),
      ]);
    });
  } catch (e) {
    await db.query("update jobs set status = 'failed', message = $2, finished_at = now() where id = $1", [
      job.id,
      e instanceof Error ? e.message : String(e),
    ]);
  }
}

/**
 * Runs job `id` if it is waiting — or, with `rerun`, also if it was left running (its worker died
 * and the queue hands it out again): progress starts over. Returns whether it ran.
 */
export async function runJob(db: Database, id: number, rerun = false): Promise<boolean> {
  const r = await db.query<JobRow>(
    `update jobs j set status = 'running', started_at = now(), progress = 0, total = 0, message = null
      where j.id = $1 and j.status = any($2::text[]) returning ${COLUMNS}`,
    [id, rerun ? ['queued', 'running'] : ['queued']],
  );
  const job = r.rows[0];
  if (job === undefined) return false;
  await execute(db, job);
  return true;
}

/** Takes the oldest queued job, if any, marking it running (skipping jobs other workers hold). */
async function take(db: Database): Promise<JobRow | undefined> {
  return db.transaction(async (tx) => {
    const r = await tx.query<JobRow>(
      `select ${COLUMNS} from jobs j where j.status = 'queued' order by j.id limit 1 for update skip locked`,
    );
    const row = r.rows[0];
    if (row === undefined) return undefined;
    await tx.query("update jobs set status = 'running', started_at = now() where id = $1", [row.id]);
    return row;
  });
}

/** Runs queued jobs, oldest first, until there are none; returns how many ran. */
export async function runQueuedJobs(db: Database): Promise<number> {
  let ran = 0;
  for (let job = await take(db); job !== undefined; job = await take(db)) {
    ran++;
    await execute(db, job);
  }
  return ran;
}

/** Jobs left running by a process that stopped (the embedded database has one): queued again. */
export async function requeueInterrupted(db: Queryable): Promise<number> {
  const r = await db.query("update jobs set status = 'queued', progress = 0 where status = 'running'");
  return r.rowCount;
}

/**
 * Third-party evaluations (第三方评价, 财监〔2021〕4号) in the database: the evaluations entrusted to
 * an evaluator organisation, the draft sent for written comments (征求意见稿, a snapshot of the
 * evaluation's version with a recipient and a deadline), the comments on it — on an indicator, a
 * report section or the whole — each with the evaluator's reply (采纳, or 不采纳 with a reason), the
 * evidence files (佐证资料) attached to indicators, and the work plan (实施方案: each upload a new
 * version, the newest the current one). Scope is the evaluation's: whoever may see the evaluation
 * sees these; out of scope is 404, a role that may not act is 403.
 */
import { createHash } from 'node:crypto';
import { parseEvaluation } from '../../core/normalize.ts';
import {
  type CommentTarget,
  type FeedbackComment,
  type FeedbackInput,
  targetLabel,
} from '../../reports/word/feedback.ts';
import { type Role, STATUS_NAMES, can } from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ServiceError, badInput, conflict, forbidden, notFound } from '../errors.ts';
import { type EvaluationRecord, getEvaluation, logChange } from './evaluations.ts';
import { type Actor, evaluationScope } from './scope.ts';

/** Who sends the draft for comments: the evaluator, or the finance bureau that commissioned it. */
const SENDERS: readonly Role[] = ['evaluator', 'finance', 'admin'];
/** Who answers the comments (采纳/不采纳): the evaluator. */
const REPLIERS: readonly Role[] = ['evaluator', 'admin'];

function needRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role)) throw forbidden(`当前角色无权${what}`);
}

/** A change to a draft, comment or evidence file of the evaluation, in the change log. */
function changeLog(
  tx: Queryable,
  actor: Actor,
  evaluationId: number,
  entity: string,
  entityId: number,
  action: string,
  after: unknown,
  before?: unknown,
): Promise<void> {
  return logChange(tx, { actor, evaluationId, entity, entityId, action, before, after });
}

// ——— assignments (委托) ———

export interface Assignment {
  evaluationId: number;
  title: string;
  fiscalYear: number;
  organisationName: string;
  status: string;
  statusName: string;
  version: number;
  evaluatorId: number;
  evaluatorName: string;
}

/** The assignments the actor may see: an evaluator its own; others those of evaluations in scope. */
export async function listAssignments(db: Queryable, actor: Actor): Promise<Assignment[]> {
  if (!can(actor.role, 'evaluation:read')) throw forbidden();
  const scope = evaluationScope(actor, 1);
  const mine = actor.role === 'evaluator' ? ' and a.organisation_id = $1' : '';
  const r = await db.query<{
    evaluation_id: number;
    title: string;
    fiscal_year: number;
    organisation_name: string;
    status: keyof typeof STATUS_NAMES;
    version: number;
    evaluator_id: number;
    evaluator_name: string;
  }>(
    `select a.evaluation_id, e.title, e.fiscal_year, o.name as organisation_name, e.status, e.version,
            a.organisation_id as evaluator_id, v.name as evaluator_name
       from assignments a
       join evaluations e on e.id = a.evaluation_id
       join organisations o on o.id = e.organisation_id
       join organisations v on v.id = a.organisation_id
      where ${scope.sql}${mine}
      order by e.fiscal_year desc, e.id, v.name`,
    scope.params,
  );
  return r.rows.map((row) => ({
    evaluationId: row.evaluation_id,
    title: row.title,
    fiscalYear: row.fiscal_year,
    organisationName: row.organisation_name,
    status: row.status,
    statusName: STATUS_NAMES[row.status],
    version: row.version,
    evaluatorId: row.evaluator_id,
    evaluatorName: row.evaluator_name,
  }));
}

/** The evaluator organisations an evaluation is entrusted to (names, in order). */
async function evaluators(db: Queryable, evaluationId: number): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `select o.name from assignments a join organisations o on o.id = a.organisation_id
      where a.evaluation_id = $1 order by o.name`,
    [evaluationId],
  );
  return r.rows.map((row) => row.name);
}

// ——— drafts for comments (征求意见稿) and comments ———

export interface Comment {
  id: number;
  draftId: number;
  targetKind: CommentTarget['kind'];
  target: string;
  /** What it is about, in words (指标 A11 预算编制 / 章节：… / 整体). */
  targetName: string;
  text: string;
  commenter: string;
  createdAt: string;
  decision: 'adopted' | 'rejected' | null;
  reason: string | null;
  repliedAt: string | null;
}

export interface Draft {
  id: number;
  evaluationId: number;
  version: number;
  recipient: string;
  deadline: string;
  note: string;
  sentBy: string | null;
  sentAt: string;
  comments: Comment[];
}

export interface NewDraft {
  recipient: unknown;
  deadline: unknown;
  note?: unknown;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateField(value: unknown, path: string): string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || d === undefined || d.toISOString().slice(0, 10) !== value)
    throw badInput(`${path} 应为日期（yyyy-mm-dd）`, [{ path, message: '应为 yyyy-mm-dd 格式的日期' }]);
  return value;
}

function textField(value: unknown, path: string, name: string, max: number, required: boolean): string {
  if (value === undefined || value === null) {
    if (required) throw badInput(`请填写${name}（${path}）`, [{ path, message: '必填' }]);
    return '';
  }
  if (typeof value !== 'string' || value.length > max)
    throw badInput(`${name}（${path}）应为不超过 ${String(max)} 个字符的文字`, [
      { path, message: '应为文字' },
    ]);
  const text = value.trim();
  if (required && text === '') throw badInput(`请填写${name}（${path}）`, [{ path, message: '必填' }]);
  return text;
}

/** Indicator names by code in an evaluation file. */
function indicatorNames(document: unknown): Map<string, string> {
  return new Map([...parseEvaluation(document).index].map(([code, n]) => [code, n.name]));
}

interface CommentRow {
  id: number;
  draft_id: number;
  target_kind: CommentTarget['kind'];
  target: string;
  body: string;
  commenter: string;
  created_at: Date;
  decision: 'adopted' | 'rejected' | null;
  reason: string | null;
  replied_at: Date | null;
}

function targetOf(
  kind: CommentTarget['kind'],
  target: string,
  names?: ReadonlyMap<string, string>,
): CommentTarget {
  if (kind === 'indicator') {
    const name = names?.get(target);
    return name === undefined ? { kind, code: target } : { kind, code: target, name };
  }
  return kind === 'section' ? { kind, section: target } : { kind };
}

function toComment(row: CommentRow, names: ReadonlyMap<string, string>): Comment {
  const target = targetOf(row.target_kind, row.target, names);
  return {
    id: row.id,
    draftId: row.draft_id,
    targetKind: row.target_kind,
    target: row.target,
    targetName: targetLabel(target),
    text: row.body,
    commenter: row.commenter,
    createdAt: row.created_at.toISOString(),
    decision: row.decision,
    reason: row.reason,
    repliedAt: row.replied_at?.toISOString() ?? null,
  };
}

interface DraftRow {
  id: number;
  evaluation_id: number;
  version: number;
  recipient: string;
  deadline: string;
  note: string;
  sent_by: string | null;
  sent_at: Date;
  document: unknown;
}

const DRAFT_COLUMNS = `d.id, d.evaluation_id, d.version, d.recipient, d.deadline::text as deadline, d.note,
  u.display_name as sent_by, d.sent_at, d.document`;

async function draftRows(db: Queryable, evaluationId: number, draftId?: number): Promise<DraftRow[]> {
  const r = await db.query<DraftRow>(
    `select ${DRAFT_COLUMNS} from third_party_drafts d left join users u on u.id = d.sent_by
      where d.evaluation_id = $1 ${draftId === undefined ? '' : 'and d.id = $2'} order by d.id`,
    draftId === undefined ? [evaluationId] : [evaluationId, draftId],
  );
  return r.rows;
}

async function withComments(db: Queryable, rows: readonly DraftRow[]): Promise<Draft[]> {
  if (rows.length === 0) return [];
  const r = await db.query<CommentRow>(
    `select id, draft_id, target_kind, target, body, commenter, created_at, decision, reason, replied_at
       from third_party_comments where draft_id = any($1::int[]) order by id`,
    [rows.map((d) => d.id)],
  );
  return rows.map((d) => {
    const names = indicatorNames(d.document);
    return {
      id: d.id,
      evaluationId: d.evaluation_id,
      version: d.version,
      recipient: d.recipient,
      deadline: d.deadline,
      note: d.note,
      sentBy: d.sent_by,
      sentAt: d.sent_at.toISOString(),
      comments: r.rows.filter((c) => c.draft_id === d.id).map((c) => toComment(c, names)),
    };
  });
}

/** The drafts sent for comments on an evaluation, oldest first, each with its comments. */
export async function listDrafts(db: Queryable, actor: Actor, evaluationId: number): Promise<Draft[]> {
  await getEvaluation(db, actor, evaluationId);
  return withComments(db, await draftRows(db, evaluationId));
}

async function oneDraft(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
  draftId: number,
): Promise<{ evaluation: EvaluationRecord; row: DraftRow; draft: Draft }> {
  const evaluation = await getEvaluation(db, actor, evaluationId);
  const row = (await draftRows(db, evaluationId, draftId))[0];
  if (row === undefined) throw notFound('征求意见稿');
  const draft = (await withComments(db, [row]))[0];
  if (draft === undefined) throw notFound('征求意见稿');
  return { evaluation, row, draft };
}

/** One draft with its comments and the evaluation file as it was sent. */
export async function getDraft(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
  draftId: number,
): Promise<Draft & { document: unknown }> {
  const { row, draft } = await oneDraft(db, actor, evaluationId, draftId);
  return { ...draft, document: row.document };
}

/** Sends the evaluation's current version for comments (征求意见稿): a snapshot, to whom, by when. */
export async function sendDraft(
  db: Database,
  actor: Actor,
  evaluationId: number,
  input: NewDraft,
): Promise<Draft> {
  const evaluation = await getEvaluation(db, actor, evaluationId);
  needRole(actor, SENDERS, '发出征求意见稿');
  const recipient = textField(input.recipient, 'recipient', '征求意见对象', 200, true);
  const deadline = dateField(input.deadline, 'deadline');
  const note = textField(input.note, 'note', '说明', 2000, false);
  if ((await evaluators(db, evaluationId)).length === 0)
    throw conflict('该评价尚未委托第三方评价机构，不能发出征求意见稿');
  if (evaluation.status === 'archived') throw conflict('评价已归档，不能再发出征求意见稿');
  const id = await db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into third_party_drafts (evaluation_id, version, document, recipient, deadline, note, sent_by)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        evaluationId,
        evaluation.version,
        JSON.stringify(evaluation.document),
        recipient,
        deadline,
        note,
        actor.id,
      ],
    );
    const newId = r.rows[0]?.id;
    if (newId === undefined) throw new Error('insert returned nothing');
    await changeLog(tx, actor, evaluationId, 'third-party-draft', newId, 'send-draft', {
      version: evaluation.version,
      recipient,
      deadline,
    });
    return newId;
  });
  const { draft } = await oneDraft(db, actor, evaluationId, id);
  return draft;
}

export interface NewComment {
  kind: unknown;
  target?: unknown;
  text: unknown;
}

/** Records a comment on a draft (by the evaluated side, or by the evaluator from a written reply). */
export async function addComment(
  db: Database,
  actor: Actor,
  evaluationId: number,
  draftId: number,
  input: NewComment,
): Promise<Comment> {
  const { row } = await oneDraft(db, actor, evaluationId, draftId);
  if (!can(actor.role, 'evaluation:read')) throw forbidden();
  const kind = input.kind;
  if (kind !== 'indicator' && kind !== 'section' && kind !== 'whole')
    throw badInput('意见针对（kind）应为 indicator（指标）、section（报告章节）或 whole（整体）', [
      { path: 'kind', message: '应为 indicator、section 或 whole' },
    ]);
  const names = indicatorNames(row.document);
  let target = '';
  if (kind === 'indicator') {
    target = textField(input.target, 'target', '指标编码', 40, true);
    if (!names.has(target))
      throw badInput(`征求意见稿中没有指标“${target}”`, [{ path: 'target', message: '未知的指标编码' }]);
  } else if (kind === 'section') target = textField(input.target, 'target', '报告章节', 200, true);
  const text = textField(input.text, 'text', '意见内容', 5000, true);
  const late = await db.query<{ late: boolean }>(
    'select current_date > deadline as late from third_party_drafts where id = $1',
    [draftId],
  );
  if (late.rows[0]?.late === true) throw conflict(`反馈截止日期（${row.deadline}）已过，不能再提出意见`);
  const commenter = await commenterName(db, actor);
  const created = await db.transaction(async (tx) => {
    const r = await tx.query<CommentRow>(
      `insert into third_party_comments (draft_id, target_kind, target, body, commenter, created_by)
       values ($1, $2, $3, $4, $5, $6)
       returning id, draft_id, target_kind, target, body, commenter, created_at, decision, reason, replied_at`,
      [draftId, kind, target, text, commenter, actor.id],
    );
    const c = r.rows[0];
    if (c === undefined) throw new Error('insert returned nothing');
    await changeLog(tx, actor, evaluationId, 'third-party-comment', c.id, 'comment', {
      draftId,
      kind,
      target,
      text,
    });
    return c;
  });
  return toComment(created, names);
}

/** The organisation a comment comes from (or the person, for an account without one). */
async function commenterName(db: Queryable, actor: Actor): Promise<string> {
  if (actor.organisationId === null) return actor.displayName;
  const r = await db.query<{ name: string }>('select name from organisations where id = $1', [
    actor.organisationId,
  ]);
  return r.rows[0]?.name ?? actor.displayName;
}

export interface Reply {
  decision: unknown;
  reason?: unknown;
}

/** The evaluator's reply to a comment: 采纳 (a note optional) or 不采纳 (a reason required). */
export async function replyComment(
  db: Database,
  actor: Actor,
  evaluationId: number,
  commentId: number,
  input: Reply,
): Promise<Comment> {
  await getEvaluation(db, actor, evaluationId);
  const r = await db.query<CommentRow & { document: unknown }>(
    `select c.id, c.draft_id, c.target_kind, c.target, c.body, c.commenter, c.created_at, c.decision, c.reason,
            c.replied_at, d.document
       from third_party_comments c join third_party_drafts d on d.id = c.draft_id
      where c.id = $1 and d.evaluation_id = $2`,
    [commentId, evaluationId],
  );
  const current = r.rows[0];
  if (current === undefined) throw notFound('意见');
  needRole(actor, REPLIERS, '回复意见');
  const decision = input.decision;
  if (decision !== 'adopted' && decision !== 'rejected')
    throw badInput('采纳情况（decision）应为 adopted（采纳）或 rejected（不采纳）', [
      { path: 'decision', message: '应为 adopted 或 rejected' },
    ]);
  const reason = textField(
    input.reason,
    'reason',
    decision === 'rejected' ? '不采纳的理由' : '说明',
    5000,
    false,
  );
  if (decision === 'rejected' && reason === '')
    throw badInput('不采纳时须说明理由（reason）：不采纳，因为……', [
      { path: 'reason', message: '不采纳时必填' },
    ]);
  const updated = await db.transaction(async (tx) => {
    const u = await tx.query<CommentRow>(
      `update third_party_comments set decision = $2, reason = $3, replied_by = $4, replied_at = now()
        where id = $1
        returning id, draft_id, target_kind, target, body, commenter, created_at, decision, reason, replied_at`,
      [commentId, decision, reason, actor.id],
    );
    const c = u.rows[0];
    if (c === undefined) throw notFound('意见');
    await changeLog(
      tx,
      actor,
      evaluationId,
      'third-party-comment',
      commentId,
      'reply',
      { decision, reason },
      current.decision === null ? undefined : { decision: current.decision, reason: current.reason },
    );
    return c;
  });
  return toComment(updated, indicatorNames(current.document));
}

/** What the feedback tables of a draft show (src/reports/word/feedback.ts). */
export async function feedbackInput(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
  draftId: number,
): Promise<FeedbackInput> {
  const { evaluation, row } = await oneDraft(db, actor, evaluationId, draftId);
  return draftFeedback(db, evaluation, row);
}

async function draftFeedback(
  db: Queryable,
  evaluation: EvaluationRecord,
  row: DraftRow,
): Promise<FeedbackInput> {
  const names = indicatorNames(row.document);
  const r = await db.query<CommentRow & { day: string }>(
    `select id, draft_id, target_kind, target, body, commenter, created_at, decision, reason, replied_at,
            to_char(created_at, 'YYYY-MM-DD') as day
       from third_party_comments where draft_id = $1 order by id`,
    [row.id],
  );
  const comments: FeedbackComment[] = r.rows.map((c) => ({
    target: targetOf(c.target_kind, c.target, names),
    commenter: c.commenter,
    text: c.body,
    date: c.day,
    ...(c.decision === null ? {} : { reply: { decision: c.decision, reason: c.reason ?? '' } }),
  }));
  const sent = await db.query<{ day: string }>(
    "select to_char(sent_at, 'YYYY-MM-DD') as day from third_party_drafts where id = $1",
    [row.id],
  );
  return {
    evaluation: evaluation.title,
    evaluator: (await evaluators(db, evaluation.id)).join('、') || '（未委托）',
    recipient: row.recipient,
    version: row.version,
    sentOn: sent.rows[0]?.day ?? '',
    deadline: row.deadline,
    comments,
  };
}

/** The feedback inputs of every draft of an evaluation, oldest first (for the archive). */
export async function allFeedback(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
): Promise<{ draftId: number; input: FeedbackInput }[]> {
  const evaluation = await getEvaluation(db, actor, evaluationId);
  const out: { draftId: number; input: FeedbackInput }[] = [];
  for (const row of await draftRows(db, evaluationId))
    out.push({ draftId: row.id, input: await draftFeedback(db, evaluation, row) });
  return out;
}

// ——— evidence files (佐证资料) ———

/** The largest evidence file, in bytes. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Allowed file types by extension, with their media type and how their content begins. */
export const EVIDENCE_TYPES: Readonly<Record<string, { mime: string; magic?: readonly number[] }>> = {
  pdf: { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  doc: { mime: 'application/msword', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  xls: { mime: 'application/vnd.ms-excel', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  png: { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  txt: { mime: 'text/plain; charset=utf-8' },
  csv: { mime: 'text/csv; charset=utf-8' },
  zip: { mime: 'application/zip', magic: [0x50, 0x4b, 0x03, 0x04] },
};

/** A file kept on an evaluation (an evidence file, a work plan), without its content. */
export interface StoredFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface EvidenceFile extends StoredFile {
  indicator: string;
  indicatorName: string | null;
}

const MAX_NAME = 200;

/** The file name of an upload, or 400 naming the field. */
export function evidenceName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '')
    throw badInput('缺少文件名（name）：请在地址中给出 ?name=文件名', [{ path: 'name', message: '必填' }]);
  // eslint-disable-next-line no-control-regex -- control characters and path separators are refused
  if (name.length > MAX_NAME || /[\u0000-\u001f\u007f/\\]/.test(name) || name.startsWith('.'))
    throw badInput(`文件名（name）无效：应为不超过 ${String(MAX_NAME)} 个字符、不含路径的文件名`, [
      { path: 'name', message: '无效' },
    ]);
  const ext = extension(name);
  if (!Object.hasOwn(EVIDENCE_TYPES, ext))
    throw unsupportedType(
      `不支持的文件类型“${ext === '' ? '无扩展名' : `.${ext}`}”（可上传：${Object.keys(EVIDENCE_TYPES).join('、')}）`,
    );
  return name;
}

/** A 415 in the service's error shape (an evidence file of a type not accepted). */
const unsupportedType = (message: string): ServiceError => new ServiceError(415, 'bad-request', message);

/** The indicator code of an upload, or 400 naming the field. */
export function evidenceIndicator(raw: unknown): string {
  return textField(typeof raw === 'string' ? raw : undefined, 'indicator', '指标编码', 40, true);
}

function extension(name: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

// ——— the tables of uploaded files (evidence_files, work_plans) ———

/**
 * A table of files uploaded to an evaluation. Every such table has the columns evaluation_id, name,
 * content_type, size, sha256, data, uploaded_by and uploaded_at; `extra` names the text columns a
 * table has besides (they follow evaluation_id, and go by the same names in the change log).
 */
interface FileTable<E extends string> {
  table: 'evidence_files' | 'work_plans';
  extra: readonly E[];
  /** The order of a list (rows are `f`). */
  order: string;
  maxBytes: number;
  /** The file, in words, for a 404. */
  what: string;
  /** The file, in English, for errors that are the service's own fault. */
  noun: string;
  /** The change log's entity and action for an upload. */
  entity: string;
  action: string;
}

/**
 * Stores a file whole, in one statement with its size and SHA-256 (and its change-log line, in the
 * same transaction): a refused or failed upload leaves nothing. The name is checked by the caller;
 * the content is checked here (not empty, of the type its extension says). Gives the new id.
 */
async function storeFile<E extends string>(
  db: Database,
  actor: Actor,
  evaluationId: number,
  t: FileTable<E>,
  upload: { name: string; data: Uint8Array; extra: Readonly<Record<E, string>> },
): Promise<number> {
  const { name, data } = upload;
  if (data.length === 0) throw badInput(`“${name}”是空文件`, [{ path: 'body', message: '空文件' }]);
  if (data.length > t.maxBytes) throw new Error(`${t.noun} over the limit reached the store`);
  const type = EVIDENCE_TYPES[extension(name)];
  if (type === undefined) throw unsupportedType('不支持的文件类型');
  if (type.magic && !type.magic.every((b, i) => data[i] === b))
    throw badInput(`“${name}”的内容与扩展名不符`, [{ path: 'body', message: '内容与文件类型不符' }]);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const extra = t.extra.map((c) => upload.extra[c]);
  const columns = [
    'evaluation_id',
    ...t.extra,
    'name',
    'content_type',
    'size',
    'sha256',
    'data',
    'uploaded_by',
  ];
  return db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into ${t.table} (${columns.join(', ')})
       values (${columns.map((_, i) => `$${String(i + 1)}`).join(', ')}) returning id`,
      [evaluationId, ...extra, name, type.mime, data.length, sha256, data, actor.id],
    );
    const newId = r.rows[0]?.id;
    if (newId === undefined) throw new Error('insert returned nothing');
    await changeLog(tx, actor, evaluationId, t.entity, newId, t.action, {
      ...upload.extra,
      name,
      size: data.length,
      sha256,
    });
    return newId;
  });
}

/** The files of an evaluation (without their content) in the table's order, or the one with `id`. */
async function fileRows<E extends string>(
  db: Queryable,
  t: FileTable<E>,
  evaluationId: number,
  id?: number,
): Promise<{ file: StoredFile; extra: Record<E, string> }[]> {
  const r = await db.query<
    {
      id: number;
      name: string;
      content_type: string;
      size: number;
      sha256: string;
      uploaded_by: string | null;
      uploaded_at: Date;
    } & Record<E, string>
  >(
    `select f.id, ${t.extra.map((c) => `f.${c}, `).join('')}f.name, f.content_type, f.size, f.sha256, u.display_name as uploaded_by, f.uploaded_at
       from ${t.table} f left join users u on u.id = f.uploaded_by
      where f.evaluation_id = $1 ${id === undefined ? '' : 'and f.id = $2'} order by ${t.order}`,
    id === undefined ? [evaluationId] : [evaluationId, id],
  );
  return r.rows.map((row) => ({
    file: {
      id: row.id,
      name: row.name,
      contentType: row.content_type,
      size: row.size,
      sha256: row.sha256,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at.toISOString(),
    },
    extra: Object.fromEntries(t.extra.map((c): [E, string] => [c, row[c]])) as Record<E, string>,
  }));
}

/** One file of an evaluation the actor may see, with its content (404 when there is none). */
type FileContent = (
  db: Queryable,
  actor: Actor,
  evaluationId: number,
  fileId: number,
) => Promise<{ name: string; contentType: string; data: Uint8Array }>;

function fileContent<E extends string>(t: FileTable<E>): FileContent {
  return async (db, actor, evaluationId, fileId) => {
    await getEvaluation(db, actor, evaluationId);
    const r = await db.query<{ name: string; content_type: string; data: Uint8Array }>(
      `select name, content_type, data from ${t.table} where evaluation_id = $1 and id = $2`,
      [evaluationId, fileId],
    );
    const row = r.rows[0];
    if (row === undefined) throw notFound(t.what);
    return { name: row.name, contentType: row.content_type, data: row.data };
  };
}

// ——— evidence files, continued ———

const EVIDENCE_FILES: FileTable<'indicator'> = {
  table: 'evidence_files',
  extra: ['indicator'],
  order: 'f.indicator, f.id',
  maxBytes: EVIDENCE_MAX_BYTES,
  what: '佐证资料',
  noun: 'evidence',
  entity: 'evidence-file',
  action: 'upload-evidence',
};

/** Stores an evidence file whole, in one statement: a refused or failed upload leaves nothing. */
export async function uploadEvidence(
  db: Database,
  actor: Actor,
  evaluationId: number,
  upload: { indicator: string; name: string; data: Uint8Array },
): Promise<EvidenceFile> {
  const evaluation = await getEvaluation(db, actor, evaluationId);
  if (!can(actor.role, 'evaluation:edit')) throw forbidden('当前角色无权上传佐证资料');
  if (evaluation.status === 'archived') throw conflict('评价已归档，不能再上传佐证资料');
  const names = indicatorNames(evaluation.document);
  if (!names.has(upload.indicator))
    throw badInput(`评价中没有指标“${upload.indicator}”`, [{ path: 'indicator', message: '未知的指标编码' }]);
  const id = await storeFile(db, actor, evaluationId, EVIDENCE_FILES, {
    name: upload.name,
    data: upload.data,
    extra: { indicator: upload.indicator },
  });
  const file = (await evidenceRows(db, evaluationId, names, id))[0];
  if (file === undefined) throw new Error('stored evidence not found');
  return file;
}

async function evidenceRows(
  db: Queryable,
  evaluationId: number,
  names: ReadonlyMap<string, string>,
  id?: number,
): Promise<EvidenceFile[]> {
  return (await fileRows(db, EVIDENCE_FILES, evaluationId, id)).map(
    ({ file: { id: fileId, ...rest }, extra: { indicator } }) => ({
      id: fileId,
      indicator,
      indicatorName: names.get(indicator) ?? null,
      ...rest,
    }),
  );
}

/** The evidence files of an evaluation (without their content), by indicator. */
export async function listEvidence(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
): Promise<EvidenceFile[]> {
  const evaluation = await getEvaluation(db, actor, evaluationId);
  return evidenceRows(db, evaluationId, indicatorNames(evaluation.document));
}

/** One evidence file with its content. */
export const evidenceContent: FileContent = fileContent(EVIDENCE_FILES);

/** Every evidence file with its content, for the archive. */
export async function allEvidence(
  db: Queryable,
  evaluationId: number,
): Promise<{ indicator: string; name: string; data: Uint8Array }[]> {
  const r = await db.query<{ indicator: string; name: string; data: Uint8Array }>(
    'select indicator, name, data from evidence_files where evaluation_id = $1 order by indicator, id',
    [evaluationId],
  );
  return r.rows;
}

// ——— the work plan (实施方案 / 工作方案) ———

/** Who uploads the work plan: the evaluator, or the finance bureau that commissioned it. */
const PLANNERS: readonly Role[] = SENDERS;

/** The largest work plan, in bytes (as an evidence file). */
export const WORK_PLAN_MAX_BYTES = EVIDENCE_MAX_BYTES;

/** A work plan is a document: these of the evidence types. */
export const WORK_PLAN_TYPES: readonly string[] = ['pdf', 'docx', 'doc'];

export interface WorkPlanFile extends StoredFile {
  /** The newest upload: the work plan in force, and the one the archive holds. */
  current: boolean;
}

const WORK_PLANS: FileTable<never> = {
  table: 'work_plans',
  extra: [],
  order: 'f.id desc',
  maxBytes: WORK_PLAN_MAX_BYTES,
  what: '实施方案',
  noun: 'work plan',
  entity: 'work-plan',
  action: 'upload-work-plan',
};

/** The file name of a work plan upload (a pdf, docx or doc), or 400/415 naming the field. */
export function workPlanName(raw: unknown): string {
  const name = evidenceName(raw);
  if (!WORK_PLAN_TYPES.includes(extension(name)))
    throw unsupportedType(`实施方案应为 ${WORK_PLAN_TYPES.join('、')} 文件（不支持“.${extension(name)}”）`);
  return name;
}

/**
 * Stores a new version of the work plan whole, in one statement (and its change-log line, in the
 * same transaction): a refused or failed upload leaves nothing, and the previous version stays.
 */
export async function uploadWorkPlan(
  db: Database,
  actor: Actor,
  evaluationId: number,
  upload: { name: string; data: Uint8Array },
): Promise<WorkPlanFile> {
  const evaluation = await getEvaluation(db, actor, evaluationId);
  needRole(actor, PLANNERS, '上传实施方案');
  if (evaluation.status === 'archived') throw conflict('评价已归档，不能再上传实施方案');
  const name = workPlanName(upload.name);
  const id = await storeFile(db, actor, evaluationId, WORK_PLANS, { name, data: upload.data, extra: {} });
  const file = (await workPlanRows(db, evaluationId)).find((f) => f.id === id);
  if (file === undefined) throw new Error('stored work plan not found');
  return file;
}

async function workPlanRows(db: Queryable, evaluationId: number): Promise<WorkPlanFile[]> {
  return (await fileRows(db, WORK_PLANS, evaluationId)).map(({ file }, i) => ({ ...file, current: i === 0 }));
}

/** The versions of the work plan (without their content), newest — the current one — first. */
export async function listWorkPlans(
  db: Queryable,
  actor: Actor,
  evaluationId: number,
): Promise<WorkPlanFile[]> {
  await getEvaluation(db, actor, evaluationId);
  return workPlanRows(db, evaluationId);
}

/** One version of the work plan with its content. */
export const workPlanContent: FileContent = fileContent(WORK_PLANS);

/** The current work plan with its content, for the archive (none: undefined). */
export async function currentWorkPlan(
  db: Queryable,
  evaluationId: number,
): Promise<{ name: string; data: Uint8Array } | undefined> {
  const r = await db.query<{ name: string; data: Uint8Array }>(
    'select name, data from work_plans where evaluation_id = $1 order by id desc limit 1',
    [evaluationId],
  );
  return r.rows[0];
}

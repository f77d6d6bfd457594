/**
 * The REST API (fastify). Sessions: an HttpOnly, SameSite=Strict cookie plus a CSRF token that
 * every state-changing request must echo in `X-CSRF-Token`; or `Authorization: Bearer <token>`
 * (no cookie, so no CSRF). Errors are JSON `{ error: { status, code, message, issues? } }` with a
 * Chinese message; nothing is written when a request fails.
 */
import fastifyStatic from '@fastify/static';
import mammoth from 'mammoth';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { auditEvaluation } from '../../core/audit/index.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import { auditToJson, scoreToJson } from '../../core/output.ts';
import { ImportError, importWorkbook, issueLocation } from '../../importers/excel/import.ts';
import { buildImportTemplate } from '../../importers/excel/template.ts';
import {
  REPORT_FORMATS,
  REPORT_MIME,
  REPORT_NAMES,
  ReportError,
  type ReportFormat,
  type ReportType,
  renderReport,
} from '../../reports/index.ts';
import {
  ROLE_NAMES,
  STATUS_NAMES,
  allowedActions,
  isRole,
  isWorkflowAction,
  sameToken,
  tokenHash,
} from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { ServiceError, badInput, forbidden } from '../errors.ts';
import { checkJob, enqueueJob, getJob, jobFile, listJobs } from '../jobs.ts';
import type { JobQueue } from '../queue.ts';
import { dashboard } from '../store/dashboard.ts';
import { deleteTemplate, getTemplate, listTemplates, saveTemplate } from '../store/templates.ts';
import {
  addOrganisation,
  addUser,
  changePassword,
  listUsers,
  login,
  logout,
  requireAdmin,
  type Session,
  session,
  type UserChange,
  updateUser,
  visibleOrganisations,
} from '../store/accounts.ts';
import {
  assignEvaluation,
  createEvaluation,
  deleteEvaluation,
  evaluationLog,
  checkDocument,
  evaluationStamp,
  type Stamp,
  evaluationVersion,
  evaluationVersions,
  getEvaluation,
  getEvaluationText,
  listEvaluations,
  moveEvaluation,
  reviseEvaluation,
  updateEvaluation,
} from '../store/evaluations.ts';
import type { Actor } from '../store/scope.ts';
import { registerCheck } from './check.ts';
import { FEATURES } from './features.ts';
import { idParam, intField, objectBody, sendFile } from './kit.ts';
import { registerDocs } from './openapi.ts';

export const SESSION_COOKIE = 'jixiao_session';
const BODY_LIMIT = 5 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface AppOptions {
  db: Database;
  /** Set the cookie's Secure flag (behind HTTPS). */
  secureCookies?: boolean;
  /** The built web application (dist/web) to serve at `/`; without it only the API is served. */
  webRoot?: string;
  /** The job queue (without one, jobs are recorded and wait for a process that has one). */
  jobs?: JobQueue;
  /** Failed log-ins allowed per client address per minute (default 20). */
  loginFailuresPerMinute?: number;
  /** How long a looked-up session is reused in this process, ms (default 5,000; 0 = never). */
  sessionCacheMs?: number;
  /**
   * Keep read answers by version (default true). False computes every answer afresh and looks every
   * session up (with `sessionCacheMs` unset): the service without its read caches, for comparison.
   */
  readCaches?: boolean;
  logger?: boolean;
}

interface Auth {
  actor: Actor;
  token: string;
  csrfToken: string;
  viaCookie: boolean;
  mustChangePassword: boolean;
}

function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sendError(reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof ServiceError)
    return reply.status(e.status).send({
      error: {
        ...(e.details ?? {}),
        status: e.status,
        code: e.code,
        message: e.message,
        ...(e.issues ? { issues: e.issues } : {}),
      },
    });
  if (e instanceof ReportError)
    return reply.status(422).send({ error: { status: 422, code: e.code, message: e.message } });
  const fe = e as { statusCode?: number; code?: string; message?: string };
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const messages: Record<string, string> = {
      FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的内容类型，请以 application/json 发送',
      FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大（上限 5 MB）',
      FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空',
      FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
    };
    const message =
      messages[fe.code ?? ''] ?? (fe.message?.includes('JSON') ? '请求体不是有效的 JSON' : '请求无效');
    return reply
      .status(fe.statusCode)
      .send({ error: { status: fe.statusCode, code: 'bad-request', message } });
  }
  reply.log.error(e);
  return reply.status(500).send({ error: { status: 500, code: 'internal', message: '服务器内部错误' } });
}

/**
 * Failed log-ins per client address in a sliding minute (against password spraying across
 * accounts; each account also locks after 5 failures). Kept in this process: with several
 * processes the limit applies per process, which still bounds the rate.
 */
class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  private recent(ip: string, now: number): number[] {
    const kept = (this.failures.get(ip) ?? []).filter((t) => now - t < 60_000);
    if (kept.length === 0) this.failures.delete(ip);
    else this.failures.set(ip, kept);
    return kept;
  }
  blocked(ip: string, now = Date.now()): boolean {
    return this.recent(ip, now).length >= this.limit;
  }
  failed(ip: string, now = Date.now()): void {
    this.failures.set(ip, [...this.recent(ip, now), now]);
    if (this.failures.size > 10_000) this.failures.clear(); // bounded, whatever the traffic
  }
}

/** How long a session looked up in the database is reused by this process. */
const SESSION_CACHE_MS = 5_000;

/**
 * Sessions looked up in the last few seconds, by token: reading is most of the traffic and the
 * lookup was a quarter of a read's time on the embedded database. Logging out or changing the
 * password clears this process's entries at once; in other processes a session ended elsewhere
 * stays usable for at most SESSION_CACHE_MS.
 */
class SessionCache {
  private readonly entries = new Map<string, { until: number; session: Promise<Session | undefined> }>();
  private readonly ttl: number;
  constructor(ttl: number) {
    this.ttl = ttl;
  }
  get(
    token: string,
    load: () => Promise<Session | undefined>,
    now = Date.now(),
  ): Promise<Session | undefined> {
    if (this.ttl <= 0) return load();
    const hit = this.entries.get(token);
    if (hit !== undefined && hit.until > now) return hit.session;
    if (this.entries.size > 10_000) this.entries.clear();
    const session = load();
    this.entries.set(token, { until: now + this.ttl, session });
    session.catch(() => this.entries.delete(token));
    return session;
  }
  forgetUser(userId: number): void {
    for (const [token, e] of this.entries)
      void e.session.then((s) => {
        if (s?.user.id === userId) this.entries.delete(token);
      });
  }
}

/** Recent response bodies by what they depend on (evaluation, version, status, time, role). */
class AnswerCache {
  private readonly entries = new Map<string, string>();
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  get(key: string): string | undefined {
    const body = this.entries.get(key);
    if (body !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, body); // most recent last
    }
    return body;
  }
  set(key: string, body: string): void {
    if (this.max <= 0) return;
    this.entries.set(key, body);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value ?? key);
  }
}

/**
 * What the reader may see of an evaluation and which version it is, as found by this process:
 * trusted only while the database has seen no write since (`Database.writes`, embedded only — a
 * server shared by processes is asked every time).
 */
class StampCache {
  private readonly entries = new Map<string, { writes: number; stamp: Stamp }>();
  private readonly db: Database;
  private readonly enabled: boolean;
  constructor(db: Database, enabled: boolean) {
    this.db = db;
    this.enabled = enabled;
  }
  async get(actor: Actor, id: number): Promise<Stamp> {
    const writes = this.enabled ? this.db.writes : undefined;
    if (writes === undefined) return evaluationStamp(this.db, actor, id);
    const key = `${String(actor.id)}:${actor.role}:${String(actor.organisationId)}:${String(id)}`;
    const before = writes();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.writes === before) return hit.stamp;
    const stamp = await evaluationStamp(this.db, actor, id);
    if (writes() === before) {
      if (this.entries.size >= 10_000) this.entries.clear();
      this.entries.set(key, { writes: before, stamp });
    }
    return stamp;
  }
}

export function buildApp(opts: AppOptions): FastifyInstance {
  const { db } = opts;
  const throttle = new LoginThrottle(opts.loginFailuresPerMinute ?? 20);
  const caching = opts.readCaches ?? true;
  const sessions = new SessionCache(opts.sessionCacheMs ?? (caching ? SESSION_CACHE_MS : 0));
  const answers = new AnswerCache(caching ? 256 : 0);
  const stamps = new StampCache(db, caching);
  const stampKey = (id: number, s: Stamp): string =>
    `${String(id)}:${String(s.version)}:${s.status}:${s.updatedAt}`;
  /**
   * A body computed once per version of the evaluation (the reader's scope checked every time),
   * with the key it is kept under (the read's ETag).
   */
  async function byVersion(
    kind: string,
    actor: Actor,
    id: number,
    build: () => Promise<string>,
  ): Promise<{ key: string; body: string }> {
    const key = `${kind}:${stampKey(id, await stamps.get(actor, id))}`;
    let body = answers.get(key);
    if (body === undefined) {
      body = await build();
      answers.set(key, body);
    }
    return { key, body };
  }
  const sendJson = (reply: FastifyReply, body: string): FastifyReply =>
    reply.header('content-type', 'application/json; charset=utf-8').send(body);
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: BODY_LIMIT });
  app.setErrorHandler((e, _req, reply) => sendError(reply, e));
  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ error: { status: 404, code: 'not-found', message: '没有这个地址' } }),
  );
  registerDocs(app);
  // what a browser is told on every answer: no sniffing, no framing by other sites, no referrer leaks
  app.addHook('onSend', async (_req, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
  });
  if (opts.webRoot !== undefined)
    void app.register(fastifyStatic, {
      root: opts.webRoot,
      prefix: '/',
      index: ['index.html'],
      // the built files carry their hash in the name: kept a year; the page itself always asked again
      setHeaders: (res, path) => {
        void res.header(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });

  async function authenticate(req: FastifyRequest): Promise<Auth> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = cookies(req.headers.cookie).get(SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (token === undefined || token.length > 200) throw new ServiceError(401, 'unauthorised', '请先登录');
    const s = await sessions.get(token, () => session(db, token));
    if (s === undefined) throw new ServiceError(401, 'unauthorised', '登录已过期，请重新登录');
    const viaCookie = bearer === undefined;
    if (viaCookie && MUTATING.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, s.csrfToken))
        throw forbidden('缺少或错误的 CSRF 令牌（X-CSRF-Token）');
    }
    return {
      actor: s.user,
      token,
      csrfToken: s.csrfToken,
      viaCookie,
      mustChangePassword: s.mustChangePassword,
    };
  }

  const cookieHeader = (value: string, maxAge: number): string =>
    `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${String(maxAge)}${
      opts.secureCookies === true ? '; Secure' : ''
    }`;

  app.post('/api/login', async (req, reply) => {
    if (throttle.blocked(req.ip)) throw new ServiceError(429, 'throttled', '登录尝试过于频繁，请稍后再试');
    const body = objectBody(req);
    const { username, password } = body;
    if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '')
      throw badInput('请输入用户名和密码', [
        ...(typeof username === 'string' && username !== '' ? [] : [{ path: 'username', message: '必填' }]),
        ...(typeof password === 'string' && password !== '' ? [] : [{ path: 'password', message: '必填' }]),
      ]);
    let l;
    try {
      l = await login(db, username.slice(0, 200), password.slice(0, 1024));
    } catch (e) {
      if (e instanceof ServiceError && (e.status === 401 || e.status === 423)) throttle.failed(req.ip);
      throw e;
    }
    // a browser gets the session as an HttpOnly cookie only; a script asks for a bearer token
    const user = { ...publicUser(l.user), mustChangePassword: l.mustChangePassword };
    if (body['bearer'] === true) return { user, token: l.token };
    void reply.header('set-cookie', cookieHeader(l.token, 12 * 3600));
    return { user, csrfToken: l.csrfToken };
  });

  app.post('/api/logout', async (req, reply) => {
    const a = await authenticate(req);
    await logout(db, a.token);
    sessions.forgetUser(a.actor.id);
    void reply.header('set-cookie', cookieHeader('', 0));
    return { ok: true };
  });

  app.get('/api/me', async (req) => {
    const a = await authenticate(req);
    return {
      user: { ...publicUser(a.actor), mustChangePassword: a.mustChangePassword },
      csrfToken: a.csrfToken,
    };
  });

  app.get('/api/organisations', async (req) => {
    const a = await authenticate(req);
    return { organisations: await visibleOrganisations(db, a.actor) };
  });

  app.get('/api/templates', async (req) => {
    await authenticate(req);
    return { templates: await listTemplates(db) };
  });

  app.get('/api/evaluations', async (req) => {
    const a = await authenticate(req);
    const q = req.query as Record<string, string | undefined>;
    return {
      evaluations: await listEvaluations(db, a.actor, {
        ...(q['year'] === undefined ? {} : { fiscalYear: intField(q['year'], 'year') }),
        ...(q['organisation'] === undefined
          ? {}
          : { organisationId: intField(q['organisation'], 'organisation') }),
        ...(q['kind'] === undefined ? {} : { kind: q['kind'] }),
        ...(q['status'] === undefined ? {} : { status: q['status'] }),
      }),
    };
  });

  app.post('/api/evaluations', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const created = await createEvaluation(db, a.actor, {
      organisationId: intField(body['organisationId'], 'organisationId'),
      ...(typeof body['templateId'] === 'string' ? { templateId: body['templateId'] } : {}),
      ...(body['fiscalYear'] === undefined ? {} : { fiscalYear: intField(body['fiscalYear'], 'fiscalYear') }),
      ...(typeof body['mode'] === 'string' ? { mode: body['mode'] } : {}),
      ...(body['document'] === undefined ? {} : { document: body['document'] }),
    });
    return reply.status(201).send({ evaluation: withActions(created, a.actor) });
  });

  app.get('/api/evaluations/:id', async (req, reply) => {
    const a = await authenticate(req);
    const id = idParam(req);
    // the answer depends on the version and on the reader's role (the workflow actions open to it)
    const { key, body } = await byVersion(`read-${a.actor.role}`, a.actor, id, async () => {
      const { document, ...rest } = await getEvaluationText(db, a.actor, id);
      const head = JSON.stringify({ ...withActions(rest, a.actor) });
      return `{"evaluation":${head.slice(0, -1)},"document":${document}}}`;
    });
    return sendJson(reply.header('etag', `"${key}"`), body);
  });

  app.put('/api/evaluations/:id', async (req) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const saved = await updateEvaluation(
      db,
      a.actor,
      idParam(req),
      intField(body['version'], 'version'),
      body['document'],
    );
    return { evaluation: withActions(saved, a.actor) };
  });

  app.delete('/api/evaluations/:id', async (req, reply) => {
    const a = await authenticate(req);
    const q = req.query as Record<string, string | undefined>;
    await deleteEvaluation(db, a.actor, idParam(req), intField(q['version'], 'version'));
    return reply.status(204).send();
  });

  app.post('/api/evaluations/:id/workflow', async (req) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const action = body['action'];
    if (typeof action !== 'string' || !isWorkflowAction(action))
      throw badInput(`未知的流程操作“${String(action).slice(0, 40)}”`, [
        { path: 'action', message: '未知操作' },
      ]);
    const reason = typeof body['reason'] === 'string' ? body['reason'] : undefined;
    return {
      evaluation: withActions(await moveEvaluation(db, a.actor, idParam(req), action, reason), a.actor),
    };
  });

  app.get('/api/evaluations/:id/log', async (req) => {
    const a = await authenticate(req);
    return { log: await evaluationLog(db, a.actor, idParam(req)) };
  });

  app.get('/api/dashboard', async (req) => {
    const a = await authenticate(req);
    const q = req.query as Record<string, string | undefined>;
    return dashboard(db, a.actor, q['year'] === undefined ? undefined : intField(q['year'], 'year'));
  });

  // an unsaved document scored and audited (the editor's live figures); nothing is stored
  app.post('/api/preview', async (req) => {
    await authenticate(req);
    const body = objectBody(req);
    if (body['document'] === undefined)
      throw badInput('缺少评价文件（document）', [{ path: 'document', message: '必填' }]);
    checkDocument(body['document']); // 400 naming every wrong field
    const result = scoreEvaluation(parseEvaluation(body['document']));
    return { score: scoreToJson(result), audit: auditToJson(auditEvaluation(result)) };
  });

  // the score and the findings of a version never change: computed once, the scope checked every time
  app.get('/api/evaluations/:id/score', async (req, reply) => {
    const a = await authenticate(req);
    const id = idParam(req);
    const { body } = await byVersion('score', a.actor, id, async () => {
      const ev = await getEvaluation(db, a.actor, id);
      return JSON.stringify(scoreToJson(scoreEvaluation(parseEvaluation(ev.document))));
    });
    return sendJson(reply, body);
  });

  app.get('/api/evaluations/:id/audit', async (req, reply) => {
    const a = await authenticate(req);
    const id = idParam(req);
    const { body } = await byVersion('audit', a.actor, id, async () => {
      const ev = await getEvaluation(db, a.actor, id);
      return JSON.stringify(auditToJson(auditEvaluation(scoreEvaluation(parseEvaluation(ev.document)))));
    });
    return sendJson(reply, body);
  });

  /** The report type asked for (`?type=`, default department), or 400 naming the field. */
  const reportType = (req: FastifyRequest): ReportType => {
    const type = (req.query as Record<string, string | undefined>)['type'] ?? 'department';
    if (!(type in REPORT_NAMES))
      throw badInput(`未知的报告类型“${type.slice(0, 40)}”`, [{ path: 'type', message: '未知类型' }]);
    return type as ReportType;
  };
  /** A report of the evaluation as the reader may see it, with the evaluation's title. */
  const render = async (
    actor: Actor,
    id: number,
    type: ReportType,
    format: ReportFormat,
  ): Promise<{ title: string; bytes: Buffer }> => {
    const ev = await getEvaluation(db, actor, id);
    const result = scoreEvaluation(parseEvaluation(ev.document));
    const bytes = await renderReport({ result, findings: auditEvaluation(result) }, { type, format });
    return { title: ev.title, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  };

  app.get('/api/evaluations/:id/report', async (req, reply) => {
    const a = await authenticate(req);
    const type = reportType(req);
    const format = (req.query as Record<string, string | undefined>)['format'] ?? 'docx';
    if (format !== 'docx' && format !== 'xlsx' && format !== 'pdf')
      throw badInput(`未知的格式“${format.slice(0, 20)}”`, [
        { path: 'format', message: '应为 docx、xlsx 或 pdf' },
      ]);
    if (!REPORT_FORMATS[type].includes(format))
      throw badInput(`${REPORT_NAMES[type]}没有 ${format} 格式`, [
        { path: 'format', message: '该报告不支持此格式' },
      ]);
    const { title, bytes } = await render(a.actor, idParam(req), type, format);
    const name = `${title}-${REPORT_NAMES[type]}.${format}`;
    return sendFile(reply, bytes, REPORT_MIME[format], name, `report.${format}`);
  });

  // a report shown in the page before it is downloaded: the Word document as HTML (charts inline)
  app.get('/api/evaluations/:id/report/preview', async (req, reply) => {
    const a = await authenticate(req);
    const id = idParam(req);
    const type = reportType(req);
    const { body } = await byVersion(`preview:${type}`, a.actor, id, async () => {
      const { title, bytes } = await render(a.actor, id, type, 'docx');
      const { value } = await mammoth.convertToHtml({ buffer: bytes });
      return JSON.stringify({ title: `${title}-${REPORT_NAMES[type]}`, html: value });
    });
    return sendJson(reply, body);
  });

  app.get('/api/users', async (req) => {
    const a = await authenticate(req);
    return { users: await listUsers(db, a.actor) };
  });

  app.post('/api/users', async (req, reply) => {
    const a = await authenticate(req);
    requireAdmin(a.actor);
    const body = objectBody(req);
    const role = body['role'];
    if (typeof role !== 'string' || !isRole(role))
      throw badInput('未知角色', [{ path: 'role', message: '未知角色' }]);
    const text = (key: string): string => {
      const v = body[key];
      if (typeof v !== 'string' || v === '') throw badInput(`缺少 ${key}`, [{ path: key, message: '必填' }]);
      return v;
    };
    const user = await addUser(db, a.actor, {
      username: text('username'),
      displayName: text('displayName'),
      role,
      organisationId:
        body['organisationId'] === undefined || body['organisationId'] === null
          ? null
          : intField(body['organisationId'], 'organisationId'),
      password: text('password'),
      mustChangePassword: body['mustChangePassword'] !== false,
    });
    return reply.status(201).send({ user: publicUser(user) });
  });

  app.patch('/api/users/:id', async (req) => {
    const a = await authenticate(req);
    requireAdmin(a.actor);
    const body = objectBody(req);
    const known = ['displayName', 'role', 'organisationId', 'disabled', 'password', 'unlock'];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length > 0)
      throw badInput(
        `不能修改的字段：${unknown.join('、').slice(0, 100)}`,
        unknown.map((path) => ({ path, message: '不能修改' })),
      );
    const change: UserChange = {};
    const role = body['role'];
    if (role !== undefined) {
      if (typeof role !== 'string' || !isRole(role))
        throw badInput('未知角色', [{ path: 'role', message: '未知角色' }]);
      change.role = role;
    }
    for (const key of ['displayName', 'password'] as const) {
      const v = body[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.length > 200)
        throw badInput(`${key} 应为文字`, [{ path: key, message: '应为文字' }]);
      change[key] = v;
    }
    for (const key of ['disabled', 'unlock'] as const) {
      const v = body[key];
      if (v === undefined) continue;
      if (typeof v !== 'boolean')
        throw badInput(`${key} 应为 true 或 false`, [{ path: key, message: '应为布尔值' }]);
      change[key] = v;
    }
    if (body['organisationId'] !== undefined)
      change.organisationId =
        body['organisationId'] === null ? null : intField(body['organisationId'], 'organisationId');
    const id = idParam(req);
    const user = await updateUser(db, a.actor, id, change);
    sessions.forgetUser(id);
    return { user };
  });

  app.post('/api/me/password', async (req) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const current = body['currentPassword'];
    const next = body['newPassword'];
    if (typeof current !== 'string' || typeof next !== 'string')
      throw badInput('请输入当前密码和新密码', [{ path: 'newPassword', message: '必填' }]);
    await changePassword(db, a.actor, current, next, tokenHash(a.token));
    sessions.forgetUser(a.actor.id);
    return { ok: true };
  });

  app.post('/api/organisations', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const org = await db.transaction((tx) =>
      addOrganisation(tx, a.actor, {
        parentId:
          body['parentId'] === undefined || body['parentId'] === null
            ? null
            : intField(body['parentId'], 'parentId'),
        kind: (typeof body['kind'] === 'string' ? body['kind'] : '') as 'unit',
        name: typeof body['name'] === 'string' ? body['name'] : '',
        region: typeof body['region'] === 'string' ? body['region'] : '',
      }),
    );
    return reply.status(201).send({ organisation: org });
  });

  app.post('/api/evaluations/:id/assignments', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    await assignEvaluation(db, a.actor, idParam(req), intField(body['organisationId'], 'organisationId'));
    return reply.status(204).send();
  });

  app.post('/api/evaluations/:id/revise', async (req) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const reason = typeof body['reason'] === 'string' ? body['reason'] : undefined;
    return { evaluation: withActions(await reviseEvaluation(db, a.actor, idParam(req), reason), a.actor) };
  });

  app.get('/api/evaluations/:id/versions', async (req) => {
    const a = await authenticate(req);
    return { versions: await evaluationVersions(db, a.actor, idParam(req)) };
  });

  app.get('/api/evaluations/:id/versions/:version', async (req) => {
    const a = await authenticate(req);
    const version = intField((req.params as { version?: string }).version, 'version');
    return { version, document: await evaluationVersion(db, a.actor, idParam(req), version) };
  });

  app.post('/api/jobs', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const { kind, params } = checkJob(body['kind'], body);
    const job = await enqueueJob(db, a.actor, kind, params, opts.jobs);
    return reply.status(202).send({ job });
  });

  app.get('/api/jobs', async (req) => {
    const a = await authenticate(req);
    return { jobs: await listJobs(db, a.actor) };
  });

  app.get('/api/jobs/:id', async (req) => {
    const a = await authenticate(req);
    return { job: await getJob(db, a.actor, idParam(req)) };
  });

  app.get('/api/jobs/:id/file', async (req, reply) => {
    const a = await authenticate(req);
    const file = await jobFile(db, a.actor, idParam(req));
    return sendFile(reply, file.data, file.contentType, file.name, 'jobs.zip');
  });

  // Excel: the import workbook of a template, and a filled workbook uploaded as a new evaluation
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, body);
  });

  app.get('/api/templates/:template', async (req) => {
    await authenticate(req);
    const id = (req.params as { template?: string }).template ?? '';
    const found = await getTemplate(db, id);
    if (found === undefined) throw new ServiceError(404, 'not-found', `没有模板“${id.slice(0, 60)}”`);
    return { template: found.info, document: found.template.build() };
  });

  app.post('/api/templates', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const text = (key: string): string | undefined => {
      const v = body[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string' || v.length > 2000)
        throw badInput(`${key} 应为文字`, [{ path: key, message: '应为文字' }]);
      return v;
    };
    const name = text('name');
    if (name === undefined) throw badInput('请填写模板名称', [{ path: 'name', message: '必填' }]);
    const locality = text('locality');
    const description = text('description');
    const template = await saveTemplate(db, a.actor, {
      evaluationId: intField(body['evaluationId'], 'evaluationId'),
      name,
      ...(locality === undefined ? {} : { locality }),
      ...(description === undefined ? {} : { description }),
      ...(body['year'] === undefined || body['year'] === null
        ? {}
        : { year: intField(body['year'], 'year') }),
    });
    return reply.status(201).send({ template });
  });

  app.delete('/api/templates/:template', async (req, reply) => {
    const a = await authenticate(req);
    await deleteTemplate(db, a.actor, (req.params as { template?: string }).template ?? '');
    return reply.status(204).send();
  });

  app.get('/api/templates/:template/workbook', async (req, reply) => {
    await authenticate(req);
    const id = (req.params as { template?: string }).template ?? '';
    const template = (await getTemplate(db, id))?.template;
    if (template === undefined) throw new ServiceError(404, 'not-found', `没有模板“${id.slice(0, 60)}”`);
    const bytes = await buildImportTemplate({ from: template.build() });
    return sendFile(reply, bytes, XLSX, `${template.name}-导入模板.xlsx`, 'template.xlsx');
  });

  app.post('/api/evaluations/import', async (req, reply) => {
    const a = await authenticate(req);
    if (!Buffer.isBuffer(req.body)) throw badInput(`请以 ${XLSX} 上传 Excel 工作簿`);
    const q = req.query as Record<string, string | undefined>;
    let document: unknown;
    try {
      document = await importWorkbook(new Uint8Array(req.body));
    } catch (e) {
      if (e instanceof ImportError)
        throw badInput(
          `工作簿有误：${e.message.split('\n').slice(0, 20).join('；')}`,
          e.issues.map((i) => ({ path: issueLocation(i), message: i.message })),
        );
      throw badInput('无法读取该文件：请上传 jixiao 导入模板格式的 .xlsx 工作簿');
    }
    const created = await createEvaluation(db, a.actor, {
      organisationId: intField(q['organisationId'], 'organisationId'),
      document,
    });
    return reply.status(201).send({ evaluation: withActions(created, a.actor) });
  });

  // 报告检查: a report file checked as it is handed in (its own body parser and limit); nothing stored
  registerCheck(app, authenticate);
  for (const feature of FEATURES) feature.register(app, { db, authenticate });

  return app;
}

function publicUser(u: Actor): Actor & { roleName: string } {
  return { ...u, roleName: ROLE_NAMES[u.role] };
}

function withActions<T extends { status: keyof typeof STATUS_NAMES }>(
  ev: T,
  actor: Actor,
): T & { statusName: string; actions: string[] } {
  return { ...ev, statusName: STATUS_NAMES[ev.status], actions: allowedActions(actor.role, ev.status) };
}

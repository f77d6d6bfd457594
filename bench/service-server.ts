/**
 * The service as `npm start` runs it, for the `service` benchmark: open the database, migrate, seed
 * (seedIfEmpty), create the admin with a known password, buildApp, listen on 127.0.0.1 on a free
 * port. `startService` does it in the calling process; run as a script (forked by bench/service.ts)
 * it does it in a process of its own, so that the load generator does not share its event loop:
 *
 *   node bench/service-server.ts <memory | dir:/path | postgres://…> <admin password> [--experiments]
 *
 * Over IPC the child sends `{ kind: 'ready', … }` once it listens (or `{ kind: 'error' }`), answers
 * 'reset' and 'read' with the server's own figures (`ServerStats`), and closes the server and the
 * database and exits on 'stop' or when the parent disconnects (the parent ending included).
 *
 * The benchmark adds one `onResponse` hook, to time each request inside the server. With
 * `--experiments` a second app listens beside the first, on the same database, to try changes
 * without touching src/:
 * - `cachedUrl`: the same app, but the session lookup (one SELECT per request) is answered from
 *   memory for 10 s;
 * - on both apps, `GET /bench/evaluations/:id` answers with what `GET /api/evaluations/:id` sends,
 *   but the document is read as text (`document::text`) and spliced into the response instead of
 *   being parsed (by the database driver) and serialised again (by fastify);
 * - on the second app, `GET /bench/versioned/:id` answers the same from a response kept in memory,
 *   checked against the evaluation's version by one small SELECT.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { STATUS_NAMES, type Status, allowedActions } from '../src/server/auth/index.ts';
import { type Database, type Queryable, openEmbedded, openPostgres } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/http/app.ts';
import { ensureAdmin, seedIfEmpty } from '../src/server/seed.ts';
import { session } from '../src/server/store/accounts.ts';
import { getEvaluation } from '../src/server/store/evaluations.ts';
import { evaluationScope } from '../src/server/store/scope.ts';

export interface SetupMs {
  open: number;
  migrate: number;
  seed: number;
  admin: number;
  listen: number;
}

/** What the server saw between 'reset' and 'read'. */
export interface ServerStats {
  requests: number;
  /** fastify's reply.elapsedTime: from the parsed request to the response handed to the socket. */
  latencyMs: { p50: number; p99: number; max: number };
  /** Share of the time the server's event loop was busy (1 = never idle). */
  eventLoopBusy: number;
  /** How late a 10 ms timer fired: how long the event loop was blocked at a stretch. */
  loopDelayMs: { p99: number; max: number };
  /** Session lookups answered from the experiments' cache (0 unless it is in use). */
  sessionCacheHits: number;
}

export interface ServiceHandle {
  /** http://127.0.0.1:<port> */
  url: string;
  /** With `experiments`: the second app, with the session lookup cached. */
  cachedUrl: string | undefined;
  setupMs: SetupMs;
  db: Database;
  resetStats(): void;
  readStats(): ServerStats;
  close(): Promise<void>;
}

/** `memory`, `dir:<path>` (PGlite) or a postgres:// URL. */
async function open(target: string): Promise<Database> {
  if (target === 'memory') return openEmbedded();
  if (target.startsWith('dir:')) return openEmbedded(target.slice(4));
  if (/^postgres(ql)?:\/\//.test(target)) return openPostgres(target);
  throw new Error(`unknown database: ${target} (memory, dir:<path> or postgres://…)`);
}

/** The SELECT of `session()` (src/server/store/accounts.ts). */
const SESSION_SQL = /^\s*select u\.id, u\.username[\s\S]* from sessions s join users u/;

/**
 * The session query's rows kept for `ms` per token hash. Only the SELECT of `session()` is cached;
 * every other statement goes to the database.
 */
function withSessionCache(db: Database, ms: number, hits: { n: number }): Database {
  const cache = new Map<string, { at: number; rows: unknown[]; rowCount: number }>();
  return {
    ...db,
    kind: db.kind,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const key = SESSION_SQL.test(sql) && typeof params[0] === 'string' ? params[0] : undefined;
      if (key === undefined) return db.query<T>(sql, params);
      const hit = cache.get(key);
      if (hit !== undefined && performance.now() - hit.at < ms) {
        hits.n++;
        return { rows: hit.rows as T[], rowCount: hit.rowCount };
      }
      const r = await db.query<T>(sql, params);
      cache.set(key, { at: performance.now(), rows: r.rows, rowCount: r.rowCount });
      return r;
    },
  };
}

interface RawRow {
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
  document: string;
}

/**
 * `GET /bench/evaluations/:id`: what `GET /api/evaluations/:id` sends (the same fields in the same
 * order, the same checks for an admin's bearer token), with the stored document sent as the text
 * PostgreSQL gives instead of parse + stringify.
 */
function addRawRoute(app: FastifyInstance, db: Queryable): void {
  app.get('/bench/evaluations/:id', async (req, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const s = token === undefined ? undefined : await session(db, token);
    if (s === undefined) return reply.status(401).send({ error: { status: 401 } });
    const scope = evaluationScope(s.user, 2);
    const r = await db.query<RawRow>(
      `select e.id, e.organisation_id, o.name as organisation_name, e.fiscal_year, e.kind, e.mode, e.title,
              e.status, e.version, e.total, e.total_weight, e.grade, e.updated_at, e.document::text as document
         from evaluations e join organisations o on o.id = e.organisation_id where e.id = $1 and ${scope.sql}`,
      [Number((req.params as { id: string }).id), ...scope.params],
    );
    const row = r.rows[0];
    if (row === undefined) return reply.status(404).send({ error: { status: 404 } });
    const head = JSON.stringify({
      id: row.id,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      fiscalYear: row.fiscal_year,
      kind: row.kind,
      mode: row.mode,
      title: row.title,
      status: row.status,
      version: row.version,
      total: row.total,
      totalWeight: row.total_weight,
      grade: row.grade,
      updatedAt: row.updated_at.toISOString(),
    });
    const tail = JSON.stringify({
      statusName: STATUS_NAMES[row.status],
      actions: allowedActions(s.user.role, row.status),
    });
    return reply
      .type('application/json; charset=utf-8')
      .send(`{"evaluation":${head.slice(0, -1)},"document":${row.document},${tail.slice(1)}}`);
  });
}

/**
 * `GET /bench/versioned/:id`: the response of `GET /api/evaluations/:id` kept in memory, keyed by the
 * evaluation's id, version, status and update time (read by one small SELECT that also applies the
 * actor's scope) and the actor's role (the actions offered depend on it).
 */
function addVersionedRoute(app: FastifyInstance, db: Queryable): void {
  const responses = new Map<string, string>();
  app.get('/bench/versioned/:id', async (req, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const s = token === undefined ? undefined : await session(db, token);
    if (s === undefined) return reply.status(401).send({ error: { status: 401 } });
    const id = Number((req.params as { id: string }).id);
    const scope = evaluationScope(s.user, 2);
    const r = await db.query<{ version: number; status: Status; updated_at: Date }>(
      `select e.version, e.status, e.updated_at from evaluations e join organisations o on o.id = e.organisation_id
        where e.id = $1 and ${scope.sql}`,
      [id, ...scope.params],
    );
    const row = r.rows[0];
    if (row === undefined) return reply.status(404).send({ error: { status: 404 } });
    const key = `${String(id)}:${String(row.version)}:${row.status}:${row.updated_at.toISOString()}:${s.user.role}`;
    let body = responses.get(key);
    if (body === undefined) {
      const ev = await getEvaluation(db, s.user, id);
      body = JSON.stringify({
        evaluation: {
          ...ev,
          statusName: STATUS_NAMES[ev.status],
          actions: allowedActions(s.user.role, ev.status),
        },
      });
      if (ev.version === row.version && ev.status === row.status) responses.set(key, body);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** The server's own view: time per request inside the process, event-loop busy and blocked. */
function serverStats(
  apps: readonly FastifyInstance[],
  hits: { n: number },
): Pick<ServiceHandle, 'resetStats' | 'readStats'> {
  let times: number[] = [];
  for (const app of apps)
    app.addHook('onResponse', async (_req, reply) => {
      times.push(reply.elapsedTime);
    });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  return {
    resetStats() {
      times = [];
      hits.n = 0;
      delay.reset();
      elu = performance.eventLoopUtilization();
    },
    readStats() {
      const sorted = Float64Array.from(times).sort();
      const ms = (ns: number): number => Math.max(0, ns / 1e6 - 10);
      return {
        requests: sorted.length,
        latencyMs: {
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.at(-1) ?? 0,
        },
        eventLoopBusy: performance.eventLoopUtilization(elu).utilization,
        loopDelayMs: { p99: ms(delay.percentile(99)), max: ms(delay.max) },
        sessionCacheHits: hits.n,
      };
    },
  };
}

/** Opens, migrates, seeds and listens; `close()` stops the server(s), then the database. */
export async function startService(
  target: string,
  password: string,
  opts: { experiments?: boolean } = {},
): Promise<ServiceHandle> {
  const t = [performance.now()];
  const mark = (): number => {
    t.push(performance.now());
    return (t.at(-1) ?? 0) - (t.at(-2) ?? 0);
  };
  const db = await open(target);
  const apps: FastifyInstance[] = [];
  const close = async (): Promise<void> => {
    try {
      for (const app of apps) await app.close();
    } finally {
      await db.close();
    }
  };
  try {
    const setupMs: SetupMs = { open: mark(), migrate: 0, seed: 0, admin: 0, listen: 0 };
    await migrate(db);
    setupMs.migrate = mark();
    await seedIfEmpty(db);
    setupMs.seed = mark();
    await ensureAdmin(db, { JIXIAO_ADMIN_PASSWORD: password });
    setupMs.admin = mark();
    const hits = { n: 0 };
    const plain = buildApp({ db });
    apps.push(plain);
    if (opts.experiments === true) {
      const cachedDb = withSessionCache(db, 10_000, hits);
      const cached = buildApp({ db: cachedDb });
      apps.push(cached);
      addRawRoute(plain, db);
      addRawRoute(cached, cachedDb);
      addVersionedRoute(cached, cachedDb);
    }
    const stats = serverStats(apps, hits);
    const urls: string[] = [];
    for (const app of apps) urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    setupMs.listen = mark();
    let closing: Promise<void> | undefined;
    return {
      url: urls[0] ?? '',
      cachedUrl: urls[1],
      setupMs,
      db,
      ...stats,
      close: () => (closing ??= close()),
    };
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
}

export type ToParent =
  | { kind: 'ready'; url: string; cachedUrl: string | undefined; setupMs: SetupMs }
  | { kind: 'error'; error: string }
  | { kind: 'reset' }
  | { kind: 'stats'; stats: ServerStats };
export type ToChild = 'stop' | 'reset' | 'read';

async function child(): Promise<void> {
  const [target, password, ...flags] = process.argv.slice(2);
  const send = (m: ToParent): void => void process.send?.(m);
  if (target === undefined || password === undefined) {
    send({ kind: 'error', error: 'usage: service-server.ts <memory | dir:/path | postgres://…> <password>' });
    process.exit(2);
  }
  let handle: ServiceHandle | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (handle?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  // the parent ended or let go of us: stop, whatever state we are in
  process.on('disconnect', stop);
  process.once('SIGTERM', stop);
  process.on('message', (m: ToChild) => {
    if (m === 'stop') stop();
    else if (m === 'reset') {
      handle?.resetStats();
      send({ kind: 'reset' });
    } else if (handle) send({ kind: 'stats', stats: handle.readStats() });
  });
  try {
    handle = await startService(target, password, { experiments: flags.includes('--experiments') });
    if (stopping) await handle.close();
    else send({ kind: 'ready', url: handle.url, cachedUrl: handle.cachedUrl, setupMs: handle.setupMs });
  } catch (e) {
    send({ kind: 'error', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    process.exit(1);
  }
}

if (import.meta.main) await child();

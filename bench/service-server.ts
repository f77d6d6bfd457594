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
 * `--experiments` a second app listens beside the first, on the same database: the same service
 * with its read caches off (`readCaches: false`: every session looked up, every answer computed).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { type Database, openEmbedded, openPostgres } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/http/app.ts';
import { ensureAdmin, seedIfEmpty } from '../src/server/seed.ts';

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
}

export interface ServiceHandle {
  /** http://127.0.0.1:<port> */
  url: string;
  /** With `experiments`: the second app, the service with its read caches off. */
  uncachedUrl: string | undefined;
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

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** The server's own view: time per request inside the process, event-loop busy and blocked. */
function serverStats(apps: readonly FastifyInstance[]): Pick<ServiceHandle, 'resetStats' | 'readStats'> {
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
    apps.push(buildApp({ db }));
    if (opts.experiments === true) apps.push(buildApp({ db, readCaches: false }));
    const stats = serverStats(apps);
    const urls: string[] = [];
    for (const app of apps) urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    setupMs.listen = mark();
    let closing: Promise<void> | undefined;
    return {
      url: urls[0] ?? '',
      uncachedUrl: urls[1],
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
  | { kind: 'ready'; url: string; uncachedUrl: string | undefined; setupMs: SetupMs }
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
    else send({ kind: 'ready', url: handle.url, uncachedUrl: handle.uncachedUrl, setupMs: handle.setupMs });
  } catch (e) {
    send({ kind: 'error', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    process.exit(1);
  }
}

if (import.meta.main) await child();

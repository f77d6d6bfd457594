/**
 * The service under load: requests per second and latency reading a scored evaluation (seed 002,
 * 嵩明县总工会, 42 leaf indicators) at 100 concurrent connections on loopback, with autocannon, on
 * the embedded database (PGlite, in a temporary data directory) and on a PostgreSQL server (a
 * throwaway one from test/support/postgres.ts, or skipped with the reason).
 *
 * For each database the service is started as `npm start` starts it (bench/service-server.ts:
 * migrate, seedIfEmpty, ensureAdmin, buildApp on 127.0.0.1, port 0) in a child process, so that
 * autocannon's load generation does not share the server's event loop; the admin logs in once with
 * `{ bearer: true }`; each endpoint then gets a warm-up and a measured run with
 * `Authorization: Bearer <token>`. Besides autocannon's figures: the CPU time per request of the
 * server's process, of the PostgreSQL backends and of autocannon (Linux /proc), and the server's own
 * view (time inside the process, event loop busy).
 *
 * The full run adds: fewer connections (1 to 50); the server in the benchmark's own process (sharing
 * autocannon's event loop); the parts of one request timed one at a time; and the service with its
 * read caches off (every session looked up, every answer computed) against it as it is, in
 * interleaved rounds.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import { scoreToJson } from '../src/core/output.ts';
import { type Database as Db } from '../src/server/db/database.ts';
import { session } from '../src/server/store/accounts.ts';
import { getEvaluation } from '../src/server/store/evaluations.ts';
import { type TestPostgres, postgresUnavailableReason, startTestPostgres } from '../test/support/postgres.ts';
import {
  type ServerStats,
  type ServiceHandle,
  type SetupMs,
  type ToChild,
  type ToParent,
  startService,
} from './service-server.ts';

/** What is used of autocannon (it ships no types): a run is an event emitter and a promise. */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total?: number };
}
interface AutocannonRun extends PromiseLike<AutocannonResult> {
  /** Ends the run at its next one-second tick. */
  stop(): void;
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
  ): this;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => AutocannonRun;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export const CONNECTIONS = 100;
/** The target: p99 below this many ms reading a scored evaluation at 100 connections. */
export const TARGET_P99_MS = 50;
const PASSWORD = 'Bench-Passw0rd!';
/** Seed 002's department (examples/seeds/002_bcba853156c95a30.json). */
export const SEED_002_UNIT = '嵩明县总工会';

export type BackendName = 'PGlite' | 'PostgreSQL';
export type Where = 'child process' | 'bench process';

export interface Load {
  /** Where the server ran: its own process, or the benchmark's (beside autocannon). */
  server: Where;
  endpoint: string;
  connections: number;
  /** The connections were opened at the start of the measured window, not warmed up. */
  freshConnections: boolean;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Bytes of one response body. */
  bodyBytes: number;
  /**
   * CPU ms per request: the server's process (undefined when it is the benchmark's); the PostgreSQL
   * backends (undefined for PGlite, which runs inside the server's process); the benchmark's
   * process (autocannon, plus the server when it runs there). Undefined where /proc is missing.
   */
  cpuMsPerRequest: { server?: number; database?: number; bench?: number };
  /** The server's own view of the measured run. */
  serverSide: ServerStats;
}

export interface Experiment {
  variant: string;
  endpoint: string;
  rounds: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Medians over the rounds. */
  latencyMs: { p50: number; p99: number };
  serverP99Ms: number;
  errors: number;
  non2xx: number;
  cpuMsPerRequest: { server?: number; database?: number; bench?: number };
}

/** One request's parts, one at a time in the benchmark's process: median ms per call. */
export interface Parts {
  sessionLookup: number;
  readEvaluation: number;
  /** JSON.parse of the stored document's text (what the driver does for jsonb). */
  parseDocument: number;
  /** JSON.stringify of the response to GET /api/evaluations/:id. */
  stringifyResponse: number;
  /** parseEvaluation + scoreEvaluation + scoreToJson + JSON.stringify: GET …/score past the read. */
  score: number;
}

export interface BackendRun {
  backend: BackendName;
  /** How the database was had. */
  database: string;
  setupMs: SetupMs;
  evaluationId: number;
  loads: Load[];
  parts: Parts | undefined;
  experiments: Experiment[];
}

export interface ServiceRun {
  cores: number;
  loadAverage: string;
  connections: number;
  warmUpSeconds: number;
  seconds: number;
  backends: (BackendRun | { backend: BackendName; skipped: string })[];
}

/** The figure the target is judged on: 100 connections, the evaluation, server in its own process. */
export function headline(b: BackendRun): Load | undefined {
  return b.loads.find(
    (l) =>
      l.server === 'child process' &&
      l.connections === CONNECTIONS &&
      !l.freshConnections &&
      l.endpoint === 'GET /api/evaluations/:id',
  );
}

// ---------------------------------------------------------------------------------------------------
// CPU time (Linux /proc; undefined elsewhere)

const TICKS_PER_SECOND = 100;

function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // after "pid (comm) ": field 3 onwards; utime and stime are fields 14 and 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function sumCpuMs(pids: readonly number[]): number | undefined {
  let sum = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === undefined) return undefined;
    sum += ms;
  }
  return sum;
}

const benchCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// ---------------------------------------------------------------------------------------------------
// The server: a child process, or this one

interface Server {
  url: string;
  uncachedUrl: string | undefined;
  setupMs: SetupMs;
  where: Where;
  /** The server's own process, when it has one. */
  pid: number | undefined;
  /** The database, when the server runs in this process. */
  db: Db | undefined;
  resetStats(): Promise<void>;
  readStats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
let exitHook = false;

/** Children left running when the benchmark dies are killed (their IPC also closes then). */
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
}

function next<K extends ToParent['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<ToParent, { kind: K }>> {
  return new Promise((resolve) => {
    const on = (m: ToParent): void => {
      if (m.kind !== kind) return;
      child.off('message', on);
      resolve(m as Extract<ToParent, { kind: K }>);
    };
    child.on('message', on);
  });
}

async function startChild(target: string, experiments: boolean): Promise<Server> {
  installExitHook();
  const child = fork(
    join(import.meta.dirname, 'service-server.ts'),
    [target, PASSWORD, ...(experiments ? ['--experiments'] : [])],
    { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  void exited.then(() => children.delete(child));
  const send = (m: ToChild): void => {
    child.send(m);
  };
  /** Sends `m` and waits for the answer of `kind`; throws if the child ends first. */
  const ask = async <K extends ToParent['kind']>(
    m: ToChild,
    kind: K,
  ): Promise<Extract<ToParent, { kind: K }>> => {
    const answer = next(child, kind);
    send(m);
    const r = await Promise.race([answer, exited.then(() => undefined)]);
    if (r === undefined) throw new Error('the service process ended');
    return r;
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) send('stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const m = await Promise.race([
      next(child, 'ready'),
      next(child, 'error'),
      exited.then((): ToParent => ({ kind: 'error', error: 'the service process ended before it listened' })),
    ]);
    if (m.kind !== 'ready')
      throw new Error(`the service did not start: ${m.kind === 'error' ? m.error : ''}`);
    return {
      url: m.url,
      uncachedUrl: m.uncachedUrl,
      setupMs: m.setupMs,
      where: 'child process',
      pid: child.pid,
      db: undefined,
      async resetStats() {
        await ask('reset', 'reset');
      },
      async readStats() {
        return (await ask('read', 'stats')).stats;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function startHere(target: string): Promise<Server> {
  const h: ServiceHandle = await startService(target, PASSWORD);
  return {
    url: h.url,
    uncachedUrl: undefined,
    setupMs: h.setupMs,
    where: 'bench process',
    pid: undefined,
    db: h.db,
    resetStats: () => {
      h.resetStats();
      return Promise.resolve();
    },
    readStats: () => Promise.resolve(h.readStats()),
    stop: () => h.close(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Talking to it

async function logIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD, bearer: true }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || typeof body.token !== 'string')
    throw new Error(`login: ${String(res.status)} ${JSON.stringify(body)}`);
  return body.token;
}

async function getText(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${String(res.status)} ${text.slice(0, 200)}`);
  return text;
}

/** Seed 002's evaluation (嵩明县总工会), checked to carry its stored score. */
async function seed002(url: string, token: string): Promise<number> {
  const list = (
    JSON.parse(await getText(`${url}/api/evaluations`, token)) as {
      evaluations: { id: number; organisationName: string; total: string | null }[];
    }
  ).evaluations;
  const ev = list.find((e) => e.organisationName === SEED_002_UNIT);
  if (ev === undefined) throw new Error(`no seed evaluation of ${SEED_002_UNIT}`);
  if (ev.total === null) throw new Error(`the evaluation of ${SEED_002_UNIT} has no score`);
  return ev.id;
}

/** The PostgreSQL backends serving the database at `url` (to add up their CPU time). */
interface Backends {
  pids(): Promise<number[]>;
  close(): Promise<void>;
}

async function backendsOf(url: string): Promise<Backends> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return {
    async pids() {
      const r = await client.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      return r.rows.map((row) => row.pid);
    },
    close: () => client.end(),
  };
}

interface Plan {
  /** Seconds of load before the measured window, on the same connections. */
  warmUpSeconds: number;
  /** The measured window. */
  seconds: number;
  /**
   * Warm up in a run of its own, as autocannon's `warmup` option does: the measured run then opens
   * its connections while the server is busy (the figures of the first release of this phase).
   */
  freshConnections?: boolean;
}

interface Measured {
  seconds: number;
  requests: number;
  latencyMs: Load['latencyMs'];
  /** Over the whole run, warm-up included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  cpuMsPerRequest: Load['cpuMsPerRequest'];
  serverSide: ServerStats;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface CpuSnapshot {
  server: number | undefined;
  database: number | undefined;
  bench: number;
}

/**
 * One autocannon run: `warmUpSeconds` of load, then the measured window on the same connections
 * (autocannon opens its connections when a run starts; opened while the server is saturated, the
 * last of them wait seconds to be accepted — see docs/performance.md). Latency is taken from each
 * response completed in the window; CPU and the server's own figures over the window.
 */
async function measured(
  server: Server,
  backends: Backends | undefined,
  url: string,
  token: string,
  connections: number,
  plan: Plan,
): Promise<Measured> {
  const headers = { authorization: `Bearer ${token}` };
  if (plan.freshConnections === true && plan.warmUpSeconds > 0)
    await autocannon({ url, connections, duration: plan.warmUpSeconds, headers });
  const warmUp = plan.freshConnections === true ? 0 : plan.warmUpSeconds;
  const snapshot = (pids: readonly number[]): CpuSnapshot => ({
    server: server.pid === undefined ? undefined : processCpuMs(server.pid),
    database: backends ? sumCpuMs(pids) : undefined,
    bench: benchCpuMs(),
  });
  const latencies: number[] = [];
  let windowStart: number | undefined;
  let windowEnd: number | undefined;
  let pids: number[] = [];
  let cpu0: CpuSnapshot | undefined;
  let cpu1: CpuSnapshot | undefined;
  let stats: Promise<ServerStats> | undefined;
  // autocannon runs until stopped (with a cap): the window opens after the warm-up once every
  // connection has had a response, lasts `seconds`, and counts the requests sent and answered in it
  const run = autocannon({ url, connections, duration: warmUp + plan.seconds + 120, headers });
  let timer: NodeJS.Timeout | undefined;
  const end = (): void => {
    windowEnd = performance.now();
    cpu1 = snapshot(pids);
    stats = server.readStats();
    run.stop();
  };
  const begin = async (): Promise<void> => {
    await server.resetStats();
    pids = (await backends?.pids()) ?? [];
    cpu0 = snapshot(pids);
    windowStart = performance.now();
    timer = setTimeout(end, plan.seconds * 1000);
  };
  const answered = new Set<unknown>();
  let completed = 0;
  let warm = warmUp === 0;
  let begun: Promise<void> | undefined;
  const maybeBegin = (): void => {
    if (begun === undefined && warm && (warmUp === 0 || answered.size >= connections)) begun = begin();
  };
  run.on('response', (client, _status, _bytes, ms) => {
    if (windowStart === undefined) {
      answered.add(client);
      maybeBegin();
    } else {
      const now = performance.now();
      if (windowEnd === undefined) completed++;
      // latency of the requests sent in the window, answered in it or in the moment after
      if (now - ms >= windowStart && now - ms < (windowEnd ?? now)) latencies.push(ms);
    }
  });
  maybeBegin();
  const warmTimer = setTimeout(() => {
    warm = true;
    maybeBegin();
  }, warmUp * 1000);
  const result = await run;
  clearTimeout(warmTimer);
  clearTimeout(timer);
  await begun;
  if (windowStart === undefined || windowEnd === undefined || cpu1 === undefined || stats === undefined)
    throw new Error(
      `no measured window: ${String(answered.size)} of ${String(connections)} connections answered`,
    );
  const serverSide = await stats;
  const requests = completed;
  const per = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined || requests === 0 ? undefined : (b - a) / requests;
  latencies.sort((a, b) => a - b);
  return {
    seconds: (windowEnd - windowStart) / 1000,
    requests,
    latencyMs: {
      mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverSide,
    cpuMsPerRequest: {
      ...(server.pid === undefined ? {} : { server: per(cpu0?.server, cpu1.server) }),
      ...(backends ? { database: per(cpu0?.database, cpu1.database) } : {}),
      bench: per(cpu0?.bench, cpu1.bench),
    },
  };
}

async function load(
  server: Server,
  backends: Backends | undefined,
  path: string,
  token: string,
  connections: number,
  plan: Plan,
): Promise<Load> {
  const url = `${server.url}${path}`;
  const body = await getText(url, token);
  const m = await measured(server, backends, url, token, connections, plan);
  return {
    server: server.where,
    endpoint: `GET ${path.replace(/\/\d+/, '/:id')}`,
    connections,
    freshConnections: plan.freshConnections === true,
    seconds: m.seconds,
    requests: m.requests,
    perSecond: m.requests / m.seconds,
    latencyMs: m.latencyMs,
    errors: m.errors,
    timeouts: m.timeouts,
    non2xx: m.non2xx,
    bodyBytes: Buffer.byteLength(body),
    cpuMsPerRequest: m.cpuMsPerRequest,
    serverSide: m.serverSide,
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * The service with its read caches off against the service as it is, in one server process on one
 * database: `rounds` rounds of every variant in turn (each round a run of its own with its warm-up),
 * so that a noisy neighbour on the shared machine slows them alike.
 */
async function experiments(
  server: Server,
  backends: Backends | undefined,
  id: number,
  token: string,
  rounds: number,
  plan: Plan,
): Promise<Experiment[]> {
  if (server.uncachedUrl === undefined) throw new Error('the experiments need a server started with them');
  const on = server.url;
  const off = server.uncachedUrl;
  const variants = [
    { variant: 'as it is', url: `${on}/api/evaluations/${String(id)}` },
    { variant: 'read caches off', url: `${off}/api/evaluations/${String(id)}` },
    { variant: 'as it is', url: `${on}/api/evaluations/${String(id)}/score` },
    { variant: 'read caches off', url: `${off}/api/evaluations/${String(id)}/score` },
  ];
  // with the caches off the service answers the same
  for (const [i, v] of variants.entries()) {
    const reference = variants[i - (i % 2)]?.url ?? '';
    if (
      !isDeepStrictEqual(JSON.parse(await getText(v.url, token)), JSON.parse(await getText(reference, token)))
    )
      throw new Error(`"${v.variant}" answers ${v.url} differently from the service`);
  }
  const runs = variants.map((): Measured[] => []);
  for (let round = 0; round < rounds; round++)
    for (let k = 0; k < variants.length; k++) {
      const i = (round + k) % variants.length;
      const v = variants[i];
      if (v !== undefined) runs[i]?.push(await measured(server, backends, v.url, token, CONNECTIONS, plan));
    }
  return variants.map((v, i) => {
    const ms = runs[i] ?? [];
    const requests = ms.reduce((a, m) => a + m.requests, 0);
    const seconds = ms.reduce((a, m) => a + m.seconds, 0);
    const cpu = (k: 'server' | 'database' | 'bench'): number | undefined => {
      if (ms.some((m) => m.cpuMsPerRequest[k] === undefined)) return undefined;
      return ms.reduce((a, m) => a + (m.cpuMsPerRequest[k] ?? 0) * m.requests, 0) / requests;
    };
    return {
      variant: v.variant,
      endpoint: `GET ${v.url.replace(/^http:\/\/[^/]+/, '').replace(/\/\d+/, '/:id')}`,
      rounds,
      seconds,
      requests,
      perSecond: requests / seconds,
      latencyMs: {
        p50: median(ms.map((m) => m.latencyMs.p50)),
        p99: median(ms.map((m) => m.latencyMs.p99)),
      },
      serverP99Ms: median(ms.map((m) => m.serverSide.latencyMs.p99)),
      errors: ms.reduce((a, m) => a + m.errors, 0),
      non2xx: ms.reduce((a, m) => a + m.non2xx, 0),
      cpuMsPerRequest: {
        server: cpu('server'),
        ...(backends ? { database: cpu('database') } : {}),
        bench: cpu('bench'),
      },
    };
  });
}

/** Median ms of `fn`, called one at a time for at least `ms` and at least `n` times. */
async function timeEach(fn: () => unknown, ms = 600, n = 50): Promise<number> {
  const times: number[] = [];
  const end = performance.now() + ms;
  while (times.length < n || performance.now() < end) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The parts of one request, one at a time, on the database of a server in this process. */
async function parts(db: Db, token: string, id: number): Promise<Parts> {
  const s = await session(db, token);
  if (s === undefined) throw new Error('no session for the token');
  const ev = await getEvaluation(db, s.user, id);
  const text = JSON.stringify(ev.document);
  const response = { evaluation: { ...ev, statusName: '草稿', actions: [] } };
  return {
    sessionLookup: await timeEach(() => session(db, token)),
    readEvaluation: await timeEach(() => getEvaluation(db, s.user, id)),
    parseDocument: await timeEach(() => JSON.parse(text)),
    stringifyResponse: await timeEach(() => JSON.stringify(response)),
    score: await timeEach(() => JSON.stringify(scoreToJson(scoreEvaluation(parseEvaluation(ev.document))))),
  };
}

// ---------------------------------------------------------------------------------------------------
// One database, every measurement

async function measure(
  backend: BackendName,
  database: string,
  target: string,
  postgresUrl: string | undefined,
  quick: boolean,
  plan: Plan,
  log: (s: string) => void,
): Promise<BackendRun> {
  const run: BackendRun = {
    backend,
    database,
    setupMs: { open: 0, migrate: 0, seed: 0, admin: 0, listen: 0 },
    evaluationId: 0,
    loads: [],
    parts: undefined,
    experiments: [],
  };
  const backends = postgresUrl === undefined ? undefined : await backendsOf(postgresUrl);
  const serve = async (
    start: () => Promise<Server>,
    what: string,
    work: (s: Server, path: string, token: string) => Promise<void>,
  ): Promise<void> => {
    const server = await start();
    try {
      if (run.evaluationId === 0) run.setupMs = server.setupMs;
      const token = await logIn(server.url);
      run.evaluationId = await seed002(server.url, token);
      log(`service: ${backend}, ${what} …`);
      await work(server, `/api/evaluations/${String(run.evaluationId)}`, token);
    } finally {
      await server.stop();
    }
  };
  try {
    await serve(
      () => startChild(target, false),
      'server in a child process',
      async (s, path, token) => {
        run.loads.push(await load(s, backends, path, token, CONNECTIONS, plan));
        if (quick) return;
        run.loads.push(await load(s, backends, `${path}/score`, token, CONNECTIONS, plan));
        // fewer connections, shorter
        for (const c of [50, 10, 1])
          run.loads.push(await load(s, backends, path, token, c, { warmUpSeconds: 1, seconds: 5 }));
        // the warm-up in a run of its own: the measured run's connections are opened under load
        run.loads.push(
          await load(s, backends, path, token, CONNECTIONS, { ...plan, freshConnections: true }),
        );
      },
    );
    if (quick) return run;
    await serve(
      () => startHere(target),
      'server in the benchmark process, and the parts of a request',
      async (s, path, token) => {
        run.loads.push(await load(s, backends, path, token, CONNECTIONS, plan));
        if (s.db) run.parts = await parts(s.db, token, run.evaluationId);
      },
    );
    await serve(
      () => startChild(target, true),
      'read caches on and off, interleaved',
      async (s, _path, token) => {
        run.experiments = await experiments(s, backends, run.evaluationId, token, 2, {
          warmUpSeconds: 2,
          seconds: 5,
        });
      },
    );
    return run;
  } finally {
    await backends?.close();
  }
}

export async function runService(quick: boolean, log: (s: string) => void): Promise<ServiceRun> {
  const plan: Plan = quick ? { warmUpSeconds: 1, seconds: 3 } : { warmUpSeconds: 3, seconds: 10 };
  const run: ServiceRun = {
    cores: cpus().length,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    connections: CONNECTIONS,
    warmUpSeconds: plan.warmUpSeconds,
    seconds: plan.seconds,
    backends: [],
  };
  // Interrupted (Ctrl-C), the process exits normally, so that the exit hooks stop the servers (ours,
  // and PostgreSQL's in test/support/postgres.ts) and remove their directories.
  const interrupted = (): void => {
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await withPglite(run, quick, plan, log);
    return await withPostgres(run, quick, plan, log);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function withPglite(
  run: ServiceRun,
  quick: boolean,
  plan: Plan,
  log: (s: string) => void,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-bench-pglite-'));
  const removeDir = (): void => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  };
  process.once('exit', removeDir);
  try {
    log('service: PGlite in a temporary data directory …');
    run.backends.push(
      await measure('PGlite', 'PGlite, temporary data directory', `dir:${dir}`, undefined, quick, plan, log),
    );
  } finally {
    process.off('exit', removeDir);
    await rm(dir, { recursive: true, force: true });
  }
}

async function withPostgres(
  run: ServiceRun,
  quick: boolean,
  plan: Plan,
  log: (s: string) => void,
): Promise<ServiceRun> {
  const why = postgresUnavailableReason();
  if (why !== undefined) {
    run.backends.push({ backend: 'PostgreSQL', skipped: why });
    return run;
  }
  let server: TestPostgres | undefined;
  try {
    log('service: starting a throwaway PostgreSQL server …');
    try {
      server = await startTestPostgres();
    } catch (e) {
      run.backends.push({
        backend: 'PostgreSQL',
        skipped: `the server did not start: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`,
      });
      return run;
    }
    if (server === undefined) {
      run.backends.push({ backend: 'PostgreSQL', skipped: 'no server could be had' });
      return run;
    }
    const version = await serverVersion(server.url);
    run.backends.push(
      await measure(
        'PostgreSQL',
        `PostgreSQL ${version} on loopback, a pool of 10 connections`,
        server.url,
        server.url,
        quick,
        plan,
        log,
      ),
    );
    return run;
  } finally {
    await server?.stop();
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ server_version: string }>('show server_version');
    return r.rows[0]?.server_version.split(' ')[0] ?? '?';
  } finally {
    await client.end();
  }
}

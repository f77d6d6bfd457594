/**
 * Crash safety of the service, on both databases: the real server (src/server/main.ts, run through
 * ./crash-child.ts) runs as a child process while this process fires concurrent saves (PUT, optimistic versions, re-read on
 * 409) and creations (POST) at it, then kills it with SIGKILL mid-flight and starts it again on the
 * same database, three times over. A 2xx response means committed (the server commits before it
 * answers), so after every restart each acknowledged save and creation must be there, and nothing
 * may be partial: an evaluation's row, its version rows and its change-log entries are written in
 * one transaction, so for every evaluation the versions are exactly 1..version, the log holds one
 * 'create' and one 'update' per later version, and the documents agree. At the end the server is
 * stopped cleanly and the tables are checked directly, row by row.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TestContext, after, describe, it } from 'node:test';
import pg from 'pg';
import { type Database, openEmbedded, openPostgres } from '../../src/server/db/database.ts';
import { type TestPostgres, postgresSkip, startTestPostgres } from '../support/postgres.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** src/server/main.ts, in a process that ends with the test process (see there). */
const CHILD = fileURLToPath(new URL('crash-child.ts', import.meta.url));
const PASSWORD = 'Crash-Passw0rd!';
const CYCLES = 3;
/** Evaluations saved to concurrently, and workers per evaluation (so that saves collide: 409). */
const TARGETS = 3;
const SAVERS_PER_TARGET = 2;
const CREATORS = 2;
/** The load runs at least this long and until this much is acknowledged, then the kill comes. */
const MIN_LOAD_MS = 300;
const MIN_SAVES = 15;
const MIN_CREATES = 3;
/** Only against hanging, never asserted. */
const START_TIMEOUT_MS = 90_000;
const LOAD_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------------
// Children and temporary directories: always cleaned up

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

after(async () => {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => {
            resolve();
          });
          child.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.clear();
});

const DIR_PREFIX = 'jixiao-crash-';

/** Removes data directories of runs killed outright (no 'exit' hook then): older than an hour. */
function sweepStale(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const dir = join(tmpdir(), name);
    try {
      if (Date.now() - lstatSync(dir).mtimeMs > 3_600_000) rmSync(dir, { recursive: true, force: true });
    } catch {
      // someone else's, or gone already
    }
  }
}

function tempDir(): string {
  sweepStale();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  tempDirs.add(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// The server as a child process

interface Server {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server (src/server/main.ts) with `env` on a port of its choosing; resolves once it listens. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0' };
  childEnv['JIXIAO_ADMIN_PASSWORD'] = PASSWORD;
  delete childEnv['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, [CHILD], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // never written to: its end tells the child that this process is gone
  child.stdin.on('error', () => undefined);
  children.add(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the server did not start within ${String(START_TIMEOUT_MS / 1000)} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (s: string): void => {
      output += s;
      const m = /jixiao 服务已启动：(http:\/\/[^\s（]+)/.exec(output);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(signal ?? code)}) before it listened:\n${output}`));
    });
  });
  return { child, base, output: () => output, exited };
}

/** SIGKILL, and the proof that it was the kill that ended the server (it was still running). */
async function killHard(server: Server): Promise<void> {
  assert.equal(server.child.exitCode, null, `the server had already exited:\n${server.output()}`);
  server.child.kill('SIGKILL');
  const { signal } = await server.exited;
  assert.equal(signal, 'SIGKILL', server.output());
}

/** SIGTERM: the server closes the database and exits 0. */
async function stopGracefully(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  const { code, signal } = await server.exited;
  assert.deepEqual({ code, signal }, { code: 0, signal: null }, server.output());
}

// ---------------------------------------------------------------------------------------------------
// The API

type Doc = Record<string, unknown>;

interface Evaluation {
  id: number;
  organisationId: number;
  status: string;
  version: number;
  total: string | null;
  grade: string | null;
  document: Doc;
}

interface LogEntry {
  id: number;
  action: string;
  after: { version?: number; document?: Doc; total?: string | null; grade?: string | null } | null;
}

interface Reply<T> {
  status: number;
  json: T;
  text: string;
}

async function call<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const res = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as T, text };
}

async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD, bearer: true }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const { token } = JSON.parse(text) as { token: string };
  return token;
}

async function getOk<T>(base: string, token: string, path: string): Promise<T> {
  const r = await call<T>(base, token, 'GET', path);
  assert.equal(r.status, 200, `GET ${path}: ${r.text}`);
  return r.json;
}

// ---------------------------------------------------------------------------------------------------
// The load, and what was acknowledged

interface Acked {
  /** Saves answered 200: `version` is the version that save created. */
  saves: { id: number; version: number; marker: string }[];
  /** Creations answered 201. */
  creates: { id: number; marker: string }[];
}

interface Load {
  stop: boolean;
  killed: boolean;
  conflicts: number;
  /** Requests that failed because the server died under them. */
  cut: number;
  /** Anything unexpected before the kill: a failure of the test, not of the crash. */
  unexpected: string[];
}

/** One request of the load: its reply, or undefined when the connection died (after the kill). */
async function attempt<T>(
  load: Load,
  what: string,
  request: () => Promise<Reply<T>>,
): Promise<Reply<T> | undefined> {
  try {
    return await request();
  } catch (e) {
    if (load.killed) load.cut++;
    else
      load.unexpected.push(`${what}: ${e instanceof Error ? `${e.message} ${String(e.cause)}` : String(e)}`);
    return undefined;
  }
}

async function saver(
  base: string,
  token: string,
  id: number,
  label: string,
  load: Load,
  acked: Acked,
): Promise<void> {
  for (let n = 1; !load.stop; n++) {
    const got = await attempt(load, `GET ${String(id)}`, () =>
      call<{ evaluation: Evaluation }>(base, token, 'GET', `/api/evaluations/${String(id)}`),
    );
    if (got === undefined) return;
    if (got.status !== 200) {
      load.unexpected.push(`GET ${String(id)}: ${String(got.status)} ${got.text}`);
      return;
    }
    const { version, document } = got.json.evaluation;
    const marker = `${label} #${String(n)}`;
    const put = await attempt(load, `PUT ${String(id)}`, () =>
      call<unknown>(base, token, 'PUT', `/api/evaluations/${String(id)}`, {
        version,
        document: { ...document, title: marker },
      }),
    );
    if (put === undefined) return;
    if (put.status === 200) acked.saves.push({ id, version: version + 1, marker });
    else if (put.status === 409) load.conflicts++;
    else {
      load.unexpected.push(`PUT ${String(id)}: ${String(put.status)} ${put.text}`);
      return;
    }
  }
}

async function creator(
  base: string,
  token: string,
  template: Evaluation,
  label: string,
  load: Load,
  acked: Acked,
): Promise<void> {
  for (let n = 1; !load.stop; n++) {
    const marker = `${label} #${String(n)}`;
    const r = await attempt(load, 'POST', () =>
      call<{ evaluation: Evaluation }>(base, token, 'POST', '/api/evaluations', {
        organisationId: template.organisationId,
        document: { ...template.document, title: marker },
      }),
    );
    if (r === undefined) return;
    if (r.status !== 201) {
      load.unexpected.push(`POST: ${String(r.status)} ${r.text}`);
      return;
    }
    acked.creates.push({ id: r.json.evaluation.id, marker });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the load against `server` and kills it with SIGKILL in the middle of it. */
async function loadAndKill(t: TestContext, server: Server, cycle: number, acked: Acked): Promise<void> {
  const token = await logIn(server.base);
  const list = await getOk<{ evaluations: Evaluation[] }>(server.base, token, '/api/evaluations');
  const drafts = list.evaluations.filter((e) => e.status === 'draft').sort((a, b) => a.id - b.id);
  assert.ok(drafts.length >= TARGETS, `at least ${String(TARGETS)} drafts to save to`);
  const targets = drafts.slice(0, TARGETS).map((e) => e.id);
  const template = (
    await getOk<{ evaluation: Evaluation }>(server.base, token, `/api/evaluations/${String(targets[0]!)}`)
  ).evaluation;

  const load: Load = { stop: false, killed: false, conflicts: 0, cut: 0, unexpected: [] };
  const before = { saves: acked.saves.length, creates: acked.creates.length };
  const workers: Promise<void>[] = [];
  for (const id of targets)
    for (let w = 1; w <= SAVERS_PER_TARGET; w++)
      workers.push(
        saver(server.base, token, id, `crash c${String(cycle)} e${String(id)} w${String(w)}`, load, acked),
      );
  for (let w = 1; w <= CREATORS; w++)
    workers.push(
      creator(server.base, token, template, `crash c${String(cycle)} new w${String(w)}`, load, acked),
    );

  // Kill once the load has run a while and enough is acknowledged, a little later each cycle so the
  // kill lands at different points; the timeout only keeps a broken server from hanging the test.
  const started = Date.now();
  for (;;) {
    const saves = acked.saves.length - before.saves;
    const creates = acked.creates.length - before.creates;
    if (Date.now() - started >= MIN_LOAD_MS + 70 * cycle && saves >= MIN_SAVES && creates >= MIN_CREATES)
      break;
    if (load.unexpected.length > 0) break;
    if (Date.now() - started > LOAD_TIMEOUT_MS)
      assert.fail(
        `the load did not get enough acknowledged in time (saves ${String(saves)}, creations ${String(creates)})`,
      );
    await sleep(10);
  }
  load.killed = true;
  await killHard(server);
  load.stop = true;
  await Promise.all(workers);
  assert.deepEqual(load.unexpected, [], 'nothing failed before the kill');
  t.diagnostic(
    `cycle ${String(cycle)}: ${String(acked.saves.length - before.saves)} saves and ` +
      `${String(acked.creates.length - before.creates)} creations acknowledged, ${String(load.conflicts)} ` +
      `conflicts (409), ${String(load.cut)} requests cut by the kill`,
  );
}

// ---------------------------------------------------------------------------------------------------
// The checks

const makesVersion = (l: { action: string }): boolean => l.action === 'create' || l.action === 'update';

/** After a restart, through the API: everything acknowledged is there, and nothing is partial. */
async function verifyViaApi(server: Server, acked: Acked): Promise<void> {
  const token = await logIn(server.base);
  const list = await getOk<{ evaluations: Evaluation[] }>(server.base, token, '/api/evaluations');
  const byId = new Map<number, { ev: Evaluation; log: LogEntry[] }>();
  for (const summary of list.evaluations) {
    const path = `/api/evaluations/${String(summary.id)}`;
    const { evaluation: ev } = await getOk<{ evaluation: Evaluation }>(server.base, token, path);
    // the entries that make versions (the load makes no others)
    const log = (await getOk<{ log: LogEntry[] }>(server.base, token, `${path}/log`)).log.filter(
      makesVersion,
    );
    byId.set(ev.id, { ev, log });
    const what = `evaluation ${String(ev.id)}`;
    // one 'create', then one 'update' per later version, in order: nothing committed half
    assert.deepEqual(
      log.map((l) => l.action),
      ['create', ...Array<string>(ev.version - 1).fill('update')],
      `${what}: version ${String(ev.version)} and its log`,
    );
    assert.deepEqual(
      log.slice(1).map((l) => l.after?.version),
      Array.from({ length: ev.version - 1 }, (_, i) => i + 2),
      `${what}: the versions the log's updates made`,
    );
    const last = log.at(-1)!;
    assert.deepEqual(last.after?.document, ev.document, `${what}: the document is the last logged one`);
    assert.equal(last.after?.grade, ev.grade, `${what}: the grade is the last logged one`);
  }
  for (const save of acked.saves) {
    const found = byId.get(save.id);
    assert.ok(found, `evaluation ${String(save.id)} exists`);
    assert.ok(
      found.ev.version >= save.version,
      `evaluation ${String(save.id)} is at version ${String(found.ev.version)}, an acknowledged save made ${String(save.version)}`,
    );
    const entry = found.log.find((l) => l.action === 'update' && l.after?.version === save.version);
    assert.equal(entry?.after?.document?.['title'], save.marker, `the acknowledged save “${save.marker}”`);
  }
  for (const create of acked.creates) {
    const found = byId.get(create.id);
    assert.ok(found, `the acknowledged creation “${create.marker}” (evaluation ${String(create.id)}) exists`);
    assert.equal(
      found.log[0]?.after?.document?.['title'],
      create.marker,
      `the acknowledged creation “${create.marker}”`,
    );
  }
}

/** After a clean stop, in the tables themselves: rows, version rows and log entries all agree. */
async function verifyTables(db: Database, acked: Acked): Promise<void> {
  const evaluations = (
    await db.query<{ id: number; version: number; status: string; document: Doc }>(
      'select id, version, status, document from evaluations order by id',
    )
  ).rows;
  const versions = (
    await db.query<{ evaluation_id: number; version: number; document: Doc }>(
      'select evaluation_id, version, document from evaluation_versions order by evaluation_id, version',
    )
  ).rows;
  const log = (
    await db.query<{ evaluation_id: number | null; action: string; after: LogEntry['after'] }>(
      "select evaluation_id, action, after from change_log where entity = 'evaluation' order by id",
    )
  ).rows.filter(makesVersion);
  const ids = new Set(evaluations.map((e) => e.id));
  const orphanVersions = versions.filter((v) => !ids.has(v.evaluation_id));
  assert.deepEqual(orphanVersions, [], 'no version row without its evaluation');
  const orphanLog = log.filter((l) => l.evaluation_id === null || !ids.has(l.evaluation_id));
  assert.deepEqual(orphanLog, [], 'no log entry without its evaluation');
  for (const e of evaluations) {
    const what = `evaluation ${String(e.id)}`;
    const mine = versions.filter((v) => v.evaluation_id === e.id);
    assert.deepEqual(
      mine.map((v) => v.version),
      Array.from({ length: e.version }, (_, i) => i + 1),
      `${what}: version rows 1..${String(e.version)}`,
    );
    assert.deepEqual(mine.at(-1)?.document, e.document, `${what}: the last version row is the document`);
    const entries = log.filter((l) => l.evaluation_id === e.id);
    assert.deepEqual(
      entries.map((l) => l.action),
      ['create', ...Array<string>(e.version - 1).fill('update')],
      `${what}: one log entry per version`,
    );
    entries.forEach((l, i) => {
      assert.deepEqual(
        l.after?.document,
        mine[i]?.document,
        `${what}: log entry ${String(i + 1)} and version ${String(i + 1)}`,
      );
    });
  }
  for (const save of acked.saves) {
    const row = versions.find((v) => v.evaluation_id === save.id && v.version === save.version);
    assert.equal(
      row?.document['title'],
      save.marker,
      `the acknowledged save “${save.marker}” has its version row`,
    );
  }
  for (const create of acked.creates) {
    const row = versions.find((v) => v.evaluation_id === create.id && v.version === 1);
    assert.equal(
      row?.document['title'],
      create.marker,
      `the acknowledged creation “${create.marker}” has its version row`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The cycle, on each database

async function crashCycles(
  t: TestContext,
  env: Record<string, string>,
  openDirect: () => Promise<Database>,
): Promise<void> {
  const acked: Acked = { saves: [], creates: [] };
  let server = await startServer(env);
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    await loadAndKill(t, server, cycle, acked);
    const restarting = performance.now();
    server = await startServer(env);
    // for the record only: the machine is shared, so no time is asserted
    t.diagnostic(
      `cycle ${String(cycle)}: restarted after the kill in ${((performance.now() - restarting) / 1000).toFixed(1)} s`,
    );
    await verifyViaApi(server, acked);
  }
  await stopGracefully(server);
  const db = await openDirect();
  try {
    await verifyTables(db, acked);
  } finally {
    await db.close();
  }
  t.diagnostic(
    `in all: ${String(acked.saves.length)} saves and ${String(acked.creates.length)} creations acknowledged, all present`,
  );
}

describe('crash: SIGKILL during writes, restart, every committed change there and nothing partial', () => {
  it('on the embedded database (PGlite in a data directory)', { timeout: 240_000 }, async (t) => {
    const dir = join(tempDir(), 'db');
    await crashCycles(t, { JIXIAO_DATA_DIR: dir, DATABASE_URL: '' }, () => openEmbedded(dir));
  });

  describe('on a PostgreSQL server', { skip: postgresSkip() }, () => {
    let server: TestPostgres | undefined;
    after(async () => {
      await server?.stop();
    });

    it('a fresh database on the test server', { timeout: 240_000 }, async (t) => {
      server = await startTestPostgres();
      assert.ok(server, 'postgresSkip() said a server can be had');
      const name = `jx_crash_${String(process.pid)}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      try {
        await crashCycles(t, { DATABASE_URL: url.toString() }, () => openPostgres(url.toString()));
      } finally {
        const drop = new pg.Client({ connectionString: server.url });
        await drop.connect();
        try {
          await drop.query(`drop database if exists ${name} with (force)`);
        } finally {
          await drop.end();
        }
      }
    });
  });
});

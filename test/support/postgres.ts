/**
 * A throwaway, real PostgreSQL server for tests that need one (the service's storage tests).
 *
 * - `DATABASE_URL_TEST` set: that database is used as given; `stop()` does nothing.
 * - Otherwise the server binaries are looked up (`JIXIAO_PG_BIN`, then `pg_config --bindir`, then the
 *   highest `/usr/lib/postgresql/<version>/bin`, then `PATH`), a cluster is created with `initdb` in a
 *   fresh temporary directory (trust authentication; the server listens only on 127.0.0.1 on a free port,
 *   its unix socket stays inside that directory) and started with durability switched off for speed.
 *   `stop()` shuts it down (fast mode) and removes the directory; a process 'exit' hook (and, where
 *   `setpriv` exists, a parent-death signal) stops it if a test forgets to or the process dies; the
 *   next start removes directories that killed runs left behind.
 * - Running as root (CI): PostgreSQL refuses to run as root, so initdb and the server run as the
 *   `postgres` system user that Debian's package creates (through `setpriv`, else `runuser`), in a
 *   directory under /tmp owned by that user.
 *
 * Whether to skip: `postgresSkip()` gives the reason to skip (or false), and throws instead when `CI` is
 * set, so a CI machine without PostgreSQL fails rather than silently skipping. Usage:
 *
 *   import { after, before, describe, it } from 'node:test';
 *   import pg from 'pg';
 *   import { postgresSkip, startTestPostgres, type TestPostgres } from '../support/postgres.ts';
 *
 *   describe('storage on PostgreSQL', { skip: postgresSkip() }, () => {
 *     let server: TestPostgres;
 *     before(async () => {
 *       server = (await startTestPostgres())!; // defined: postgresSkip() said it can start
 *     });
 *     after(() => server.stop());
 *
 *     it('stores a project', async () => {
 *       const client = new pg.Client({ connectionString: server.url });
 *       await client.connect();
 *       try {
 *         // ...
 *       } finally {
 *         await client.end();
 *       }
 *     });
 *   });
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/jixiao_test`, or `DATABASE_URL_TEST` as given. */
  readonly url: string;
  /** Shuts the server down (fast mode) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The cluster's superuser (the name in the URL), whichever OS user runs the server. */
const SUPERUSER = 'postgres';
/** The OS user that runs the server when the tests run as root. */
const SERVER_OS_USER = 'postgres';
const DATABASE = 'jixiao_test';
const READY_TIMEOUT_MS = 20_000;
const PORT_ATTEMPTS = 3;
const DIR_PREFIX = 'jixiao-pg-';

/** True when env `CI` is set to anything but '', '0' or 'false'. */
export function isCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Why no test server can be had here, or undefined when `startTestPostgres()` will give one. */
export function postgresUnavailableReason(): string | undefined {
  if (process.env.DATABASE_URL_TEST) return undefined;
  const found = locate();
  return 'reason' in found ? found.reason : undefined;
}

/**
 * For `{ skip: postgresSkip() }`: false when a server can be had, else the reason to skip. When `CI` is
 * set it throws that reason instead, so CI fails when PostgreSQL is missing.
 */
export function postgresSkip(): string | false {
  const reason = postgresUnavailableReason();
  if (reason === undefined) return false;
  if (isCI()) throw new Error(`PostgreSQL is required when CI is set: ${reason}`);
  return `PostgreSQL tests skipped: ${reason}`;
}

/**
 * Starts a fresh server with an empty database `jixiao_test` (see the module comment), or returns
 * `DATABASE_URL_TEST`. Returns undefined when there is none to be had; `postgresUnavailableReason()`
 * says why. Throws, with the end of the server's log, when the server is there but fails to start.
 */
export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const given = process.env.DATABASE_URL_TEST;
  if (given) return { url: given, stop: () => Promise.resolve() };
  const found = locate();
  if ('reason' in found) return undefined;
  const plan = found.plan;
  const dir = makeDir(plan);
  try {
    await initdb(plan, dir);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        return await launch(plan, dir, port);
      } catch (err) {
        // Another process took the port between our probe and the server's bind: try another.
        if (!(err instanceof PortTaken) || attempt >= PORT_ATTEMPTS) throw err;
      }
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------
// Finding the binaries and deciding who runs them

interface Plan {
  /** Directory holding `initdb` and `postgres`. */
  bin: string;
  /** Set when we are root: the unprivileged user that runs initdb and the server. */
  owner: { name: string; uid: number; gid: number } | undefined;
  setpriv: string | undefined;
  runuser: string | undefined;
}

function locate(): { plan: Plan } | { reason: string } {
  const bin = findBinDir();
  if (typeof bin !== 'string') return bin;
  const setpriv = which('setpriv');
  const runuser = which('runuser');
  if (process.getuid?.() !== 0) return { plan: { bin, owner: undefined, setpriv, runuser } };
  const uid = idOf(SERVER_OS_USER, '-u');
  const gid = idOf(SERVER_OS_USER, '-g');
  if (uid === undefined || gid === undefined) {
    return {
      reason:
        `running as root, which PostgreSQL refuses, and there is no '${SERVER_OS_USER}' system user to ` +
        `run it as (Debian's postgresql package creates one; or run the tests as a normal user)`,
    };
  }
  if (uid === 0) return { reason: `the '${SERVER_OS_USER}' user is root, which PostgreSQL refuses` };
  if (setpriv === undefined && runuser === undefined) {
    return {
      reason: `running as root, and neither setpriv nor runuser (util-linux) is there to drop to '${SERVER_OS_USER}'`,
    };
  }
  return { plan: { bin, owner: { name: SERVER_OS_USER, uid, gid }, setpriv, runuser } };
}

function findBinDir(): string | { reason: string } {
  const fromEnv = process.env.JIXIAO_PG_BIN;
  if (fromEnv) {
    return hasServer(fromEnv)
      ? fromEnv
      : { reason: `JIXIAO_PG_BIN=${fromEnv} holds no executable initdb and postgres` };
  }
  const candidates = [pgConfigBindir(), ...debianBinDirs(), ...pathDirs()];
  for (const dir of candidates) if (dir !== undefined && hasServer(dir)) return dir;
  return {
    reason:
      'no PostgreSQL server binaries (initdb, postgres) found via JIXIAO_PG_BIN, pg_config --bindir, ' +
      '/usr/lib/postgresql/*/bin or PATH (Debian: apt-get install postgresql; or set DATABASE_URL_TEST)',
  };
}

function hasServer(dir: string): boolean {
  return isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres'));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pgConfigBindir(): string | undefined {
  try {
    const out = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `/usr/lib/postgresql/<version>/bin`, highest version first. */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    return [];
  }
  return versions.sort((a, b) => Number(b) - Number(a)).map((v) => join(root, v, 'bin'));
}

function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
}

/** A program on PATH or in the usual system directories (runuser lives in /usr/sbin). */
function which(name: string): string | undefined {
  for (const dir of [...pathDirs(), '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    const file = join(dir, name);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

function idOf(user: string, flag: '-u' | '-g'): number | undefined {
  try {
    const out = execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const n = Number(out.trim());
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The command line that runs `program` as the server's OS user. With setpriv it execs in place (so the
 * child's pid is the program's), and the server also gets SIGQUIT (immediate shutdown) if we die.
 */
function command(plan: Plan, program: string, args: string[], server: boolean): [string, string[]] {
  const { owner } = plan;
  if (plan.setpriv !== undefined && (owner !== undefined || server)) {
    const drop = owner ? ['--reuid', String(owner.uid), '--regid', String(owner.gid), '--init-groups'] : [];
    const pdeath = server ? ['--pdeathsig', 'SIGQUIT'] : [];
    return [plan.setpriv, [...drop, ...pdeath, '--', program, ...args]];
  }
  if (owner !== undefined && plan.runuser !== undefined) {
    return [plan.runuser, ['-u', owner.name, '--', program, ...args]];
  }
  return [program, args];
}

// ---------------------------------------------------------------------------------------------------
// Creating and running the cluster

/** A fresh 0700 directory; as root, under /tmp (reachable by the server's user) and owned by it. */
function makeDir(plan: Plan): string {
  const base = plan.owner === undefined ? tmpdir() : '/tmp';
  sweepStale(base);
  const dir = realpathSync(mkdtempSync(join(base, DIR_PREFIX)));
  if (plan.owner === undefined) return dir;
  chownSync(dir, plan.owner.uid, plan.owner.gid);
  return dir;
}

async function initdb(plan: Plan, dir: string): Promise<void> {
  const args = [
    '-D',
    join(dir, 'data'),
    '-U',
    SUPERUSER,
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ];
  const [cmd, argv] = command(plan, join(plan.bin, 'initdb'), args, false);
  const { code, output } = await run(cmd, argv, dir);
  if (code !== 0) {
    throw new Error(
      `initdb failed (${describeExit(code)}): ${cmd} ${argv.join(' ')}${asOwner(plan)}\n${tail(output)}`,
    );
  }
}

function asOwner(plan: Plan): string {
  return plan.owner ? ` (as user ${plan.owner.name})` : '';
}

/** Runs a command to completion, collecting stdout and stderr together. */
function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.once('error', (err) => {
      resolve({ code: null, output: `${output}${String(err)}` });
    });
    child.once('close', (code) => {
      resolve({ code, output });
    });
  });
}

/** The server's bind failed, or something else answered on its port. */
class PortTaken extends Error {}

/** Servers still running, for the process 'exit' hook. */
const running = new Set<{ pids: Set<number>; dir: string }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const server of running) for (const pid of server.pids) signal(pid, 'SIGQUIT'); // immediate shutdown
    // The postmaster removes postmaster.pid last, once its children are gone; then nothing writes there.
    const deadline = Date.now() + 3_000;
    for (const server of running) {
      while (existsSync(join(server.dir, 'data', 'postmaster.pid')) && Date.now() < deadline) sleepSync(10);
      try {
        rmSync(server.dir, { recursive: true, force: true });
      } catch {
        // best effort; a later start sweeps what is left
      }
    }
    running.clear();
  });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes directories left by earlier runs that died without cleaning up (killed, interrupted): older
 * than two minutes and with no live postmaster. Others' directories and anything in use are left alone.
 */
function sweepStale(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base).filter((n) => n.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(base, name);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || Date.now() - stat.mtimeMs < 2 * 60_000) continue;
      const pid = postmasterPid(join(dir, 'data'));
      if (pid !== undefined && isAlive(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours to remove, or already gone
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function launch(plan: Plan, dir: string, port: number): Promise<TestPostgres> {
  const data = join(dir, 'data');
  const logPath = join(dir, 'server.log');
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ];
  const [cmd, argv] = command(plan, join(plan.bin, 'postgres'), args, true);
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(cmd, argv, { cwd: dir, stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  // A test that forgets stop() must not keep the process alive; the exit hook stops the server then.
  child.unref();

  let ended: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, sig) => {
      ended = sig ? `killed by ${sig}` : describeExit(code);
      resolve();
    });
    child.once('error', (err) => {
      ended = `could not be run: ${String(err)}`;
      resolve();
    });
  });
  const entry = { pids: new Set<number>(child.pid === undefined ? [] : [child.pid]), dir };
  running.add(entry);
  installExitHook();

  const logTail = (): string => {
    let log = '';
    try {
      log = readFileSync(logPath, 'utf8');
    } catch {
      // no log
    }
    return `--- end of the server log ---\n${tail(log)}`;
  };
  const waitExit = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
    const result = await Promise.race([exited.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  };
  const kill = async (): Promise<void> => {
    if (ended !== undefined) return;
    for (const pid of entry.pids) signal(pid, 'SIGINT'); // fast shutdown
    if (await waitExit(15_000)) return;
    for (const pid of entry.pids) signal(pid, 'SIGKILL');
    await waitExit(5_000);
  };

  try {
    const client = await waitForConnection(port, () => ended, READY_TIMEOUT_MS);
    try {
      // Make sure it is our server that answered, not someone else's on a reused port.
      const shown = await client.query<{ data_directory: string }>('show data_directory');
      if (shown.rows[0]?.data_directory !== data)
        throw new PortTaken(`port ${port} is answered by another server`);
      await client.query(`create database ${DATABASE}`);
    } finally {
      await client.end();
    }
  } catch (err) {
    await kill();
    running.delete(entry);
    const log = logTail();
    if (err instanceof PortTaken || /could not bind|could not create any TCP\/IP sockets/.test(log)) {
      throw new PortTaken(`${errorMessage(err)}\n${log}`);
    }
    throw new Error(
      `PostgreSQL did not start: ${errorMessage(err)}\ncommand: ${cmd} ${argv.join(' ')}${asOwner(plan)}\n${log}`,
      { cause: err },
    );
  }

  // Signal the postmaster itself, not a runuser wrapper in between.
  const postmaster = postmasterPid(data);
  if (postmaster !== undefined) entry.pids.add(postmaster);

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`,
    stop() {
      stopping ??= (async () => {
        await kill();
        running.delete(entry);
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopping;
    },
  };
}

/** Retries connecting until the server accepts, it exits (`ended()` says how), or time runs out. */
async function waitForConnection(
  port: number,
  ended: () => string | undefined,
  timeoutMs: number,
): Promise<pg.Client> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const how = ended();
    if (how !== undefined) throw new Error(`the server exited (${how})`);
    if (Date.now() > deadline) {
      throw new Error(`no connection within ${timeoutMs / 1000} s (last error: ${errorMessage(last)})`);
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: SUPERUSER,
      database: 'postgres',
      connectionTimeoutMillis: 2_000,
    });
    client.on('error', () => {
      // reported through connect() or the query that failed
    });
    try {
      await client.connect();
      return client;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function postmasterPid(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`unexpected server address ${String(address)}`));
      });
    });
  });
}

function describeExit(code: number | null): string {
  return code === null ? 'no exit code' : `exit code ${code}`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The last lines of a log, enough to see why something failed. */
function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

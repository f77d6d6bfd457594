/**
 * The database behind the service: embedded PostgreSQL (PGlite, in a data directory) by default,
 * or a PostgreSQL server (`DATABASE_URL`). Both speak the same SQL; the service uses only this
 * interface. Numerics come back as exact strings from both, never as floats.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Result<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Result<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /**
   * Only when this process is the database's sole user (embedded: PGlite's data directory is open in
   * one process): a counter that moves on every statement that may write, before and after every
   * transaction. A value read before a query and unchanged after it means nothing was written in
   * between, so what the query found still holds. A server shared by processes has none.
   */
  readonly writes?: () => number;
  /** A PostgreSQL server's connection string (for pg-boss's own connections). */
  readonly url?: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A statement that only reads: a plain `select` (no locking clause). Anything else counts as a write. */
const READ_ONLY = /^\s*select\b(?![\s\S]*\bfor\s+(update|share|no\s+key|key)\b)/i;

function pgliteQueryable(db: Pick<PGlite, 'query' | 'exec'>, wrote: () => void): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<Result<T>> {
      const reads = READ_ONLY.test(sql);
      if (!reads) wrote();
      const r = await db.query<T>(sql, [...params]).finally(() => {
        if (!reads) wrote();
      });
      return { rows: r.rows, rowCount: r.rows.length > 0 ? r.rows.length : (r.affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      wrote();
      await db.exec(sql).finally(wrote);
    },
  };
}

/** Embedded PostgreSQL in `dir` (created when missing), or in memory when `dir` is undefined. */
export async function openEmbedded(dir?: string): Promise<Database> {
  const db = await PGlite.create(dir);
  let writes = 0;
  const wrote = (): void => {
    writes += 1;
  };
  return {
    kind: 'embedded',
    writes: () => writes,
    ...pgliteQueryable(db, wrote),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      wrote();
      try {
        return await db.transaction((tx) => fn(pgliteQueryable(tx, wrote)));
      } finally {
        wrote();
      }
    },
    close: () => db.close(),
  };
}

// numeric (1700) as the exact text; int8 (20) as a number when it is safe (ids, counts)
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

/**
 * Every statement runs as a named prepared statement, named after its text: each connection parses
 * and plans it once, then only binds and executes (the service sends a small set of statements).
 */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `jx${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    if (statementNames.size < 10_000) statementNames.set(sql, name);
  }
  return name;
}

function clientQueryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<Result<T>> {
      const r = await client.query({ name: statementName(sql), text: sql, values: [...params] });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/** A PostgreSQL server at `url` (a pool of connections). */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (restart, admin command) is discarded by the pool and the
  // next query opens a new one; without a listener the error would end the process.
  pool.on('error', () => undefined);
  // fail now, with the server's message, rather than on the first request
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    url,
    ...clientQueryable(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(clientQueryable(client));
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

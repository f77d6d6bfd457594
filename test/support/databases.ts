/**
 * The storage suites run on both databases the service supports: the embedded PostgreSQL (PGlite)
 * and a PostgreSQL server (started by ./postgres.ts, or DATABASE_URL_TEST). Each `open()` gives a
 * fresh, empty database.
 */
import pg from 'pg';
import { type Database, openEmbedded, openPostgres } from '../../src/server/db/database.ts';
import { type TestPostgres, postgresSkip, startTestPostgres } from './postgres.ts';

export interface Backend {
  name: string;
  /** For `describe(…, { skip })`: false, or why this backend cannot run here. */
  skip: string | false;
  open(): Promise<Database>;
}

let server: Promise<TestPostgres> | undefined;
let count = 0;

/** The URL of a fresh, empty database on the test server. */
export async function freshPostgresUrl(): Promise<string> {
  server ??= startTestPostgres().then((s) => {
    if (s === undefined) throw new Error('PostgreSQL is not available');
    return s;
  });
  const { url } = await server;
  const name = `jx_${String(process.pid)}_${String(++count)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freshPostgres(): Promise<Database> {
  return openPostgres(await freshPostgresUrl());
}

export function backends(): Backend[] {
  return [
    { name: 'embedded PostgreSQL (PGlite)', skip: false, open: () => openEmbedded() },
    { name: 'PostgreSQL server', skip: postgresSkip(), open: freshPostgres },
  ];
}

/** Stops the test server, if one was started (call from a top-level `after`). */
export async function stopTestPostgres(): Promise<void> {
  if (server === undefined) return;
  const s = await server.catch(() => undefined);
  server = undefined;
  await s?.stop();
}

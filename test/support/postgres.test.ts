import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { postgresSkip, postgresUnavailableReason, startTestPostgres } from './postgres.ts';

/** Skips with the reason when PostgreSQL is missing; throws (fails the file) when CI is set. */
const skip = postgresSkip();

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/** Runs `body` with `name` set to `value` (or removed) in process.env, then restores it. */
async function withEnv<T>(name: string, value: string | undefined, body: () => Promise<T> | T): Promise<T> {
  const saved = process.env[name];
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = saved;
  }
}

test('a real PostgreSQL server starts, stores exact numbers and stops', { skip }, async (t) => {
  const started = Date.now();
  const server = await startTestPostgres();
  assert.ok(server, postgresUnavailableReason());
  const ownServer = !process.env.DATABASE_URL_TEST;
  const port = Number(new URL(server.url).port);
  try {
    if (ownServer) {
      assert.match(server.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/jixiao_test$/);
      t.diagnostic(`startTestPostgres took ${Date.now() - started} ms`);
    }
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const version = await client.query<{ version: string }>('select version()');
      assert.match(version.rows[0]!.version, /PostgreSQL/);

      const exact = await client.query<{ v: string }>('select 1.005::numeric(10,3)::text as v');
      assert.equal(exact.rows[0]!.v, '1.005');

      if (ownServer) {
        const settings = await client.query<{ name: string; setting: string }>(
          `select name, setting from pg_settings
           where name in ('listen_addresses', 'fsync', 'synchronous_commit', 'full_page_writes', 'server_encoding')
           order by name`,
        );
        assert.deepEqual(Object.fromEntries(settings.rows.map((r) => [r.name, r.setting])), {
          fsync: 'off',
          full_page_writes: 'off',
          listen_addresses: '127.0.0.1',
          server_encoding: 'UTF8',
          synchronous_commit: 'off',
        });
      }

      await client.query('drop table if exists jixiao_support_check');
      await client.query(
        'create table jixiao_support_check (id int primary key, name text, amount numeric(18,2))',
      );
      await client.query('insert into jixiao_support_check values ($1, $2, $3), ($4, $5, $6)', [
        1,
        '绩效目标',
        '12345678901234.56',
        2,
        'budget',
        '0.10',
      ]);
      const rows = await client.query<{ id: number; name: string; amount: string }>(
        'select id, name, amount from jixiao_support_check order by id',
      );
      assert.deepEqual(rows.rows, [
        { id: 1, name: '绩效目标', amount: '12345678901234.56' },
        { id: 2, name: 'budget', amount: '0.10' },
      ]);
      await client.query('drop table jixiao_support_check');
    } finally {
      await client.end();
    }
  } finally {
    await server.stop();
  }
  await server.stop(); // a second stop is harmless
  if (ownServer)
    assert.equal(await accepts(port), false, `port ${port} still accepts connections after stop()`);
});

test('DATABASE_URL_TEST is used as given, and stop() leaves it alone', async () => {
  const url = 'postgres://someone@db.example:5432/elsewhere';
  await withEnv('DATABASE_URL_TEST', url, async () => {
    assert.equal(postgresUnavailableReason(), undefined);
    assert.equal(postgresSkip(), false);
    const server = await startTestPostgres();
    assert.equal(server!.url, url);
    await server!.stop();
  });
});

test('a JIXIAO_PG_BIN without the binaries is reported, and fails under CI', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'jixiao-pg-bin-'));
  try {
    await withEnv('DATABASE_URL_TEST', undefined, () =>
      withEnv('JIXIAO_PG_BIN', empty, async () => {
        assert.match(postgresUnavailableReason() ?? '', /JIXIAO_PG_BIN=.*no executable initdb and postgres/);
        assert.equal(await startTestPostgres(), undefined);
        await withEnv('CI', undefined, () => {
          assert.match(String(postgresSkip()), /^PostgreSQL tests skipped: JIXIAO_PG_BIN=/);
        });
        await withEnv('CI', 'true', () => {
          assert.throws(() => postgresSkip(), /PostgreSQL is required when CI is set: JIXIAO_PG_BIN=/);
        });
      }),
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

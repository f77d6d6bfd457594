/**
 * Schema migrations: timestamped SQL files in ./migrations, applied in name order, each once, in
 * one transaction with the bookkeeping, under an advisory lock so that several server processes
 * starting together apply them once. Append-only: an applied migration whose file changed, or one
 * the database has and the code does not, stops the server with a message.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.ts';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** yyyymmddThhmm__words.sql */
export const MIGRATION_NAME = /^\d{8}T\d{4}__[a-z0-9_]+\.sql$/;

/** An arbitrary constant: the advisory lock that serialises migrating. */
const LOCK = 7_142_002;

/** The migrations folder: beside this file in the sources; the build (dist/) reads the sources'. */
export function migrationsDir(): string {
  const here = fileURLToPath(new URL('./migrations/', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../../src/server/db/migrations/', import.meta.url));
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const bad = names.filter((n) => !MIGRATION_NAME.test(n));
  if (bad.length > 0)
    throw new Error(`迁移文件名不合规范（应为 yyyymmddThhmm__说明.sql）：${bad.join('、')}`);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}/${name}`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

async function applied(tx: Queryable): Promise<Map<string, string>> {
  await tx.exec(`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const r = await tx.query<{ name: string; checksum: string }>(
    'select name, checksum from schema_migrations',
  );
  return new Map(r.rows.map((row) => [row.name, row.checksum]));
}

/** Applies the missing migrations; returns their names. */
export async function migrate(db: Database, migrations?: readonly Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK]);
    const done = await applied(tx);
    const known = new Set(all.map((m) => m.name));
    const unknown = [...done.keys()].filter((n) => !known.has(n));
    if (unknown.length > 0)
      throw new Error(`数据库包含本程序不认识的迁移：${unknown.join('、')}；请使用更新版本的 jixiao`);
    const out: string[] = [];
    for (const m of all) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum)
          throw new Error(`迁移 ${m.name} 在应用后被修改（校验和不符）；迁移只能追加，请新建迁移文件`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [m.name, m.checksum]);
      out.push(m.name);
    }
    return out;
  });
}

/**
 * A text description of the schema the migrations produce — tables, columns, constraints,
 * indexes, triggers — in a form that PGlite (PostgreSQL 18) and PostgreSQL 15 print alike. The
 * committed src/server/db/schema.snapshot.txt is checked against it (`npm run db:snapshot`
 * rewrites it), so a migration that changes the schema shows in review.
 */
import { fileURLToPath } from 'node:url';
import type { Queryable } from './database.ts';

/** The committed snapshot. */
export const SNAPSHOT_FILE = fileURLToPath(
  new URL('../../../src/server/db/schema.snapshot.txt', import.meta.url),
);

export async function describeSchema(db: Queryable): Promise<string> {
  const columns = await db.query<{
    t: string;
    c: string;
    type: string;
    nullable: string;
    dflt: string | null;
  }>(
    `select table_name as t, column_name as c, data_type as type, is_nullable as nullable,
            column_default as dflt
       from information_schema.columns
      where table_schema = 'public'
      order by table_name, ordinal_position`,
  );
  const constraints = await db.query<{ t: string; def: string }>(
    `select rel.relname as t, pg_get_constraintdef(con.oid) as def
       from pg_constraint con join pg_class rel on rel.oid = con.conrelid
       join pg_namespace ns on ns.oid = rel.relnamespace
      where ns.nspname = 'public' and con.contype <> 'n' -- PostgreSQL 18 lists NOT NULL here too
      order by rel.relname, pg_get_constraintdef(con.oid)`,
  );
  const indexes = await db.query<{ t: string; def: string }>(
    `select tablename as t, indexdef as def from pg_indexes where schemaname = 'public'
      order by tablename, indexname`,
  );
  const triggers = await db.query<{ t: string; name: string; events: string }>(
    `select event_object_table as t, trigger_name as name, string_agg(event_manipulation, ',' order by event_manipulation) as events
       from information_schema.triggers where trigger_schema = 'public'
      group by event_object_table, trigger_name order by 1, 2`,
  );
  const lines: string[] = [];
  let table = '';
  for (const col of columns.rows) {
    if (col.t !== table) {
      table = col.t;
      lines.push(`table ${table}`);
    }
    const dflt = col.dflt === null ? '' : ` default ${col.dflt.replace(/::[a-z ]+$/, '')}`;
    lines.push(`  ${col.c} ${col.type}${col.nullable === 'NO' ? ' not null' : ''}${dflt}`);
  }
  for (const c of constraints.rows) lines.push(`constraint ${c.t}: ${c.def}`);
  for (const i of indexes.rows) lines.push(`index ${i.t}: ${i.def.replace(/ USING btree/g, '')}`);
  for (const tr of triggers.rows) lines.push(`trigger ${tr.t}: ${tr.name} on ${tr.events}`);
  return `${lines.join('\n')}\n`;
}

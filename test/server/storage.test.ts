import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { MIGRATION_NAME, type Migration, loadMigrations, migrate } from '../../src/server/db/migrate.ts';
import { SNAPSHOT_FILE, describeSchema } from '../../src/server/db/snapshot.ts';
import { backends, stopTestPostgres } from '../support/databases.ts';

after(stopTestPostgres);

for (const backend of backends()) {
  const fresh = () => backend.open();
  describe(`storage on ${backend.name}`, { skip: backend.skip }, () => {
    it('are named by timestamp and apply once, in order', async () => {
      const migrations = await loadMigrations();
      assert.ok(migrations.length >= 1);
      for (const m of migrations) assert.match(m.name, MIGRATION_NAME);
      assert.deepEqual(
        migrations.map((m) => m.name),
        [...migrations.map((m) => m.name)].sort(),
      );
      const db = await fresh();
      try {
        assert.deepEqual(
          await migrate(db, migrations),
          migrations.map((m) => m.name),
        );
        assert.deepEqual(await migrate(db, migrations), [], 'nothing the second time');
      } finally {
        await db.close();
      }
    });

    it('count writes only where this process is the sole user (embedded)', async () => {
      const db = await fresh();
      try {
        await migrate(db);
        if (db.kind === 'postgres') {
          assert.equal(db.writes, undefined, 'a shared server: nothing may be trusted between queries');
          return;
        }
        const writes = db.writes;
        assert.ok(writes !== undefined);
        let n = writes();
        const moved = (what: string, expected: boolean): void => {
          const now = writes();
          assert.equal(now !== n, expected, what);
          n = now;
        };
        await db.query('select count(*) from organisations');
        moved('a select', false);
        await db.query(' SELECT 1 where true');
        moved('a select in capitals', false);
        await db.query('select id from organisations for update');
        moved('select … for update', true);
        await db.query(
          "insert into organisations (kind, name, region) values ('unit', '写入计数', '江西省')",
        );
        moved('an insert', true);
        await db.query('with x as (delete from organisations where name = $1 returning 1) select * from x', [
          '写入计数',
        ]);
        moved('a delete inside a with', true);
        await db.transaction((tx) => tx.query('select 1'));
        moved('a transaction', true);
        await assert.rejects(db.transaction(() => Promise.reject(new Error('回滚'))));
        moved('a rolled-back transaction', true);
        await db.exec('select 1; select 2');
        moved('exec', true);
      } finally {
        await db.close();
      }
    });

    it('produce the committed schema snapshot (npm run db:snapshot rewrites it)', async () => {
      const db = await fresh();
      try {
        await migrate(db);
        assert.equal(await describeSchema(db), readFileSync(SNAPSHOT_FILE, 'utf8'));
      } finally {
        await db.close();
      }
    });

    it('refuse an applied migration whose file changed, and one the code does not know', async () => {
      const migrations = await loadMigrations();
      const db = await fresh();
      try {
        await migrate(db, migrations);
        const first = migrations[0] as Migration;
        const changed: Migration[] = [{ ...first, checksum: 'x' }, ...migrations.slice(1)];
        await assert.rejects(migrate(db, changed), /在应用后被修改（校验和不符）/);
        await assert.rejects(migrate(db, migrations.slice(1)), /数据库包含本程序不认识的迁移/);
      } finally {
        await db.close();
      }
    });

    it('a failing migration leaves nothing behind', async () => {
      const migrations = await loadMigrations();
      const db = await fresh();
      try {
        await migrate(db, migrations);
        const bad: Migration = {
          name: '29991231T2359__broken.sql',
          sql: 'create table half_done (x int); select * from no_such_table;',
          checksum: 'b',
        };
        await assert.rejects(migrate(db, [...migrations, bad]));
        const t = await db.query("select 1 from information_schema.tables where table_name = 'half_done'");
        assert.equal(t.rowCount, 0);
        const m = await db.query('select 1 from schema_migrations where name = $1', [bad.name]);
        assert.equal(m.rowCount, 0);
      } finally {
        await db.close();
      }
    });

    it('the change log is append-only', async () => {
      const db = await fresh();
      try {
        await migrate(db);
        await db.query("insert into change_log (entity, action, after) values ('evaluation', 'create', $1)", [
          JSON.stringify({ a: 1 }),
        ]);
        await assert.rejects(db.query("update change_log set action = 'x'"), /变更日志只能追加/);
        await assert.rejects(db.query('delete from change_log'), /变更日志只能追加/);
        assert.equal((await db.query('select 1 from change_log')).rowCount, 1);
      } finally {
        await db.close();
      }
    });

    it('numerics come back exact, as text', async () => {
      const db = await fresh();
      try {
        const r = await db.query<{ n: string }>('select 0.1::numeric + 0.2::numeric as n');
        assert.equal(r.rows[0]?.n, '0.3');
      } finally {
        await db.close();
      }
    });

    it('a transaction that throws writes nothing', async () => {
      const db = await fresh();
      try {
        await migrate(db);
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query(
              "insert into organisations (kind, name, region) values ('finance', '某财政局', '某省')",
            );
            throw new Error('中途失败');
          }),
          /中途失败/,
        );
        assert.equal((await db.query('select 1 from organisations')).rowCount, 0);
      } finally {
        await db.close();
      }
    });
  });
}

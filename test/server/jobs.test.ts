/**
 * Batch jobs through the API on both databases: rescoring a year's evaluations, a year's reports
 * as one archive, progress, permissions, bad requests; and on a shared database two workers take
 * each job once.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument -- response bodies are untyped JSON */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { type Database, openPostgres } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { enqueueJob, runQueuedJobs } from '../../src/server/jobs.ts';
import {
  InProcessQueue,
  type JobQueue,
  PGBOSS_QUEUE,
  PgBossQueue,
  openJobQueue,
} from '../../src/server/queue.ts';
import { ensureAdmin, seedIfEmpty } from '../../src/server/seed.ts';
import { createUser } from '../../src/server/store/accounts.ts';
import { PgBoss } from 'pg-boss';
import { backends, freshPostgresUrl, stopTestPostgres } from '../support/databases.ts';
import { httpClient } from '../support/http.ts';

const PASSWORD = 'Jobs-Passw0rd!';

after(stopTestPostgres);

for (const backend of backends()) {
  describe(`jobs on ${backend.name}`, { skip: backend.skip }, () => {
    let db: Database;
    let app: FastifyInstance;
    let worker: JobQueue;
    let base = '';
    const tokens = new Map<string, string>();

    const http = httpClient(() => base);
    const call = (who: string, method: string, path: string, body?: unknown) =>
      http.call(path, {
        method,
        headers: { authorization: `Bearer ${tokens.get(who) ?? ''}` },
        body,
      });

    /** Polls a job until it is done or failed, keeping every progress seen. */
    const finished = async (who: string, id: number): Promise<{ job: any; seen: number[] }> => {
      const seen: number[] = [];
      for (let i = 0; i < 600; i++) {
        const { json } = await call(who, 'GET', `/api/jobs/${String(id)}`);
        seen.push(json.job.progress);
        if (json.job.status === 'done' || json.job.status === 'failed') return { job: json.job, seen };
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('job did not finish');
    };

    before(async () => {
      db = await backend.open();
      await migrate(db);
      await seedIfEmpty(db);
      await ensureAdmin(db, { JIXIAO_ADMIN_PASSWORD: PASSWORD });
      const org = async (name: string) =>
        (await db.query<{ id: number }>('select id from organisations where name = $1', [name])).rows[0]
          ?.id ?? null;
      await createUser(db, {
        username: 'j-finance',
        displayName: '财政',
        role: 'finance',
        organisationId: await org('南昌市财政局'),
        password: PASSWORD,
      });
      await createUser(db, {
        username: 'j-unit',
        displayName: '单位',
        role: 'unit',
        organisationId: await org('南昌市工人文化宫'),
        password: PASSWORD,
      });
      worker = openJobQueue(db, { pollingIntervalSeconds: 0.5 });
      await worker.start();
      assert.equal(worker.name, db.kind === 'postgres' ? 'pg-boss' : 'in-process');
      app = buildApp({ db, jobs: worker });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      for (const username of ['admin', 'j-finance', 'j-unit']) {
        tokens.set(username, await http.token(username, PASSWORD));
      }
    });

    after(async () => {
      await app.close();
      await worker.stop();
      await db.close();
    });

    it('rescores the year the finance bureau sees, fixing a stale stored score and logging it', async () => {
      await db.query("update evaluations set total = 1, grade = '差' where title like '南昌市工人文化宫%'");
      const id = (
        await db.query<{ id: number }>("select id from evaluations where title like '南昌市工人文化宫%'")
      ).rows[0]!.id;
      const stale = await call('j-finance', 'GET', `/api/evaluations/${String(id)}`);
      assert.equal(
        stale.json.evaluation.total,
        '1',
        'the stored (stale) score is what is read, and now cached',
      );
      const queued = await call('j-finance', 'POST', '/api/jobs', { kind: 'rescore', fiscalYear: 2023 });
      assert.equal(queued.status, 202);
      assert.equal(queued.json.job.status, 'queued');
      const { job } = await finished('j-finance', queued.json.job.id as number);
      assert.equal(job.status, 'done', job.message);
      assert.deepEqual(job.result, { evaluations: 4, changed: 1, failed: 0 });
      assert.equal(job.progress, 4);
      assert.equal(job.total, 4);
      const row = (
        await db.query<{ total: string; grade: string }>(
          "select total, grade from evaluations where title like '南昌市工人文化宫%'",
        )
      ).rows[0];
      assert.deepEqual(row, { total: '95.25', grade: '优' });
      const fresh = await call('j-finance', 'GET', `/api/evaluations/${String(id)}`);
      assert.equal(
        fresh.json.evaluation.total,
        '95.25',
        'a rescore is a change: no stale answer from the cache',
      );
      assert.equal(fresh.json.evaluation.document.unit.name, '南昌市工人文化宫');
      const logged = await db.query("select 1 from change_log where action = 'rescore'");
      assert.equal(logged.rowCount, 1);
    });

    it("generates a year's reports as one archive, with progress, to download", async () => {
      const queued = await call('j-finance', 'POST', '/api/jobs', {
        kind: 'reports',
        fiscalYear: 2023,
        type: 'indicators',
        format: 'xlsx',
      });
      assert.equal(queued.status, 202, JSON.stringify(queued.json));
      const { job } = await finished('j-finance', queued.json.job.id as number);
      assert.equal(job.status, 'done', job.message);
      assert.equal(job.result.reports, 4);
      assert.equal(job.hasFile, true);
      const file = await call('j-finance', 'GET', `/api/jobs/${String(job.id)}/file`);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-type'), 'application/zip');
      const entries = unzipSync(file.bytes);
      const names = Object.keys(entries);
      assert.equal(names.length, 4);
      for (const name of names) {
        assert.match(name, /^\d+-南昌市.*-绩效评价指标体系评分表\.xlsx$/);
        assert.equal(String.fromCharCode(entries[name]![0]!, entries[name]![1]!), 'PK');
      }
    });

    it('only finance and admin run jobs; others see none of them; bad requests name the field', async () => {
      assert.equal(
        (await call('j-unit', 'POST', '/api/jobs', { kind: 'rescore', fiscalYear: 2023 })).status,
        403,
      );
      const mine = (await call('j-finance', 'GET', '/api/jobs')).json.jobs as { id: number }[];
      assert.ok(mine.length >= 2);
      assert.equal((await call('j-unit', 'GET', `/api/jobs/${String(mine[0]!.id)}`)).status, 404);
      assert.deepEqual((await call('j-unit', 'GET', '/api/jobs')).json.jobs, []);
      for (const [body, path] of [
        [{ kind: 'delete-everything', fiscalYear: 2023 }, 'kind'],
        [{ kind: 'rescore' }, 'fiscalYear'],
        [{ kind: 'reports', fiscalYear: 2023, type: 'indicators', format: 'pptx' }, 'format'],
      ] as const) {
        const r = await call('j-finance', 'POST', '/api/jobs', body);
        assert.equal(r.status, 400);
        assert.equal(r.json.error.issues[0].path, path);
      }
    });

    const financeActor = async () => {
      const finance = (
        await db.query<{ id: number; role: 'finance'; organisation_id: number }>(
          "select id, role, organisation_id from users where username = 'j-finance'",
        )
      ).rows[0]!;
      return {
        id: finance.id,
        username: 'j-finance',
        displayName: '财政',
        role: finance.role,
        organisationId: finance.organisation_id,
      };
    };

    it('two workers on one database take each job once', async () => {
      const actor = await financeActor();
      if (db.kind === 'embedded') {
        // the in-process queue: two runs at once (the worker woken twice) share the rows
        const ids: number[] = [];
        for (let i = 0; i < 6; i++)
          ids.push((await enqueueJob(db, actor, 'rescore', { fiscalYear: 2023 })).id);
        const [a, b] = await Promise.all([runQueuedJobs(db), runQueuedJobs(db)]);
        assert.equal(a + b, 6);
        const rows = (
          await db.query<{ status: string }>('select status from jobs where id = any($1::int[])', [ids])
        ).rows;
        assert.deepEqual(
          rows.map((r) => r.status),
          Array<string>(6).fill('done'),
        );
        return;
      }
      // pg-boss: a second process's pool and queue on the same database; jobs sent by either run once
      assert.ok(db.url !== undefined);
      const other = await openPostgres(db.url);
      const second = new PgBossQueue(other, db.url, { pollingIntervalSeconds: 0.5 });
      await second.start();
      try {
        const ids: number[] = [];
        for (let i = 0; i < 6; i++)
          ids.push(
            (
              await enqueueJob(
                i % 2 === 0 ? db : other,
                actor,
                'rescore',
                { fiscalYear: 2023 },
                i % 2 === 0 ? worker : second,
              )
            ).id,
          );
        for (const id of ids) await finished('j-finance', id);
        const rows = (
          await db.query<{ status: string }>(
            'select status from jobs where id = any($1::int[]) order by id',
            [ids],
          )
        ).rows;
        assert.deepEqual(
          rows.map((r) => r.status),
          Array<string>(6).fill('done'),
        );
        // pg-boss ran each once: completed at the first attempt, and only one pg-boss job per row
        const sent = (
          await db.query<{ state: string; retry_count: number; data: { jobId: number } }>(
            'select state, retry_count, data from pgboss.job where name = $1 and (data->>$2)::int = any($3::int[])',
            [PGBOSS_QUEUE, 'jobId', ids],
          )
        ).rows;
        assert.equal(sent.length, 6);
        for (const j of sent) assert.deepEqual([j.state, j.retry_count], ['completed', 0]);
      } finally {
        await second.stop();
        await other.close();
      }
    });

    it('a job whose worker died (no more heartbeats) is handed out again by pg-boss and run from the start', async () => {
      if (db.kind !== 'postgres') return; // the embedded database: the next test
      // a database of its own, so that no other worker takes the job first
      const url = await freshPostgresUrl();
      const own = await openPostgres(url);
      const sender = new PgBossQueue(own, url, { work: false, heartbeatSeconds: 10 });
      const dead = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false });
      let rescuer: PgBossQueue | undefined;
      try {
        await migrate(own);
        await seedIfEmpty(own);
        await ensureAdmin(own, { JIXIAO_ADMIN_PASSWORD: PASSWORD });
        const admin = (await own.query<{ id: number }>("select id from users where username = 'admin'"))
          .rows[0]!;
        await sender.start();
        const { id } = await enqueueJob(
          own,
          { id: admin.id, username: 'admin', displayName: '管理员', role: 'admin', organisationId: null },
          'rescore',
          { fiscalYear: 2023 },
          sender,
        );
        // a worker takes it, starts, and dies: it never beats nor finishes
        await dead.start();
        const [claimed] = await dead.fetch<{ jobId: number }>(PGBOSS_QUEUE);
        assert.equal(claimed?.data.jobId, id);
        await own.query("update jobs set status = 'running', progress = 1, total = 4 where id = $1", [id]);
        // another process: after 10 s without a heartbeat the job is handed to it
        rescuer = new PgBossQueue(own, url, { pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
        await rescuer.start();
        let row: { status: string; progress: number; total: number } | undefined;
        for (let i = 0; i < 240; i++) {
          row = (
            await own.query<{ status: string; progress: number; total: number }>(
              'select status, progress, total from jobs where id = $1',
              [id],
            )
          ).rows[0];
          if (row?.status === 'done' || row?.status === 'failed') break;
          await new Promise((r) => setTimeout(r, 250));
        }
        assert.deepEqual(row, { status: 'done', progress: 4, total: 4 });
        const attempts = (
          await own.query<{ state: string; retry_count: number }>(
            'select state, retry_count from pgboss.job where name = $1',
            [PGBOSS_QUEUE],
          )
        ).rows;
        assert.deepEqual(attempts, [{ state: 'completed', retry_count: 1 }]);
      } finally {
        await rescuer?.stop();
        await dead.stop({ graceful: false, close: true });
        await sender.stop();
        await own.close();
      }
    });

    it('a job queued and then left running by a stopped process runs again at the next start', async () => {
      if (db.kind !== 'embedded') return; // on a server, pg-boss hands it out again (the test above)
      const actor = await financeActor();
      const { id } = await enqueueJob(db, actor, 'rescore', { fiscalYear: 2023 }); // no queue: it waits
      const second = await enqueueJob(db, actor, 'rescore', { fiscalYear: 2023 });
      await db.query("update jobs set status = 'running', progress = 1 where id = $1", [id]);
      const restarted = new InProcessQueue(db);
      await restarted.start();
      try {
        for (const job of [id, second.id]) {
          const { job: done } = await finished('j-finance', job);
          assert.equal(done.status, 'done', done.message);
          assert.equal(done.progress, done.total);
        }
      } finally {
        await restarted.stop();
      }
    });
  });
}

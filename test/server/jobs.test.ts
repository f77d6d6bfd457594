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
import type { Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { JobWorker, enqueueJob, runQueuedJobs } from '../../src/server/jobs.ts';
import { ensureAdmin, seedIfEmpty } from '../../src/server/seed.ts';
import { createUser } from '../../src/server/store/accounts.ts';
import { backends, stopTestPostgres } from '../support/databases.ts';

const PASSWORD = 'Jobs-Passw0rd!';

after(stopTestPostgres);

for (const backend of backends()) {
  describe(`jobs on ${backend.name}`, { skip: backend.skip }, () => {
    let db: Database;
    let app: FastifyInstance;
    let worker: JobWorker;
    let base = '';
    const tokens = new Map<string, string>();

    const call = async (who: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(who) ?? ''}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      let json: any;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        json = undefined;
      }
      return { status: res.status, json, bytes, headers: res.headers };
    };

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
      worker = new JobWorker(db);
      app = buildApp({ db, jobs: worker });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      for (const username of ['admin', 'j-finance', 'j-unit']) {
        const res = await fetch(`${base}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD, bearer: true }),
        });
        tokens.set(username, ((await res.json()) as { token: string }).token);
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

    it('two workers on one database take each job once', async () => {
      const finance = (
        await db.query<{ id: number; role: 'finance'; organisation_id: number }>(
          "select id, role, organisation_id from users where username = 'j-finance'",
        )
      ).rows[0]!;
      const actor = {
        id: finance.id,
        username: 'j-finance',
        displayName: '财政',
        role: finance.role,
        organisationId: finance.organisation_id,
      };
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push((await enqueueJob(db, actor, 'rescore', { fiscalYear: 2023 })).id);
      const [a, b] = await Promise.all([runQueuedJobs(db), runQueuedJobs(db)]);
      assert.equal(a + b, 6);
      const rows = (
        await db.query<{ status: string }>('select status from jobs where id = any($1::int[])', [ids])
      ).rows;
      assert.deepEqual(
        rows.map((r) => r.status),
        Array<string>(6).fill('done'),
      );
    });
  });
}

/**
 * Several server processes on one PostgreSQL: two apps, each with its own connection pool (as two
 * processes would have), share sessions, versions and the job queue — nothing lives in one
 * process's memory that the other needs.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-explicit-any -- response bodies are untyped JSON */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Database, openPostgres } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { type JobQueue, openJobQueue } from '../../src/server/queue.ts';
import { ensureAdmin, seedIfEmpty } from '../../src/server/seed.ts';
import { backends, freshPostgresUrl, stopTestPostgres } from '../support/databases.ts';

const PASSWORD = 'Scale-Passw0rd!';
const server = backends().find((b) => b.name === 'PostgreSQL server');

after(stopTestPostgres);

describe('two server processes on one PostgreSQL', { skip: server?.skip ?? 'no PostgreSQL backend' }, () => {
  let first: Database;
  let second: Database;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let sender: JobQueue;
  let worker: JobQueue;
  const bases: string[] = [];

  const call = async (which: number, method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch((bases[which] ?? '') + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  before(async () => {
    const url = await freshPostgresUrl();
    first = await openPostgres(url);
    // a second pool on the same database: what a second process would have
    second = await openPostgres(url);
    await Promise.all([migrate(first), migrate(second)]); // both start together: migrated once
    await seedIfEmpty(first);
    await ensureAdmin(first, { JIXIAO_ADMIN_PASSWORD: PASSWORD });
    // the first only sends jobs, so a job queued there must run in the second
    sender = openJobQueue(first, { work: false });
    worker = openJobQueue(second, { pollingIntervalSeconds: 0.5 });
    await Promise.all([sender.start(), worker.start()]);
    a = buildApp({ db: first, jobs: sender });
    b = buildApp({ db: second, jobs: worker });
    bases.push(
      await a.listen({ host: '127.0.0.1', port: 0 }),
      await b.listen({ host: '127.0.0.1', port: 0 }),
    );
  });

  after(async () => {
    await a.close();
    await b.close();
    await sender.stop();
    await worker.stop();
    await first.close();
    await second.close();
  });

  it('a session opened on one is valid on the other; a stale save is refused across them; a job queued on one runs on the other', async () => {
    const login = await fetch(`${bases[0] ?? ''}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD, bearer: true }),
    });
    const token = ((await login.json()) as { token: string }).token;
    assert.equal((await call(1, 'GET', '/api/me', token)).json.user.username, 'admin');

    const ev = (await call(0, 'GET', '/api/evaluations', token)).json.evaluations[0];
    const doc = (await call(0, 'GET', `/api/evaluations/${String(ev.id)}`, token)).json.evaluation.document;
    assert.equal(
      (
        await call(0, 'PUT', `/api/evaluations/${String(ev.id)}`, token, {
          version: ev.version,
          document: doc,
        })
      ).status,
      200,
    );
    const stale = await call(1, 'PUT', `/api/evaluations/${String(ev.id)}`, token, {
      version: ev.version,
      document: doc,
    });
    assert.equal(stale.status, 409);

    const job = (await call(0, 'POST', '/api/jobs', token, { kind: 'rescore', fiscalYear: 2023 })).json.job;
    let status = job.status as string;
    for (let i = 0; i < 200 && status !== 'done' && status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await call(0, 'GET', `/api/jobs/${String(job.id)}`, token)).json.job.status;
    }
    assert.equal(status, 'done');
  });
});

/**
 * The service as the server and browser suites start it: a fresh database (migrated, seeded, with
 * the admin account), the organisations read into a map by name, evaluation firms and users added,
 * and the HTTP app listening on a free port of 127.0.0.1. Each suite keeps its own data and
 * evaluations. `startService` starts one (and `stop()` closes what it started); `useService` does
 * it around the tests of a `describe`.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   the evaluation created is the service's untyped JSON, as the suites read it */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/server/auth/roles.ts';
import type { Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { InProcessQueue } from '../../src/server/queue.ts';
import { ensureAdmin, seedIfEmpty } from '../../src/server/seed.ts';
import { createOrganisation, createUser } from '../../src/server/store/accounts.ts';
import { type Client, type Reply, httpClient } from './http.ts';

/** The password of every account a suite makes (and of the admin), unless the suite gives one. */
export const PASSWORD = 'Test-Passw0rd!';

/** A user to create: its username, role, organisation (by name) and display name (the username). */
export type UserSpec = readonly [username: string, role: Role, organisation: string, displayName?: string];

export interface ServiceOptions {
  /** Users created once the organisations (and `evaluators`) exist, all with `password`. */
  users?: readonly UserSpec[];
  /** Third-party evaluation firms (kind `evaluator`, no parent) added to the organisations first. */
  evaluators?: readonly { name: string; region: string }[];
  /** The admin account (`ensureAdmin`) with `password`; default true. */
  admin?: boolean;
  /** Default `PASSWORD`. */
  password?: string;
  /** The built web application to serve at `/` (see `buildApp`). */
  webRoot?: string;
  /** An in-process job queue, started with the service and stopped with it. */
  jobs?: boolean;
}

export interface TestService {
  db: Database;
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Every organisation's id by its name. */
  orgs: Map<string, number>;
  /** Requests to this service (test/support/http.ts). */
  http: ReturnType<typeof httpClient>;
  /** A cookie session of one of the users (or the admin), with the suite's password unless given. */
  logIn(username: string, password?: string): Promise<Client>;
  /**
   * An evaluation of the organisation named, created by `client` through POST /api/evaluations
   * (asserted 201) from `from` (`templateId` and `fiscalYear`, or a `document`): the reply's
   * `evaluation`.
   */
  createEvaluation(
    client: Client,
    organisation: string,
    from: Record<string, unknown>,
  ): Promise<Reply['json']>;
  stop(): Promise<void>;
}

/** Starts the service on `db` (a fresh, empty database: it is closed by `stop()`). */
export async function startService(
  database: Database | Promise<Database>,
  opts: ServiceOptions = {},
): Promise<TestService> {
  const db = await database;
  const password = opts.password ?? PASSWORD;
  let jobs: InProcessQueue | undefined;
  let app: FastifyInstance | undefined;
  try {
    await migrate(db);
    await seedIfEmpty(db);
    if (opts.admin !== false) await ensureAdmin(db, { JIXIAO_ADMIN_PASSWORD: password });
    const orgs = new Map<string, number>();
    for (const row of (await db.query<{ id: number; name: string }>('select id, name from organisations'))
      .rows)
      orgs.set(row.name, row.id);
    for (const { name, region } of opts.evaluators ?? [])
      orgs.set(name, (await createOrganisation(db, { parentId: null, kind: 'evaluator', name, region })).id);
    for (const [username, role, organisation, displayName] of opts.users ?? []) {
      const organisationId = orgs.get(organisation);
      if (organisationId === undefined) throw new Error(`no organisation ${organisation}`);
      await createUser(db, {
        username,
        displayName: displayName ?? username,
        role,
        organisationId,
        password,
      });
    }
    if (opts.jobs === true) {
      jobs = new InProcessQueue(db);
      await jobs.start();
    }
    app = buildApp({
      db,
      ...(jobs === undefined ? {} : { jobs }),
      ...(opts.webRoot === undefined ? {} : { webRoot: opts.webRoot }),
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const http = httpClient(() => base);
    const started = app;
    return {
      db,
      app,
      base,
      orgs,
      http,
      logIn: (username, pw = password) => http.logIn(username, pw),
      createEvaluation: async (client, organisation, from) => {
        const r = await http.call('/api/evaluations', {
          method: 'POST',
          client,
          body: { organisationId: orgs.get(organisation), ...from },
        });
        assert.equal(r.status, 201, JSON.stringify(r.json));
        return r.json.evaluation;
      },
      stop: async () => {
        await started.close();
        await jobs?.stop();
        await db.close();
      },
    };
  } catch (e) {
    await app?.close();
    await jobs?.stop();
    await db.close();
    throw e;
  }
}

/** The service of a `describe`, read inside its tests and hooks (reading it before it starts throws). */
export type ServiceFixture = Omit<TestService, 'app' | 'stop'>;

/**
 * Starts the service on a fresh database of `backend` before the tests of the calling `describe`
 * (call it first there, so that the suite's own `before` finds it started) and stops it after them.
 */
export function useService(
  backend: { open(): Promise<Database> },
  opts: ServiceOptions = {},
): ServiceFixture {
  let started: TestService | undefined;
  const service = (): TestService => {
    if (started === undefined) throw new Error('the service is not started yet');
    return started;
  };
  before(async () => {
    started = await startService(backend.open(), opts);
  });
  after(async () => {
    await started?.stop();
  });
  const http = httpClient(() => service().base);
  return {
    get db() {
      return service().db;
    },
    get base() {
      return service().base;
    },
    get orgs() {
      return service().orgs;
    },
    http,
    logIn: (username, password) => service().logIn(username, password),
    createEvaluation: (client, organisation, from) => service().createEvaluation(client, organisation, from),
  };
}

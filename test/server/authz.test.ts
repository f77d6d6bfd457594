/**
 * The authorisation matrix: every role against every route, allowed and denied, over a real HTTP
 * port. Each row names the route, prepares what it needs, and gives the status each role must get;
 * a test checks that the rows cover every route the app has.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   response bodies are untyped JSON */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/server/auth/index.ts';
import { type Database, openEmbedded } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { ensureAdmin, seedIfEmpty } from '../../src/server/seed.ts';
import { createOrganisation, createUser } from '../../src/server/store/accounts.ts';
import { createEvaluation } from '../../src/server/store/evaluations.ts';
import { findTemplate } from '../../src/core/templates/index.ts';
import { buildImportTemplate } from '../../src/importers/excel/template.ts';

const PASSWORD = 'Matrix-Passw0rd!';
const ROLES: readonly Role[] = ['admin', 'finance', 'department', 'unit', 'evaluator'];
let db: Database;
let app: FastifyInstance;
let base = '';
const tokens = new Map<Role, string>();
const orgs = new Map<string, number>();
let evaluatorOrg = 0;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let workbook: Uint8Array = new Uint8Array(0);
/** A published report as text, for 报告检查. */
const report = new Uint8Array(
  readFileSync(new URL('../fixtures/reports/003_e5ac9451f3a1d231.txt', import.meta.url)),
);

/**
 * A request as `role` (or without a session: `null`); a Uint8Array body is sent as an .xlsx upload
 * (or as `rawType`), anything else as JSON.
 */
async function request(
  role: Role | null,
  method: string,
  path: string,
  body?: unknown,
  rawType = XLSX,
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> =
    role === null ? {} : { authorization: `Bearer ${tokens.get(role) ?? ''}` };
  const raw = body instanceof Uint8Array;
  if (body !== undefined) headers['content-type'] = raw ? rawType : 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

/** A fresh evaluation of 南昌市工人文化宫 in `status`, assigned to the evaluator organisation. */
async function evaluation(status = 'draft'): Promise<number> {
  const unit = orgs.get('南昌市工人文化宫') ?? 0;
  const ev = await createEvaluation(db, null, {
    organisationId: unit,
    templateId: 'nanchang-2023-department',
    fiscalYear: 2025,
  });
  await db.query('update evaluations set status = $2 where id = $1', [ev.id, status]);
  await db.query('insert into assignments (evaluation_id, organisation_id) values ($1, $2)', [
    ev.id,
    evaluatorOrg,
  ]);
  return ev.id;
}

/** A finished job started by `role` when it may run jobs, else by the admin; with a file if asked. */
async function job(role: Role | null, file = false): Promise<number> {
  const starter = role === 'finance' ? 'm-finance' : 'admin';
  const id =
    (
      await db.query<{ id: number }>(
        `insert into jobs (kind, params, status, created_by) values ('rescore', '{"fiscalYear":2030}', 'done',
           (select id from users where username = $1)) returning id`,
        [starter],
      )
    ).rows[0]?.id ?? 0;
  if (file)
    await db.query(
      "insert into job_files (job_id, name, content_type, data) values ($1, 'a.zip', 'application/zip', $2)",
      [id, Buffer.from('PK')],
    );
  return id;
}

async function currentVersion(id: number): Promise<number> {
  return (
    (await db.query<{ version: number }>('select version from evaluations where id = $1', [id])).rows[0]
      ?.version ?? 0
  );
}

interface Row {
  method: string;
  /** The route as fastify names it. */
  route: string;
  /** Status per role, in ROLES order. */
  expect: [number, number, number, number, number];
  /** Makes the request for one role, or without a session (fresh state each time). */
  run(role: Role | null): Promise<{ status: number; json: any }>;
}

let n = 0;
const unique = (): string => `${String(process.pid)}${String(++n)}`;

const ROWS: Row[] = [
  {
    method: 'GET',
    route: '/api/templates/:template',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/templates/nanchang-2023-department'),
  },
  {
    method: 'POST',
    route: '/api/templates',
    expect: [201, 201, 403, 403, 403],
    run: async (r) =>
      request(r, 'POST', '/api/templates', { evaluationId: await evaluation(), name: `模板${unique()}` }),
  },
  {
    method: 'DELETE',
    route: '/api/templates/:template',
    expect: [204, 204, 403, 403, 403],
    run: async (r) => {
      // a custom template the finance user saved: an admin or that user may delete it
      const saved = await request('finance', 'POST', '/api/templates', {
        evaluationId: await evaluation(),
        name: `待删模板${unique()}`,
      });
      return request(r, 'DELETE', `/api/templates/${String(saved.json.template.id)}`);
    },
  },
  {
    method: 'GET',
    route: '/api/templates/:template/workbook',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/templates/nanchang-2023-department/workbook'),
  },
  {
    method: 'POST',
    route: '/api/evaluations/import',
    expect: [201, 403, 201, 201, 403],
    run: (r) =>
      request(
        r,
        'POST',
        `/api/evaluations/import?organisationId=${String(orgs.get('南昌市工人文化宫'))}`,
        workbook,
      ),
  },
  // the API's documentation is public
  ...(['/api/openapi.json', '/api/docs'] as const).map((route): Row => ({
    method: 'GET',
    route,
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', route),
  })),
  {
    method: 'GET',
    route: '/api/me',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/me'),
  },
  {
    method: 'GET',
    route: '/api/organisations',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/organisations'),
  },
  {
    method: 'POST',
    route: '/api/organisations',
    expect: [201, 403, 403, 403, 403],
    run: (r) =>
      request(r, 'POST', '/api/organisations', {
        kind: 'evaluator',
        name: `评价机构${unique()}`,
        region: '江西省南昌市',
      }),
  },
  {
    method: 'GET',
    route: '/api/templates',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/templates'),
  },
  {
    method: 'GET',
    route: '/api/users',
    expect: [200, 403, 403, 403, 403],
    run: (r) => request(r, 'GET', '/api/users'),
  },
  {
    method: 'POST',
    route: '/api/users',
    expect: [201, 403, 403, 403, 403],
    run: (r) =>
      request(r, 'POST', '/api/users', {
        username: `user${unique()}`,
        displayName: '新用户',
        role: 'unit',
        organisationId: orgs.get('南昌市工人文化宫'),
        password: 'New-User-Passw0rd!',
      }),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/report/preview',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String(await evaluation())}/report/preview?type=indicators`),
  },
  {
    method: 'GET',
    route: '/api/dashboard',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/dashboard?year=2023'),
  },
  {
    method: 'POST',
    route: '/api/preview',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const doc = (await request('admin', 'GET', `/api/evaluations/${String(await evaluation())}`)).json
        .evaluation.document;
      return request(r, 'POST', '/api/preview', { document: doc });
    },
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    expect: [200, 403, 403, 403, 403],
    run: async (r) => {
      const user = await createUser(db, {
        username: `patch${unique()}`,
        displayName: '待修改',
        role: 'unit',
        organisationId: orgs.get('南昌市工人文化宫') ?? null,
        password: 'Patch-User-Passw0rd!',
      });
      return request(r, 'PATCH', `/api/users/${String(user.id)}`, { displayName: '已修改', disabled: true });
    },
  },
  {
    method: 'GET',
    route: '/api/evaluations',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/evaluations'),
  },
  {
    method: 'POST',
    route: '/api/evaluations',
    expect: [201, 403, 201, 201, 403],
    run: (r) =>
      request(r, 'POST', '/api/evaluations', {
        organisationId: orgs.get('南昌市工人文化宫'),
        templateId: 'nanchang-2023-department',
        fiscalYear: 2026,
      }),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String(await evaluation())}`),
  },
  {
    method: 'PUT',
    route: '/api/evaluations/:id',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const id = await evaluation();
      const doc = (await request('admin', 'GET', `/api/evaluations/${String(id)}`)).json.evaluation.document;
      return request(r, 'PUT', `/api/evaluations/${String(id)}`, {
        version: await currentVersion(id),
        document: doc,
      });
    },
  },
  {
    method: 'DELETE',
    route: '/api/evaluations/:id',
    expect: [204, 403, 204, 204, 403],
    run: async (r) => {
      const id = await evaluation();
      return request(
        r,
        'DELETE',
        `/api/evaluations/${String(id)}?version=${String(await currentVersion(id))}`,
      );
    },
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/workflow',
    // submitting a draft: the reviewers (finance) do not submit
    expect: [200, 403, 200, 200, 200],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation())}/workflow`, { action: 'submit' }),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/workflow#approve',
    expect: [200, 200, 200, 403, 403],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation('reviewing'))}/workflow`, {
        action: 'approve',
      }),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/workflow#finalise',
    expect: [200, 200, 403, 403, 403],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation('approved'))}/workflow`, {
        action: 'finalise',
      }),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/revise',
    expect: [200, 200, 403, 403, 403],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation('finalised'))}/revise`, {
        reason: '发现计算错误',
      }),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/assignments',
    expect: [204, 204, 403, 403, 403],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation())}/assignments`, {
        organisationId: evaluatorOrg,
      }),
  },
  ...(['log', 'score', 'audit', 'versions'] as const).map((what): Row => ({
    method: 'GET',
    route: `/api/evaluations/:id/${what}`,
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String(await evaluation())}/${what}`),
  })),
  {
    method: 'GET',
    route: '/api/evaluations/:id/versions/:version',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String(await evaluation())}/versions/1`),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/report',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String(await evaluation())}/report?type=indicators&format=xlsx`),
  },
  {
    method: 'POST',
    route: '/api/jobs',
    expect: [202, 202, 403, 403, 403],
    run: (r) => request(r, 'POST', '/api/jobs', { kind: 'rescore', fiscalYear: 2030 }),
  },
  {
    method: 'GET',
    route: '/api/jobs',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/jobs'),
  },
  {
    method: 'GET',
    route: '/api/jobs/:id',
    // a job is seen by whoever started it (and the admin); the others cannot start one
    expect: [200, 200, 404, 404, 404],
    run: async (r) => request(r, 'GET', `/api/jobs/${String(await job(r))}`),
  },
  {
    method: 'POST',
    route: '/api/check',
    // 报告检查: any role, nothing stored
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'POST', '/api/check?name=report.txt', report, 'application/octet-stream'),
  },
  {
    method: 'GET',
    route: '/api/jobs/:id/file',
    expect: [200, 200, 404, 404, 404],
    run: async (r) => request(r, 'GET', `/api/jobs/${String(await job(r, true))}/file`),
  },
];

/** Rows every caller may use without a session: the API's documentation. */
const PUBLIC = new Set(['/api/openapi.json', '/api/docs']);

/** Routes every role may call without a session, or that the rows do not cover on purpose. */
const OUTSIDE_MATRIX = new Set(['POST /api/login', 'POST /api/logout', 'POST /api/me/password']);

/** The routes the app has: "METHOD /path" from fastify's route tree (HEAD left out). */
function appRoutes(): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    for (const method of (m[3] ?? '').split(', '))
      if (method !== 'HEAD') out.push(`${method} ${stack.join('')}`);
  }
  return out;
}

before(async () => {
  db = await openEmbedded();
  await migrate(db);
  await seedIfEmpty(db);
  await ensureAdmin(db, { JIXIAO_ADMIN_PASSWORD: PASSWORD });
  for (const row of (await db.query<{ id: number; name: string }>('select id, name from organisations')).rows)
    orgs.set(row.name, row.id);
  evaluatorOrg = (
    await createOrganisation(db, {
      parentId: null,
      kind: 'evaluator',
      name: '某会计师事务所',
      region: '江西省南昌市',
    })
  ).id;
  const where: Record<Exclude<Role, 'admin'>, number> = {
    finance: orgs.get('南昌市财政局') ?? 0,
    department: orgs.get('南昌市总工会') ?? 0,
    unit: orgs.get('南昌市工人文化宫') ?? 0,
    evaluator: evaluatorOrg,
  };
  for (const [role, organisationId] of Object.entries(where) as [Exclude<Role, 'admin'>, number][])
    await createUser(db, {
      username: `m-${role}`,
      displayName: role,
      role,
      organisationId,
      password: PASSWORD,
    });
  const template = findTemplate('nanchang-2023-department');
  workbook = await buildImportTemplate({ from: template?.build({ unitName: '南昌市工人文化宫' }) });
  app = buildApp({ db });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  for (const role of ROLES) {
    const res = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: role === 'admin' ? 'admin' : `m-${role}`,
        password: PASSWORD,
        bearer: true,
      }),
    });
    tokens.set(role, ((await res.json()) as { token: string }).token);
  }
});

after(async () => {
  await app.close();
  await db.close();
});

describe('authorisation matrix: every role against every route', () => {
  it('the rows cover every route the app has', () => {
    const covered = new Set([
      ...ROWS.map((r) => `${r.method} ${r.route.replace(/#.*/, '')}`),
      ...OUTSIDE_MATRIX,
    ]);
    const missing = appRoutes().filter((r) => !covered.has(r));
    assert.deepEqual(missing, [], 'routes without a row in the matrix');
  });

  for (const row of ROWS)
    it(`${row.method} ${row.route}`, async () => {
      const got: number[] = [];
      for (const role of ROLES) {
        const r = await row.run(role);
        got.push(r.status);
        if (r.status >= 400)
          assert.match(r.json.error.message, /[\u4e00-\u9fff]/, `${role}: a Chinese message`);
      }
      assert.deepEqual(
        Object.fromEntries(ROLES.map((role, i) => [role, got[i]])),
        Object.fromEntries(ROLES.map((role, i) => [role, row.expect[i]])),
      );
    });

  it('without a session every route but the public documentation is refused (401)', async () => {
    const got: Record<string, number> = {};
    for (const row of ROWS)
      if (!PUBLIC.has(row.route)) {
        const r = await row.run(null);
        got[`${row.method} ${row.route}`] = r.status;
        if (r.status === 401) assert.match(r.json.error.message, /登录/, row.route);
      }
    assert.deepEqual(got, Object.fromEntries(Object.keys(got).map((k) => [k, 401])));
  });

  it('out of scope is not found: another unit, an unassigned evaluation, another region', async () => {
    const other =
      (
        await db.query<{ id: number }>(
          "select e.id from evaluations e join organisations o on o.id = e.organisation_id where o.name = '南昌市总工会宣教中心'",
        )
      ).rows[0]?.id ?? 0;
    assert.equal((await request('unit', 'GET', `/api/evaluations/${String(other)}`)).status, 404);
    assert.equal((await request('evaluator', 'GET', `/api/evaluations/${String(other)}`)).status, 404);
    const songming =
      (
        await db.query<{ id: number }>(
          "select e.id from evaluations e join organisations o on o.id = e.organisation_id where o.name = '嵩明县总工会'",
        )
      ).rows[0]?.id ?? 0;
    for (const role of ['finance', 'department', 'unit', 'evaluator'] as const)
      assert.equal((await request(role, 'GET', `/api/evaluations/${String(songming)}`)).status, 404, role);
    assert.equal((await request('admin', 'GET', `/api/evaluations/${String(songming)}`)).status, 200);
  });
});

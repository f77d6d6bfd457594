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

/** Seed 001 of 南昌市工人文化宫 (a year of its own): an evaluation file with 存在问题 and 有关建议. */
const WITH_PROBLEMS: unknown = {
  ...JSON.parse(
    readFileSync(
      new URL('../../examples/seeds/001_a409125ab5d60bf9-wenhuagong.json', import.meta.url),
      'utf8',
    ),
  ),
  fiscalYear: 2031,
};

/**
 * A fresh evaluation of 南昌市工人文化宫 in `status` (from the department template, or `document`),
 * assigned to the evaluator organisation.
 */
async function evaluation(status = 'draft', document?: unknown): Promise<number> {
  const unit = orgs.get('南昌市工人文化宫') ?? 0;
  const ev = await createEvaluation(
    db,
    null,
    document === undefined
      ? { organisationId: unit, templateId: 'nanchang-2023-department', fiscalYear: 2025 }
      : { organisationId: unit, document },
  );
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

/** A request the matrix makes to prepare a row (as the admin): it must succeed. */
async function prepare(method: string, path: string, body?: unknown, rawType?: string): Promise<any> {
  const r = await request('admin', method, path, body, rawType);
  assert.ok(r.status < 300, `${method} ${path}: ${String(r.status)} ${JSON.stringify(r.json)}`);
  return r.json;
}

/** 问卷调查: a new questionnaire on a fresh evaluation, feeding its 满意度 indicator D4. */
async function survey(): Promise<number> {
  const made = await prepare('POST', '/api/surveys', {
    evaluationId: await evaluation(),
    name: `满意度调查${unique()}`,
    questions: ['服务态度', '活动组织'],
    indicators: [{ code: 'D4' }],
  });
  return Number(made.survey.id);
}

/** A new invitation link (its token) to a new questionnaire. */
async function invitation(): Promise<string> {
  return String(
    (await prepare('POST', `/api/surveys/${String(await survey())}/invitations`, { count: 1 })).invitations[0]
      .token,
  );
}

/** 绩效目标申报表 and a 1–7月 监控情况 that fit it. */
const SHEET = {
  scope: 'project',
  name: '职工技能培训项目',
  amountUnit: '万元',
  budget: { total: '120.00', fiscal: '100', other: '20' },
  overallGoal: '全年培训职工 2000 人次',
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥2000人次' }],
};
const CHECKPOINT = {
  executed: { total: '48', fiscal: '40', other: '8' },
  goalProgress: '已培训 900 人次',
  indicators: [{ name: '培训人次', toDate: '900人次', expected: '2000人次', likelihood: '确定能' }],
};

/** A fresh evaluation with its target sheet, and with the checkpoint 1–7月 when asked. */
async function monitored(checkpoint = false): Promise<number> {
  const id = await evaluation();
  const base = `/api/evaluations/${String(id)}/monitoring`;
  await prepare('PUT', `${base}/targets`, { sheet: SHEET });
  if (checkpoint) await prepare('PUT', `${base}/checkpoints/7`, CHECKPOINT);
  return id;
}

/** 整改事项: one item written by hand on a fresh evaluation. */
async function rectification(): Promise<{ id: number; item: number }> {
  const id = await evaluation();
  const made = await prepare('POST', `/api/evaluations/${String(id)}/rectifications`, {
    text: '规范资产管理',
    deadline: '2099-12-31',
  });
  return { id, item: Number(made.item.id) };
}

/** 征求意见稿: sent on a fresh evaluation (entrusted to the evaluator organisation). */
async function draft(): Promise<{ id: number; draft: number }> {
  const id = await evaluation();
  const sent = await prepare('POST', `/api/evaluations/${String(id)}/third-party/drafts`, {
    recipient: '南昌市工人文化宫',
    deadline: '2099-12-31',
  });
  return { id, draft: sent.draft.id };
}

/** A comment on a fresh draft. */
async function comment(): Promise<{ id: number; comment: number }> {
  const { id, draft: d } = await draft();
  const made = await prepare(
    'POST',
    `/api/evaluations/${String(id)}/third-party/drafts/${String(d)}/comments`,
    {
      kind: 'whole',
      text: '建议补充年度重点工作情况',
    },
  );
  return { id, comment: made.comment.id };
}

const OCTET = 'application/octet-stream';
const evidencePath = (id: number): string =>
  `/api/evaluations/${String(id)}/evidence?indicator=A1&name=${encodeURIComponent('会议纪要.txt')}`;
const MINUTES = new TextEncoder().encode('会议纪要：预算编制');

/** 佐证资料: one file on a fresh evaluation. */
async function evidence(): Promise<{ id: number; file: number }> {
  const id = await evaluation();
  return { id, file: (await prepare('POST', evidencePath(id), MINUTES, OCTET)).file.id };
}

const workPlanPath = (id: number): string =>
  `/api/evaluations/${String(id)}/third-party/work-plan?name=${encodeURIComponent('实施方案.pdf')}`;
const PLAN = new TextEncoder().encode('%PDF-1.7\n实施方案');

/** 实施方案: uploaded on a fresh evaluation. */
async function workPlan(): Promise<{ id: number; file: number }> {
  const id = await evaluation();
  return { id, file: (await prepare('POST', workPlanPath(id), PLAN, OCTET)).file.id };
}

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

  // ——— 问卷调查 (src/server/store/surveys.ts): reading is the evaluation's scope; building, publishing,
  // paper counts and applying need 'evaluation:edit', which every role has (within its scope)
  {
    method: 'GET',
    route: '/api/surveys',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/surveys?evaluationId=${String(await evaluation())}`),
  },
  {
    method: 'POST',
    route: '/api/surveys',
    expect: [201, 201, 201, 201, 201],
    run: async (r) =>
      request(r, 'POST', '/api/surveys', {
        evaluationId: await evaluation(),
        name: `满意度调查${unique()}`,
        questions: ['服务态度'],
        indicators: [{ code: 'D4' }],
      }),
  },
  {
    method: 'GET',
    route: '/api/surveys/:id',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/surveys/${String(await survey())}`),
  },
  {
    method: 'POST',
    route: '/api/surveys/:id/invitations',
    expect: [201, 201, 201, 201, 201],
    run: async (r) => request(r, 'POST', `/api/surveys/${String(await survey())}/invitations`, { count: 2 }),
  },
  {
    method: 'PUT',
    route: '/api/surveys/:id/paper',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'PUT', `/api/surveys/${String(await survey())}/paper`, {
        counts: { q1: { 非常满意: 3, 满意: 1 }, q2: { 一般: 4 } },
        sheets: 4,
      }),
  },
  {
    method: 'POST',
    route: '/api/surveys/:id/apply',
    // a new version of the (draft) evaluation: the same rule as editing it
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const id = await survey();
      await prepare('PUT', `/api/surveys/${String(id)}/paper`, {
        counts: { q1: { 非常满意: 3, 满意: 1 }, q2: { 一般: 4 } },
      });
      return request(r, 'POST', `/api/surveys/${String(id)}/apply`);
    },
  },
  {
    method: 'GET',
    route: '/api/surveys/:id/annex',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/surveys/${String(await survey())}/annex`),
  },
  // the respondent's routes: the invitation token is the credential, with or without a session (PUBLIC)
  {
    method: 'GET',
    route: '/api/s/:token',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/s/${await invitation()}`),
  },
  {
    method: 'POST',
    route: '/api/s/:token',
    expect: [201, 201, 201, 201, 201],
    run: async (r) =>
      request(r, 'POST', `/api/s/${await invitation()}`, { answers: { q1: '满意', q2: '非常满意' } }),
  },

  // ——— 绩效目标与监控 (src/server/store/monitoring.ts): reading is the evaluation's scope; writing needs
  // 'evaluation:edit' (every role) on an evaluation not finalised or archived
  {
    method: 'GET',
    route: '/api/evaluations/:id/monitoring',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String(await monitored(true))}/monitoring`),
  },
  {
    method: 'PUT',
    route: '/api/evaluations/:id/monitoring/targets',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'PUT', `/api/evaluations/${String(await evaluation())}/monitoring/targets`, {
        sheet: SHEET,
      }),
  },
  {
    method: 'PUT',
    route: '/api/evaluations/:id/monitoring/checkpoints/:months',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'PUT', `/api/evaluations/${String(await monitored())}/monitoring/checkpoints/7`, CHECKPOINT),
  },
  {
    method: 'DELETE',
    route: '/api/evaluations/:id/monitoring/checkpoints/:months',
    expect: [204, 204, 204, 204, 204],
    run: async (r) =>
      request(r, 'DELETE', `/api/evaluations/${String(await monitored(true))}/monitoring/checkpoints/7`),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/monitoring/export',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String(await monitored(true))}/monitoring/export?format=xlsx`),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/monitoring/prefill',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const id = await monitored(true);
      return request(r, 'POST', `/api/evaluations/${String(id)}/monitoring/prefill`, {
        version: await currentVersion(id),
      });
    },
  },

  // ——— 汇总与排名 (src/server/store/consolidation.ts): the scope of organisations; a third-party
  // evaluator sees no consolidation (403); a unit does not see its department (404)
  {
    method: 'GET',
    route: '/api/consolidation/options',
    expect: [200, 200, 200, 200, 403],
    run: (r) => request(r, 'GET', '/api/consolidation/options'),
  },
  ...(['', '/audit', '/workbook'] as const).map((what): Row => ({
    method: 'GET',
    route: `/api/consolidation/departments/:id${what}`,
    expect: [200, 200, 200, 404, 403],
    run: (r) =>
      request(
        r,
        'GET',
        `/api/consolidation/departments/${String(orgs.get('南昌市总工会'))}${what}?year=2023`,
      ),
  })),
  ...(['', '/workbook'] as const).map((what): Row => ({
    method: 'GET',
    route: `/api/consolidation/ranking${what}`,
    expect: [200, 200, 200, 200, 403],
    run: (r) => request(r, 'GET', `/api/consolidation/ranking${what}?year=2023`),
  })),
  {
    method: 'GET',
    route: '/api/consolidation/organisations/:id/years',
    expect: [200, 200, 200, 200, 403],
    run: (r) =>
      request(r, 'GET', `/api/consolidation/organisations/${String(orgs.get('南昌市工人文化宫'))}/years`),
  },

  // ——— 结果应用 (src/server/store/results.ts): the department, finance and the admin plan rectification;
  // a unit reports progress on its own items; finance and the admin keep the budget rule
  {
    method: 'GET',
    route: '/api/rectifications',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/rectifications?status=pending'),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/rectifications',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String((await rectification()).id)}/rectifications`),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/rectifications',
    expect: [201, 201, 201, 403, 403],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation())}/rectifications`, {
        text: '规范资产管理',
        deadline: '2099-12-31',
      }),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/rectifications/from-problems',
    expect: [201, 201, 201, 403, 403],
    run: async (r) =>
      request(
        r,
        'POST',
        `/api/evaluations/${String(await evaluation('draft', WITH_PROBLEMS))}/rectifications/from-problems`,
        { deadline: '2099-12-31' },
      ),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/carried-over',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String(await evaluation())}/carried-over`),
  },
  {
    method: 'PATCH',
    route: '/api/rectifications/:id',
    // progress (state, measures, result): the unit too
    expect: [200, 200, 200, 200, 403],
    run: async (r) =>
      request(r, 'PATCH', `/api/rectifications/${String((await rectification()).item)}`, {
        state: 'in-progress',
        measures: '已制定资产清查方案',
      }),
  },
  {
    method: 'PATCH',
    route: '/api/rectifications/:id#plan',
    // the plan (text, owner, deadline): not the unit
    expect: [200, 200, 200, 403, 403],
    run: async (r) =>
      request(r, 'PATCH', `/api/rectifications/${String((await rectification()).item)}`, {
        deadline: '2098-06-30',
      }),
  },
  {
    method: 'DELETE',
    route: '/api/rectifications/:id',
    expect: [204, 204, 204, 403, 403],
    run: async (r) => request(r, 'DELETE', `/api/rectifications/${String((await rectification()).item)}`),
  },
  {
    method: 'GET',
    route: '/api/budget-rule',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/budget-rule'),
  },
  {
    method: 'PUT',
    route: '/api/budget-rule',
    expect: [200, 200, 403, 403, 403],
    run: async (r) => request(r, 'PUT', '/api/budget-rule', (await prepare('GET', '/api/budget-rule')).rule),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/budget-consequence',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String(await evaluation())}/budget-consequence?budget=1000000`),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/publication',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String(await evaluation())}/publication`),
  },

  // ——— 第三方评价 (src/server/store/third-party.ts): the evaluation's scope; the evaluator, finance and
  // the admin send drafts; the evaluator and the admin reply to comments; uploads need 'evaluation:edit'
  {
    method: 'GET',
    route: '/api/third-party/assignments',
    expect: [200, 200, 200, 200, 200],
    run: (r) => request(r, 'GET', '/api/third-party/assignments'),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/third-party/drafts',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String((await draft()).id)}/third-party/drafts`),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/third-party/drafts',
    expect: [201, 201, 403, 403, 201],
    run: async (r) =>
      request(r, 'POST', `/api/evaluations/${String(await evaluation())}/third-party/drafts`, {
        recipient: '南昌市工人文化宫',
        deadline: '2099-12-31',
      }),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/third-party/drafts/:draft',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const d = await draft();
      return request(r, 'GET', `/api/evaluations/${String(d.id)}/third-party/drafts/${String(d.draft)}`);
    },
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/third-party/drafts/:draft/comments',
    expect: [201, 201, 201, 201, 201],
    run: async (r) => {
      const d = await draft();
      return request(
        r,
        'POST',
        `/api/evaluations/${String(d.id)}/third-party/drafts/${String(d.draft)}/comments`,
        {
          kind: 'indicator',
          target: 'A1',
          text: '该指标完成值有误',
        },
      );
    },
  },
  {
    method: 'PUT',
    route: '/api/evaluations/:id/third-party/comments/:comment/reply',
    expect: [200, 403, 403, 403, 200],
    run: async (r) => {
      const c = await comment();
      return request(
        r,
        'PUT',
        `/api/evaluations/${String(c.id)}/third-party/comments/${String(c.comment)}/reply`,
        {
          decision: 'rejected',
          reason: '评分依据充分',
        },
      );
    },
  },
  ...(['feedback', 'adoption'] as const).map((table): Row => ({
    method: 'GET',
    route: `/api/evaluations/:id/third-party/drafts/:draft/tables/:table#${table}`,
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const d = await draft();
      return request(
        r,
        'GET',
        `/api/evaluations/${String(d.id)}/third-party/drafts/${String(d.draft)}/tables/${table}`,
      );
    },
  })),
  {
    method: 'GET',
    route: '/api/evaluations/:id/third-party/archive',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String((await evidence()).id)}/third-party/archive`),
  },
  {
    method: 'POST',
    route: '/api/evaluations/:id/evidence',
    expect: [201, 201, 201, 201, 201],
    run: async (r) => request(r, 'POST', evidencePath(await evaluation()), MINUTES, OCTET),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/evidence',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => request(r, 'GET', `/api/evaluations/${String((await evidence()).id)}/evidence`),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/evidence/:file',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const e = await evidence();
      return request(r, 'GET', `/api/evaluations/${String(e.id)}/evidence/${String(e.file)}`);
    },
  },
  // 实施方案: the evaluator, finance and the admin upload it; everyone in scope reads it
  {
    method: 'POST',
    route: '/api/evaluations/:id/third-party/work-plan',
    expect: [201, 201, 403, 403, 201],
    run: async (r) => request(r, 'POST', workPlanPath(await evaluation()), PLAN, OCTET),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/third-party/work-plan',
    expect: [200, 200, 200, 200, 200],
    run: async (r) =>
      request(r, 'GET', `/api/evaluations/${String((await workPlan()).id)}/third-party/work-plan`),
  },
  {
    method: 'GET',
    route: '/api/evaluations/:id/third-party/work-plan/:file',
    expect: [200, 200, 200, 200, 200],
    run: async (r) => {
      const w = await workPlan();
      return request(r, 'GET', `/api/evaluations/${String(w.id)}/third-party/work-plan/${String(w.file)}`);
    },
  },
];

/**
 * Rows every caller may use without a session: the API's documentation, and a questionnaire's
 * respondent routes, where the invitation token is the only credential (a respondent has no account).
 */
const PUBLIC = new Set(['/api/openapi.json', '/api/docs', '/api/s/:token']);

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

  it('without a session every route but the public ones is refused (401); the public ones answer', async () => {
    const got: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const row of ROWS) {
      const r = await row.run(null);
      const key = `${row.method} ${row.route}`;
      got[key] = r.status;
      // a public route answers without a session as it does the admin
      expected[key] = PUBLIC.has(row.route) ? row.expect[0] : 401;
      if (r.status === 401) assert.match(r.json.error.message, /登录/, row.route);
    }
    assert.deepEqual(got, expected);
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

  it('out of scope, what hangs on an evaluation is not found either, nor listed', async () => {
    const region = (
      await db.query<{ id: number; organisation_id: number }>(
        "select e.id, e.organisation_id from evaluations e join organisations o on o.id = e.organisation_id where o.name = '嵩明县总工会'",
      )
    ).rows[0];
    const id = region?.id ?? 0;
    const e = `/api/evaluations/${String(id)}`;
    // entrusted to another evaluator; the admin made a questionnaire, an item, a draft with a comment, a file
    const elsewhere = await createOrganisation(db, {
      parentId: null,
      kind: 'evaluator',
      name: '另一评价机构',
      region: '云南省',
    });
    await db.query('insert into assignments (evaluation_id, organisation_id) values ($1, $2)', [
      id,
      elsewhere.id,
    ]);
    const surveyId = (
      await prepare('POST', '/api/surveys', { evaluationId: id, name: '问卷', questions: ['一'] })
    ).survey.id;
    const itemId = (await prepare('POST', `${e}/rectifications`, { text: '整改', deadline: '2099-12-31' }))
      .item.id;
    const draftId = (
      await prepare('POST', `${e}/third-party/drafts`, { recipient: '嵩明县总工会', deadline: '2099-12-31' })
    ).draft.id;
    const commentId = (
      await prepare('POST', `${e}/third-party/drafts/${String(draftId)}/comments`, {
        kind: 'whole',
        text: '意见',
      })
    ).comment.id;
    await prepare('PUT', `${e}/monitoring/targets`, { sheet: SHEET });
    const fileId = (await prepare('POST', evidencePath(id), MINUTES, OCTET)).file.id;
    const planId = (await prepare('POST', workPlanPath(id), PLAN, OCTET)).file.id;
    const org = String(region?.organisation_id ?? 0);
    const reads = [
      `/api/surveys/${String(surveyId)}`,
      `/api/surveys/${String(surveyId)}/annex`,
      `/api/surveys?evaluationId=${String(id)}`,
      `${e}/monitoring`,
      `${e}/rectifications`,
      `${e}/carried-over`,
      `${e}/budget-consequence?budget=1`,
      `${e}/publication`,
      `${e}/third-party/drafts`,
      `${e}/third-party/drafts/${String(draftId)}`,
      `${e}/third-party/drafts/${String(draftId)}/tables/feedback`,
      `${e}/third-party/archive`,
      `${e}/evidence`,
      `${e}/evidence/${String(fileId)}`,
      `${e}/third-party/work-plan`,
      `${e}/third-party/work-plan/${String(planId)}`,
    ];
    const writes: [string, string, unknown][] = [
      ['POST', `/api/surveys/${String(surveyId)}/invitations`, { count: 1 }],
      ['PUT', `${e}/monitoring/targets`, { sheet: SHEET, version: 1 }],
      ['POST', `${e}/third-party/drafts/${String(draftId)}/comments`, { kind: 'whole', text: '意见' }],
    ];
    for (const role of ['finance', 'department', 'unit', 'evaluator'] as const) {
      for (const path of reads)
        assert.equal((await request(role, 'GET', path)).status, 404, `${role} ${path}`);
      for (const [method, path, body] of writes)
        assert.equal((await request(role, method, path, body)).status, 404, `${role} ${method} ${path}`);
      assert.equal((await request(role, 'POST', evidencePath(id), MINUTES, OCTET)).status, 404, role);
      assert.equal((await request(role, 'POST', workPlanPath(id), PLAN, OCTET)).status, 404, role);
      // consolidation: not found in scope; the evaluator sees none at all
      const consolidation = role === 'evaluator' ? 403 : 404;
      for (const path of [
        `/api/consolidation/departments/${org}?year=2023`,
        `/api/consolidation/organisations/${org}/years`,
      ])
        assert.equal((await request(role, 'GET', path)).status, consolidation, `${role} ${path}`);
      // nor listed
      const items = (await request(role, 'GET', '/api/rectifications')).json.items as { id: number }[];
      assert.ok(!items.some((i) => i.id === itemId), `${role}: rectifications`);
      const surveys = (await request(role, 'GET', '/api/surveys')).json.surveys as { id: number }[];
      assert.ok(!surveys.some((x) => x.id === surveyId), `${role}: surveys`);
      const entrusted = (await request(role, 'GET', '/api/third-party/assignments')).json.assignments as {
        evaluationId: number;
      }[];
      assert.ok(!entrusted.some((a) => a.evaluationId === id), `${role}: assignments`);
    }
    // the roles that may change items or reply: out of scope is 404 before anything else
    for (const role of ['finance', 'department', 'unit'] as const)
      assert.equal(
        (await request(role, 'PATCH', `/api/rectifications/${String(itemId)}`, { state: 'done' })).status,
        404,
        role,
      );
    assert.equal(
      (
        await request('evaluator', 'PUT', `${e}/third-party/comments/${String(commentId)}/reply`, {
          decision: 'adopted',
        })
      ).status,
      404,
    );
  });
});

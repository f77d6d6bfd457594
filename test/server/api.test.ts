/**
 * The REST API over a real HTTP port on loopback, on the embedded database: logging in, sessions
 * and CSRF, who sees what, saving with versions, the workflow and its log, reports, bad input.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildApp } from '../../src/server/http/app.ts';
import { createOrganisation, createUser } from '../../src/server/store/accounts.ts';
import { backends, stopTestPostgres } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { PASSWORD, useService } from '../support/service.ts';

after(stopTestPostgres);

for (const backend of backends()) {
  describe(`api on ${backend.name}`, { skip: backend.skip }, () => {
    const service = useService(backend, {
      users: [
        ['wenhuagong', 'unit', '南昌市工人文化宫'],
        ['xuanjiao', 'unit', '南昌市总工会宣教中心'],
        ['nczgh', 'department', '南昌市总工会'],
        ['ncczj', 'finance', '南昌市财政局'],
        ['smczj', 'finance', '嵩明县财政局'],
      ],
    });

    const { call } = service.http;
    const logIn = (username: string, password?: string): Promise<Client> => service.logIn(username, password);

    /** A new draft of 南昌市工人文化宫 from the Nanchang department template. */
    const createDraft = (client: Client, fiscalYear: number) =>
      call('/api/evaluations', {
        method: 'POST',
        client,
        body: {
          organisationId: service.orgs.get('南昌市工人文化宫'),
          templateId: 'nanchang-2023-department',
          fiscalYear,
        },
      });

    describe('api: logging in', () => {
      it('a wrong password and an unknown user get the same 401 in Chinese', async () => {
        const a = await call('/api/login', {
          method: 'POST',
          body: { username: 'admin', password: 'Wrong-Passw0rd!' },
        });
        const b = await call('/api/login', {
          method: 'POST',
          body: { username: 'nobody', password: 'Wrong-Passw0rd!' },
        });
        assert.equal(a.status, 401);
        assert.equal(b.status, 401);
        assert.equal(a.json.error.message, '用户名或密码错误');
        assert.equal(b.json.error.message, a.json.error.message);
      });

      it('the session is an HttpOnly, SameSite=Strict cookie, without the token in the body', async () => {
        const r = await call('/api/login', {
          method: 'POST',
          body: { username: 'admin', password: PASSWORD },
        });
        const cookie = r.headers.get('set-cookie') ?? '';
        assert.match(cookie, /^jixiao_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
        assert.equal(r.json.token, undefined);
        assert.equal(r.json.user.roleName, '管理员');
      });

      it('five wrong passwords lock the account (423), even for the right password then', async () => {
        await createUser(service.db, {
          username: 'locky',
          displayName: 'locky',
          role: 'unit',
          organisationId: service.orgs.get('南昌市工人文化宫') ?? null,
          password: PASSWORD,
        });
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++)
          statuses.push(
            (
              await call('/api/login', {
                method: 'POST',
                body: { username: 'locky', password: 'Wrong-Passw0rd!' },
              })
            ).status,
          );
        assert.deepEqual(statuses, [401, 401, 401, 401, 423]);
        const r = await call('/api/login', {
          method: 'POST',
          body: { username: 'locky', password: PASSWORD },
        });
        assert.equal(r.status, 423);
        assert.match(r.json.error.message, /账户已锁定/);
      });

      it('no session: 401; logged out: 401', async () => {
        assert.equal((await call('/api/evaluations')).status, 401);
        const c = await logIn('admin');
        assert.equal((await call('/api/logout', { method: 'POST', client: c })).status, 200);
        assert.equal((await call('/api/me', { client: c })).status, 401);
      });

      it('a bearer token works without CSRF; a cookie session needs X-CSRF-Token to change anything', async () => {
        const r = await call('/api/login', {
          method: 'POST',
          body: { username: 'wenhuagong', password: PASSWORD, bearer: true },
        });
        assert.equal(r.headers.get('set-cookie'), null);
        const me = await call('/api/me', { headers: { authorization: `Bearer ${String(r.json.token)}` } });
        assert.equal(me.json.user.username, 'wenhuagong');
        const c = await logIn('wenhuagong');
        const body = {
          organisationId: service.orgs.get('南昌市工人文化宫'),
          templateId: 'nanchang-2023-department',
        };
        const denied = await call('/api/evaluations', { method: 'POST', client: c, body, csrf: false });
        assert.equal(denied.status, 403);
        assert.match(denied.json.error.message, /CSRF/);
      });
    });

    describe('api: log-in throttling per address', () => {
      it('after 20 failed log-ins in a minute from one address, even a right password waits (429)', async () => {
        const throttled = buildApp({ db: service.db, loginFailuresPerMinute: 3 });
        const url = await throttled.listen({ host: '127.0.0.1', port: 0 });
        try {
          const attempt = async (username: string, password: string) =>
            (
              await fetch(`${url}/api/login`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ username, password }),
              })
            ).status;
          // spraying: a different account each time, so no account locks
          assert.deepEqual(
            [
              await attempt('u1', 'Wrong-Passw0rd!'),
              await attempt('u2', 'Wrong-Passw0rd!'),
              await attempt('u3', 'Wrong-Passw0rd!'),
            ],
            [401, 401, 401],
          );
          assert.equal(await attempt('admin', PASSWORD), 429);
        } finally {
          await throttled.close();
        }
      });
    });

    describe('api: who sees what', () => {
      const titles = async (who: string): Promise<string[]> => {
        const r = await call('/api/evaluations', { client: await logIn(who) });
        assert.equal(r.status, 200);
        return (r.json.evaluations as { organisationName: string }[]).map((e) => e.organisationName).sort();
      };

      it('a unit sees its own; a department its units and itself; a finance bureau its region; admin all', async () => {
        assert.deepEqual(await titles('wenhuagong'), ['南昌市工人文化宫']);
        assert.deepEqual(await titles('nczgh'), [
          '南昌市工人文化宫',
          '南昌市总工会',
          '南昌市总工会宣教中心',
          '南昌市总工会网络信息宣教中心',
          '南昌市总工会职工服务中心',
        ]);
        assert.deepEqual(await titles('smczj'), ['嵩明县总工会']);
        assert.equal((await titles('ncczj')).length, 5);
        assert.equal((await titles('admin')).length, 8);
      });

      it("another unit's evaluation is refused (404, not revealed)", async () => {
        const other = (await call('/api/evaluations', { client: await logIn('xuanjiao') })).json
          .evaluations[0].id as number;
        const r = await call(`/api/evaluations/${String(other)}`, { client: await logIn('wenhuagong') });
        assert.equal(r.status, 404);
        assert.equal(r.json.error.message, '评价不存在或无权查看');
      });
    });

    describe('api: editing, versions, workflow and the change log', () => {
      it('create from a template, save, refuse a stale save, go through the workflow, log it all', async () => {
        const unit = await logIn('wenhuagong');
        const created = await createDraft(unit, 2025);
        assert.equal(created.status, 201, JSON.stringify(created.json));
        const ev = created.json.evaluation;
        assert.equal(ev.version, 1);
        assert.equal(ev.status, 'draft');
        assert.equal(ev.statusName, '草稿');
        const id = String(ev.id);

        const doc = structuredClone(ev.document);
        doc.unit.name = '南昌市工人文化宫（改）';
        const saved = await call(`/api/evaluations/${id}`, {
          method: 'PUT',
          client: unit,
          body: { version: 1, document: doc },
        });
        assert.equal(saved.status, 200, JSON.stringify(saved.json));
        assert.equal(saved.json.evaluation.version, 2);

        const stale = structuredClone(ev.document);
        stale.unit.name = '过期的修改';
        const refused = await call(`/api/evaluations/${id}`, {
          method: 'PUT',
          client: unit,
          body: { version: 1, document: stale },
        });
        assert.equal(refused.status, 409);
        assert.equal(refused.json.error.version, 2);
        const now = await call(`/api/evaluations/${id}`, { client: unit });
        assert.equal(
          now.json.evaluation.document.unit.name,
          '南昌市工人文化宫（改）',
          'nothing of the stale save',
        );

        const dept = await logIn('nczgh');
        const finance = await logIn('ncczj');
        const move = async (c: Client, action: string, reason?: string) =>
          call(`/api/evaluations/${id}/workflow`, {
            method: 'POST',
            client: c,
            body: { action, ...(reason ? { reason } : {}) },
          });
        assert.equal((await move(unit, 'approve')).status, 403, 'a unit cannot approve');
        assert.equal((await move(unit, 'submit')).json.evaluation.status, 'submitted');
        assert.equal((await move(dept, 'start-review')).json.evaluation.status, 'reviewing');
        const noReason = await move(dept, 'return');
        assert.equal(noReason.status, 409);
        assert.match(noReason.json.error.message, /退回原因/);
        assert.equal((await move(dept, 'return', '预算执行率计算有误')).json.evaluation.status, 'returned');
        assert.equal((await move(unit, 'submit')).json.evaluation.status, 'submitted');
        assert.equal((await move(dept, 'start-review')).json.evaluation.status, 'reviewing');
        assert.equal((await move(dept, 'approve')).json.evaluation.status, 'approved');
        assert.equal((await move(finance, 'finalise')).json.evaluation.status, 'finalised');

        const frozen = await call(`/api/evaluations/${id}`, {
          method: 'PUT',
          client: unit,
          body: { version: 2, document: doc },
        });
        assert.equal(frozen.status, 409);
        assert.match(frozen.json.error.message, /定稿/);

        const log = (await call(`/api/evaluations/${id}/log`, { client: dept })).json.log as {
          action: string;
          user: string;
          reason: string | null;
          before: any;
          after: any;
        }[];
        assert.deepEqual(
          log.map((l) => `${l.action}:${l.user}`),
          [
            'create:wenhuagong',
            'update:wenhuagong',
            'submit:wenhuagong',
            'start-review:nczgh',
            'return:nczgh',
            'submit:wenhuagong',
            'start-review:nczgh',
            'approve:nczgh',
            'finalise:ncczj',
          ],
        );
        assert.equal(log[1]?.before.document.unit.name, '南昌市工人文化宫');
        assert.equal(log[1]?.after.document.unit.name, '南昌市工人文化宫（改）');
        assert.equal(log[4]?.reason, '预算执行率计算有误');
      });

      it('an invalid evaluation file is refused with the field path, and nothing is stored', async () => {
        const unit = await logIn('wenhuagong');
        const before = (await service.db.query('select 1 from evaluations')).rowCount;
        const r = await call('/api/evaluations', {
          method: 'POST',
          client: unit,
          body: {
            organisationId: service.orgs.get('南昌市工人文化宫'),
            document: { format: 'jixiao/evaluation@1', unit: {} },
          },
        });
        assert.equal(r.status, 400);
        assert.ok(Array.isArray(r.json.error.issues) && r.json.error.issues.length > 0);
        assert.match(r.json.error.issues[0].path, /^document\./);
        assert.equal((await service.db.query('select 1 from evaluations')).rowCount, before);
      });
    });

    describe('api: managing accounts', () => {
      it('an admin renames, disables (sessions end, log-in refused), re-enables, resets and unlocks; all logged', async () => {
        const admin = await logIn('admin');
        await createUser(service.db, {
          username: 'managed',
          displayName: '被管理的用户',
          role: 'unit',
          organisationId: service.orgs.get('南昌市工人文化宫') ?? null,
          password: PASSWORD,
        });
        const user = await logIn('managed');
        const id = (await call('/api/me', { client: user })).json.user.id as number;
        const patch = (body: unknown, client = admin) =>
          call(`/api/users/${String(id)}`, { method: 'PATCH', client, body });

        const renamed = await patch({ displayName: '改名后的用户' });
        assert.equal(renamed.status, 200, JSON.stringify(renamed.json));
        assert.equal(renamed.json.user.displayName, '改名后的用户');
        assert.equal((await call('/api/me', { client: user })).status, 200, 'a rename keeps the session');

        assert.equal((await patch({ disabled: true })).json.user.disabled, true);
        assert.equal((await call('/api/me', { client: user })).status, 401, 'disabled: its session ended');
        const refused = await call('/api/login', {
          method: 'POST',
          body: { username: 'managed', password: PASSWORD },
        });
        assert.equal(refused.status, 401);

        assert.equal((await patch({ disabled: false })).json.user.disabled, false);
        const weak = await patch({ password: 'short' });
        assert.equal(weak.status, 400);
        assert.equal(weak.json.error.issues[0].path, 'password');
        const reset = await patch({ password: 'Reset-Passw0rd-2026!' });
        assert.equal(reset.status, 200);
        assert.equal(reset.json.user.mustChangePassword, true);
        const again = await logIn('managed', 'Reset-Passw0rd-2026!');
        assert.equal((await call('/api/me', { client: again })).json.user.mustChangePassword, true);

        // locked by wrong passwords, unlocked by the admin
        for (let i = 0; i < 5; i++)
          await call('/api/login', { method: 'POST', body: { username: 'managed', password: 'wrong' } });
        const locked = await call('/api/login', {
          method: 'POST',
          body: { username: 'managed', password: 'Reset-Passw0rd-2026!' },
        });
        assert.equal(locked.status, 423);
        assert.equal((await patch({ unlock: true })).json.user.locked, false);
        await logIn('managed', 'Reset-Passw0rd-2026!');

        // refused: unknown fields, a unit user without an organisation, a non-admin, the last admin
        const unknown = await patch({ username: 'renamed', role: 'unit' });
        assert.equal(unknown.status, 400);
        assert.equal(unknown.json.error.issues[0].path, 'username');
        assert.equal((await patch({ organisationId: null })).status, 400);
        assert.equal((await patch({ displayName: '越权' }, user)).status, 401, 'its old session is gone');
        const self = await call('/api/me', { client: admin });
        const last = await call(`/api/users/${String(self.json.user.id)}`, {
          method: 'PATCH',
          client: admin,
          body: { disabled: true },
        });
        assert.equal(last.status, 409);
        assert.match(last.json.error.message, /最后一个管理员/);
        assert.equal(
          (await call('/api/users/999999', { method: 'PATCH', client: admin, body: {} })).status,
          404,
        );

        const logged = (
          await service.db.query<{ action: string; before: any; after: any }>(
            "select action, before, after from change_log where entity = 'user' and entity_id = $1 and action = 'update' order by id",
            [String(id)],
          )
        ).rows;
        assert.equal(logged.length, 5);
        assert.equal(logged[0]?.before.displayName, '被管理的用户');
        assert.equal(logged[0]?.after.displayName, '改名后的用户');
        assert.equal(logged[1]?.after.disabled, true);
        assert.equal(logged[3]?.after.passwordReset, true);
        assert.ok(!JSON.stringify(logged).includes('Reset-Passw0rd'), 'no password in the log');
      });
    });

    describe('api: answers kept by version follow every change at once', () => {
      it('a save changes the read and the score; an assignment given or taken away shows at once', async () => {
        const admin = await logIn('admin');
        const unit = await logIn('wenhuagong');
        const created = await createDraft(unit, 2026);
        assert.equal(created.status, 201, JSON.stringify(created.json));
        const id = String(created.json.evaluation.id);
        const first = await call(`/api/evaluations/${id}`, { client: unit });
        const firstScore = await call(`/api/evaluations/${id}/score`, { client: unit });
        assert.equal(firstScore.status, 200);
        assert.deepEqual(
          (await call(`/api/evaluations/${id}/score`, { client: unit })).json,
          firstScore.json,
        );

        // a save: the read and the score follow in the very next request
        const doc = structuredClone(first.json.evaluation.document);
        doc.unit.name = '南昌市工人文化宫（第二稿）';
        const saved = await call(`/api/evaluations/${id}`, {
          method: 'PUT',
          client: unit,
          body: { version: 1, document: doc },
        });
        assert.equal(saved.status, 200, JSON.stringify(saved.json));
        const second = await call(`/api/evaluations/${id}`, { client: unit });
        assert.equal(second.json.evaluation.version, 2);
        assert.equal(second.json.evaluation.document.unit.name, '南昌市工人文化宫（第二稿）');
        assert.notEqual(second.headers.get('etag'), first.headers.get('etag'));
        const secondScore = await call(`/api/evaluations/${id}/score`, { client: unit });
        assert.equal(firstScore.json.unit, '南昌市工人文化宫');
        assert.equal(secondScore.json.unit, '南昌市工人文化宫（第二稿）');

        // a third-party evaluator sees it from the moment it is assigned, and not after
        const firm = await createOrganisation(service.db, {
          parentId: null,
          kind: 'evaluator',
          name: '缓存测试会计师事务所',
          region: '江西省南昌市',
        });
        await createUser(service.db, {
          username: 'cache-evaluator',
          displayName: '第三方',
          role: 'evaluator',
          organisationId: firm.id,
          password: PASSWORD,
        });
        const evaluator = await logIn('cache-evaluator');
        assert.equal((await call(`/api/evaluations/${id}`, { client: evaluator })).status, 404);
        assert.equal((await call(`/api/evaluations/${id}/score`, { client: evaluator })).status, 404);
        const assigned = await call(`/api/evaluations/${id}/assignments`, {
          method: 'POST',
          client: admin,
          body: { organisationId: firm.id },
        });
        assert.ok(assigned.status < 300, JSON.stringify(assigned.json));
        assert.equal((await call(`/api/evaluations/${id}`, { client: evaluator })).status, 200);
        assert.equal((await call(`/api/evaluations/${id}/audit`, { client: evaluator })).status, 200);
        await service.db.query('delete from assignments where evaluation_id = $1', [Number(id)]);
        assert.equal((await call(`/api/evaluations/${id}`, { client: evaluator })).status, 404);
        assert.equal((await call(`/api/evaluations/${id}/score`, { client: evaluator })).status, 404);
        assert.equal((await call(`/api/evaluations/${id}/audit`, { client: evaluator })).status, 404);
      });
    });

    describe('api: scores, findings and reports', () => {
      it('the score and audit of a seed, and its Word report as a download', async () => {
        const c = await logIn('smczj');
        const id = String((await call('/api/evaluations', { client: c })).json.evaluations[0].id);
        const score = await call(`/api/evaluations/${id}/score`, { client: c });
        assert.equal(score.status, 200);
        assert.equal(score.json.total, '91.60');
        const audit = await call(`/api/evaluations/${id}/audit`, { client: c });
        assert.equal(audit.status, 200);
        const docx = await call(`/api/evaluations/${id}/report?type=department&format=docx`, { client: c });
        assert.equal(docx.status, 200);
        assert.equal(String.fromCharCode(docx.bytes[0] ?? 0, docx.bytes[1] ?? 0), 'PK');
        assert.match(docx.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
        const bad = await call(`/api/evaluations/${id}/report?type=department&format=xlsx`, { client: c });
        assert.equal(bad.status, 400);
        const preview = await call(`/api/evaluations/${id}/report/preview?type=department`, { client: c });
        assert.equal(preview.status, 200);
        assert.match(preview.json.title, /嵩明县总工会/);
        assert.match(preview.json.html, /<table>/);
        assert.match(preview.json.html, /91\.60/);
        assert.match(preview.json.html, /<img src="data:image\/png;base64,/, 'the charts inline');
        const again = await call(`/api/evaluations/${id}/report/preview?type=department`, { client: c });
        assert.equal(again.json.html, preview.json.html);
        assert.equal(
          (await call(`/api/evaluations/${id}/report/preview?type=nonsense`, { client: c })).status,
          400,
        );
      });
    });

    describe('api: custom templates', () => {
      it('a finance bureau saves an evaluation’s indicator system as a template; a unit starts from it', async () => {
        const finance = await logIn('ncczj');
        const source = (
          (await call('/api/evaluations?year=2023', { client: finance })).json.evaluations as {
            id: number;
            organisationName: string;
          }[]
        ).find((e) => e.organisationName === '南昌市工人文化宫')!;
        const saved = await call('/api/templates', {
          method: 'POST',
          client: finance,
          body: {
            evaluationId: source.id,
            name: '南昌市工会系统部门整体评价（2023 自定义）',
            locality: '江西省南昌市',
          },
        });
        assert.equal(saved.status, 201, JSON.stringify(saved.json));
        const t = saved.json.template;
        assert.match(t.id, /^custom-\d+$/);
        assert.equal(t.builtIn, false);
        assert.equal(t.createdBy, 'ncczj');
        const again = await call('/api/templates', {
          method: 'POST',
          client: finance,
          body: { evaluationId: source.id, name: ' 南昌市工会系统部门整体评价（2023 自定义） ' },
        });
        assert.equal(again.status, 409);
        assert.equal(again.json.error.issues[0].path, 'name');

        // the skeleton keeps the system and drops the results
        const detail = await call(`/api/templates/${String(t.id)}`, { client: finance });
        const text = JSON.stringify(detail.json.document);
        assert.ok(!text.includes('"actual"'), 'no actuals');
        assert.ok(!text.includes('"stated"'), 'no stated figures');
        assert.equal(detail.json.document.budget, undefined);
        assert.ok(detail.json.document.indicators.length >= 3);

        const unit = await logIn('wenhuagong');
        assert.ok(
          ((await call('/api/templates', { client: unit })).json.templates as { id: string }[]).some(
            (x) => x.id === t.id,
          ),
          'every user sees it',
        );
        const created = await call('/api/evaluations', {
          method: 'POST',
          client: unit,
          body: { organisationId: service.orgs.get('南昌市工人文化宫'), templateId: t.id, fiscalYear: 2027 },
        });
        assert.equal(created.status, 201, JSON.stringify(created.json));
        assert.equal(created.json.evaluation.fiscalYear, 2027);
        assert.equal(created.json.evaluation.document.unit.name, '南昌市工人文化宫');
        assert.deepEqual(created.json.evaluation.document.template, { id: t.id, version: t.version });
        const workbook = await call(`/api/templates/${String(t.id)}/workbook`, { client: unit });
        assert.equal(workbook.status, 200);

        assert.equal(
          (await call(`/api/templates/${String(t.id)}`, { method: 'DELETE', client: unit })).status,
          403,
        );
        assert.equal(
          (await call('/api/templates/nanchang-2023-department', { method: 'DELETE', client: finance }))
            .status,
          409,
          'a built-in template stays',
        );
        assert.equal(
          (await call(`/api/templates/${String(t.id)}`, { method: 'DELETE', client: finance })).status,
          204,
        );
        assert.equal((await call(`/api/templates/${String(t.id)}`, { client: finance })).status, 404);
        const logged = await service.db.query<{ action: string }>(
          "select action from change_log where entity = 'template' order by id",
        );
        assert.deepEqual(
          logged.rows.map((r) => r.action),
          ['create', 'delete'],
        );
      });
    });

    describe('api: dashboard', () => {
      it('a finance bureau sees its region’s year with 得分率 per level-1 group; a unit only itself', async () => {
        const finance = await logIn('ncczj');
        const d = await call('/api/dashboard?year=2023', { client: finance });
        assert.equal(d.status, 200, JSON.stringify(d.json));
        assert.equal(d.json.fiscalYear, 2023);
        assert.ok((d.json.years as number[]).includes(2023));
        const names = (d.json.rows as { organisationName: string }[]).map((r) => r.organisationName);
        assert.ok(names.length >= 4, names.join());
        for (const n of names) assert.match(n, /^南昌市/);
        const wenhuagong = (d.json.rows as any[]).find((r) => r.organisationName === '南昌市工人文化宫');
        assert.equal(wenhuagong.total, '95.25');
        // (95.25 + 95.06 + 94.90 + 93.91) ÷ 4 = 94.78, exactly
        assert.equal(d.json.average, '94.78');
        assert.equal(wenhuagong.grade, '优');
        assert.ok(wenhuagong.groups.length >= 3);
        for (const g of wenhuagong.groups) assert.match(g.rate, /^\d+\.\d{2}%$/);
        const unit = await logIn('wenhuagong');
        const mine = await call('/api/dashboard?year=2023', { client: unit });
        assert.deepEqual(
          [...new Set((mine.json.rows as { organisationName: string }[]).map((r) => r.organisationName))],
          ['南昌市工人文化宫'],
        );
        assert.equal((await call('/api/dashboard?year=abc', { client: unit })).status, 400);
      });
    });

    describe('api: preview of an unsaved document', () => {
      it('scores and audits what the editor holds, stores nothing, and names a wrong field', async () => {
        const c = await logIn('smczj');
        const id = String((await call('/api/evaluations', { client: c })).json.evaluations[0].id);
        const doc = (await call(`/api/evaluations/${id}`, { client: c })).json.evaluation.document;
        const before = (await service.db.query('select 1 from change_log')).rowCount;
        const same = await call('/api/preview', { method: 'POST', client: c, body: { document: doc } });
        assert.equal(same.status, 200, JSON.stringify(same.json));
        assert.equal(same.json.score.total, '91.60');
        assert.ok(Array.isArray(same.json.audit.findings));
        doc.budget.executed = doc.budget.annual; // fully executed: 预算执行率 100%
        const changed = await call('/api/preview', { method: 'POST', client: c, body: { document: doc } });
        const rate = (changed.json.score.ratios as { name: string; value: string | null }[]).find(
          (r) => r.name === '预算执行率',
        );
        assert.equal(rate?.value, '100.00%');
        doc.fiscalYear = '第二年';
        const bad = await call('/api/preview', { method: 'POST', client: c, body: { document: doc } });
        assert.equal(bad.status, 400);
        assert.equal(bad.json.error.issues[0].path, 'document.fiscalYear');
        assert.equal((await service.db.query('select 1 from change_log')).rowCount, before, 'nothing stored');
      });
    });

    describe('api: Excel', () => {
      it('a template with its skeleton evaluation file', async () => {
        const c = await logIn('wenhuagong');
        const t = await call('/api/templates/nanchang-2023-department', { client: c });
        assert.equal(t.status, 200);
        assert.equal(t.json.template.locality, '江西省南昌市');
        assert.equal(t.json.document.format, 'jixiao/evaluation@1');
        assert.equal((await call('/api/templates/no-such-template', { client: c })).status, 404);
      });

      it('downloads a template workbook and uploads it back as a new evaluation; garbage is refused', async () => {
        const c = await logIn('wenhuagong');
        const wb = await call('/api/templates/nanchang-2023-department/workbook', { client: c });
        assert.equal(wb.status, 200);
        assert.equal(String.fromCharCode(wb.bytes[0] ?? 0, wb.bytes[1] ?? 0), 'PK');
        const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        const url = `${service.base}/api/evaluations/import?organisationId=${String(service.orgs.get('南昌市工人文化宫'))}`;
        const up = await fetch(url, {
          method: 'POST',
          headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': xlsx },
          body: wb.bytes,
        });
        assert.equal(up.status, 201, await up.clone().text());
        const created = (await up.json()) as any;
        assert.equal(created.evaluation.organisationName, '南昌市工人文化宫');
        const bad = await fetch(url, {
          method: 'POST',
          headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': xlsx },
          body: new TextEncoder().encode('not a workbook'),
        });
        assert.equal(bad.status, 400);
        assert.match(((await bad.json()) as any).error.message, /不是有效的 Excel 工作簿/);
      });
    });

    describe('api: bad input gets a 4xx with a Chinese message, never a 500', () => {
      it('deep nesting is refused with the path, not a crash; names with ../ stay names', async () => {
        const c = await logIn('admin');
        const before = (await service.db.query('select 1 from evaluations')).rowCount;
        let node = '{"code":"Y","name":"y","weight":1}';
        for (let i = 0; i < 5000; i++)
          node = `{"code":"X${String(i)}","name":"x","weight":1,"children":[${node}]}`;
        const raw = `{"organisationId":${String(service.orgs.get('南昌市工人文化宫'))},"document":{"format":"jixiao/evaluation@1","indicators":[${node}]}}`;
        const deep = await call('/api/evaluations', {
          method: 'POST',
          client: c,
          raw,
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(deep.status, 400);
        assert.match(deep.json.error.message, /嵌套超过 64 层/);
        assert.equal(
          (await service.db.query('select 1 from evaluations')).rowCount,
          before,
          'nothing stored',
        );
        const org = await call('/api/organisations', {
          method: 'POST',
          client: c,
          body: { kind: 'evaluator', name: '../../etc/passwd', region: '江西省南昌市' },
        });
        assert.equal(org.status, 201);
        assert.equal(org.json.organisation.name, '../../etc/passwd');
        const logged = await service.db.query<{ entity_id: string; user_id: number }>(
          "select entity_id, user_id from change_log where entity = 'organisation' and action = 'create'",
        );
        assert.deepEqual(
          logged.rows.map((r) => r.entity_id),
          [String(org.json.organisation.id)],
          'who created which organisation is logged',
        );
      });

      it('malformed JSON, wrong content type, a huge body, bad ids, SQL-like text', async () => {
        const c = await logIn('admin');
        const cases: [string, Parameters<typeof call>[1], number][] = [
          [
            '/api/evaluations',
            {
              method: 'POST',
              client: c,
              raw: '{"organisationId": ',
              headers: { 'content-type': 'application/json' },
            },
            400,
          ],
          [
            '/api/evaluations',
            {
              method: 'POST',
              client: c,
              raw: 'organisationId=1',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
            415,
          ],
          [
            '/api/evaluations',
            {
              method: 'POST',
              client: c,
              raw: `{"x":"${'a'.repeat(6 * 1024 * 1024)}"}`,
              headers: { 'content-type': 'application/json' },
            },
            413,
          ],
          ['/api/evaluations', { method: 'POST', client: c, body: [1, 2] }, 400],
          ['/api/evaluations', { method: 'POST', client: c, body: { organisationId: 'abc' } }, 400],
          ['/api/evaluations/abc', { client: c }, 400],
          ['/api/evaluations/99999999', { client: c }, 404],
          ["/api/evaluations?year=2020'%20or%201=1--", { client: c }, 400],
          ["/api/evaluations?kind=x'%3B%20drop%20table%20evaluations--", { client: c }, 200],
          [
            '/api/evaluations/1/workflow',
            { method: 'POST', client: c, body: { action: '../../etc/passwd' } },
            400,
          ],
          ['/api/nowhere', { client: c }, 404],
        ];
        for (const [path, opts, status] of cases) {
          const r = await call(path, opts);
          assert.equal(r.status, status, `${path}: ${JSON.stringify(r.json)?.slice(0, 200) ?? ''}`);
          if (status !== 200) assert.match(r.json.error.message, /[\u4e00-\u9fff]/, path);
        }
        assert.equal(
          (await service.db.query('select 1 from evaluations')).rowCount >= 8,
          true,
          'the table is still there',
        );
      });
    });
  });
}

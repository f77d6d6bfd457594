/**
 * 结果应用 through real HTTP on both databases: rectification items made from an evaluation's
 * problems and by hand, their progress reported by the unit, overdue as of today, carried into next
 * year's evaluation, the budget-consequence rule and an evaluation's consequence, the Word summary
 * read back, bad input naming the field, and who may not.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return,
   @typescript-eslint/no-explicit-any --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import { backends, stopTestPostgres } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { type UserSpec, useService } from '../support/service.ts';

after(stopTestPostgres);

const SEED = JSON.parse(
  readFileSync(new URL('../../examples/seeds/001_a409125ab5d60bf9-wenhuagong.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { problems: { text: string }[]; suggestions: { text: string }[] };

// deadlines far from any day the suite runs on: the real clock decides overdue without a race
const PAST = '2020-01-31';
const FUTURE = '2099-12-31';

const USERS: UserSpec[] = [
  ['wenhuagong', 'unit', '南昌市工人文化宫'],
  ['xuanjiao', 'unit', '南昌市总工会宣教中心'],
  ['nczgh', 'department', '南昌市总工会'],
  ['ncczj', 'finance', '南昌市财政局'],
  ['smczj', 'finance', '嵩明县财政局'],
];

for (const backend of backends()) {
  describe(`results on ${backend.name}`, { skip: backend.skip }, () => {
    const service = useService(backend, { users: USERS });
    const { call } = service.http;
    const clients: Record<string, Client> = {};
    let year2023 = 0;
    let year2024 = 0;
    let grade = '';

    before(async () => {
      for (const [username] of USERS) clients[username] = await service.logIn(username);
      const create = (fiscalYear: number) =>
        service.createEvaluation(clients['wenhuagong']!, '南昌市工人文化宫', {
          document: { ...SEED, fiscalYear },
        });
      const first = await create(2023);
      year2023 = first.id;
      grade = first.grade;
      year2024 = (await create(2024)).id;
    });

    const items = (id: number, who = 'nczgh') =>
      call(`/api/evaluations/${String(id)}/rectifications`, { client: clients[who] });

    it('the department turns the problems and suggestions into items, once', async () => {
      const r = await call(`/api/evaluations/${String(year2023)}/rectifications/from-problems`, {
        method: 'POST',
        client: clients['nczgh'],
        body: { deadline: PAST, ownerUnit: '南昌市工人文化宫', ownerPerson: '张三' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.skipped, 0);
      const created = r.json.created;
      assert.deepEqual(
        created.map((i: any) => [i.source, i.text, i.problem]),
        [
          ['problem:0', SEED.suggestions[0]?.text, SEED.problems[0]?.text],
          ['suggestion:1', SEED.suggestions[1]?.text, ''],
        ],
      );
      for (const i of created) {
        assert.equal(i.deadline, PAST);
        assert.equal(i.ownerUnit, '南昌市工人文化宫');
        assert.equal(i.state, 'pending');
        assert.equal(i.status, 'overdue');
        assert.equal(i.statusName, '逾期');
        assert.equal(i.fiscalYear, 2023);
      }
      const again = await call(`/api/evaluations/${String(year2023)}/rectifications/from-problems`, {
        method: 'POST',
        client: clients['ncczj'],
        body: { deadline: FUTURE },
      });
      assert.equal(again.status, 201);
      assert.deepEqual([again.json.created.length, again.json.skipped], [0, 2]);
    });

    it('finance adds one by hand; with a deadline ahead it is 待整改', async () => {
      const r = await call(`/api/evaluations/${String(year2023)}/rectifications`, {
        method: 'POST',
        client: clients['ncczj'],
        body: { text: '规范资产管理', problem: '资产账实不符', deadline: FUTURE, ownerPerson: '李四' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.item.source, 'manual');
      assert.equal(r.json.item.status, 'pending');
      assert.equal(r.json.item.statusName, '待整改');
      const all = await items(year2023, 'wenhuagong');
      assert.equal(all.status, 200);
      assert.equal(all.json.items.length, 3);
      assert.match(all.json.today, /^\d{4}-\d{2}-\d{2}$/);
    });

    it('the unit reports progress on its own items; overdue stays until done', async () => {
      const [first, second] = (await items(year2023)).json.items;
      const progress = await call(`/api/rectifications/${String(first.id)}`, {
        method: 'PATCH',
        client: clients['wenhuagong'],
        body: { state: 'in-progress', measures: '已制定整改方案' },
      });
      assert.equal(progress.status, 200, JSON.stringify(progress.json));
      assert.deepEqual(
        [progress.json.item.state, progress.json.item.status, progress.json.item.measures],
        ['in-progress', 'overdue', '已制定整改方案'],
      );
      const done = await call(`/api/rectifications/${String(second.id)}`, {
        method: 'PATCH',
        client: clients['wenhuagong'],
        body: { state: 'done', result: '已完成' },
      });
      assert.equal(done.json.item.status, 'done');
      assert.equal(done.json.item.statusName, '已整改');
      // the department moves the deadline: in time again
      const moved = await call(`/api/rectifications/${String(first.id)}`, {
        method: 'PATCH',
        client: clients['nczgh'],
        body: { deadline: FUTURE },
      });
      assert.equal(moved.json.item.status, 'in-progress');
      await call(`/api/rectifications/${String(first.id)}`, {
        method: 'PATCH',
        client: clients['nczgh'],
        body: { deadline: PAST },
      });
      const log = await call(`/api/evaluations/${String(year2023)}/log`, { client: clients['nczgh'] });
      assert.ok(log.json.log.some((e: any) => e.action === 'update' && e.after?.state === 'done'));
    });

    it('filters the list by status and year', async () => {
      const overdue = await call('/api/rectifications?status=overdue&year=2023', {
        client: clients['ncczj'],
      });
      assert.equal(overdue.status, 200);
      assert.deepEqual(
        overdue.json.items.map((i: any) => i.status),
        ['overdue'],
      );
      const none = await call('/api/rectifications?year=2024', { client: clients['ncczj'] });
      assert.deepEqual(none.json.items, []);
      const elsewhere = await call('/api/rectifications', { client: clients['smczj'] });
      assert.deepEqual(elsewhere.json.items, []);
    });

    it('next year’s evaluation lists last year’s open items (not the done one)', async () => {
      for (const who of ['wenhuagong', 'nczgh', 'ncczj']) {
        const r = await call(`/api/evaluations/${String(year2024)}/carried-over`, { client: clients[who] });
        assert.equal(r.status, 200, who);
        assert.equal(r.json.fromYear, 2023);
        assert.deepEqual(
          r.json.items.map((i: any) => [i.text, i.status]).sort(),
          [
            [SEED.suggestions[0]?.text, 'overdue'],
            ['规范资产管理', 'pending'],
          ].sort(),
        );
        assert.ok(r.json.items.every((i: any) => i.evaluationId === year2023));
      }
      const none = await call(`/api/evaluations/${String(year2023)}/carried-over`, {
        client: clients['nczgh'],
      });
      assert.deepEqual(none.json.items, []);
    });

    it('bad input: 400 naming the field', async () => {
      const cases: [string, string, unknown, string][] = [
        ['POST', `/api/evaluations/${String(year2023)}/rectifications`, { text: '整改' }, 'deadline'],
        [
          'POST',
          `/api/evaluations/${String(year2023)}/rectifications`,
          { text: ' ', deadline: FUTURE },
          'text',
        ],
        [
          'POST',
          `/api/evaluations/${String(year2023)}/rectifications`,
          { text: '整改', deadline: '2024-02-30' },
          'deadline',
        ],
        [
          'POST',
          `/api/evaluations/${String(year2023)}/rectifications`,
          { text: '整改', deadline: FUTURE, owner: 'x' },
          'owner',
        ],
        ['POST', `/api/evaluations/${String(year2023)}/rectifications/from-problems`, {}, 'deadline'],
        ['PATCH', '/api/rectifications/1', { state: '完成' }, 'state'],
        [
          'PUT',
          '/api/budget-rule',
          { bands: [{ grade: '中', minCut: '40', maxCut: '30' }] },
          'bands[0].maxCut',
        ],
        ['PUT', '/api/budget-rule', { bands: [] }, 'bands'],
      ];
      for (const [method, path, body, field] of cases) {
        const r = await call(path, { method, client: clients['ncczj'], body });
        assert.equal(r.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
        assert.ok(
          r.json.error.issues.some((i: any) => i.path === field),
          `${field}: ${JSON.stringify(r.json.error)}`,
        );
        assert.match(r.json.error.message, /\p{Script=Han}/u);
      }
      const status = await call('/api/rectifications?status=late', { client: clients['ncczj'] });
      assert.equal(status.status, 400);
      assert.equal(status.json.error.issues[0].path, 'status');
      const budget = await call(`/api/evaluations/${String(year2023)}/budget-consequence?budget=abc`, {
        client: clients['ncczj'],
      });
      assert.equal(budget.status, 400);
      assert.equal(budget.json.error.issues[0].path, 'budget');
    });

    it('403 for roles that may not, 404 outside one’s scope', async () => {
      const [first] = (await items(year2023)).json.items;
      const path = `/api/evaluations/${String(year2023)}/rectifications`;
      const unitCreates = await call(path, {
        method: 'POST',
        client: clients['wenhuagong'],
        body: { text: '整改', deadline: FUTURE },
      });
      assert.equal(unitCreates.status, 403);
      const unitPlans = await call(`/api/rectifications/${String(first.id)}`, {
        method: 'PATCH',
        client: clients['wenhuagong'],
        body: { deadline: FUTURE },
      });
      assert.equal(unitPlans.status, 403);
      assert.match(unitPlans.json.error.message, /deadline/);
      const unitDeletes = await call(`/api/rectifications/${String(first.id)}`, {
        method: 'DELETE',
        client: clients['wenhuagong'],
      });
      assert.equal(unitDeletes.status, 403);
      for (const who of ['wenhuagong', 'nczgh']) {
        const r = await call('/api/budget-rule', {
          method: 'PUT',
          client: clients[who],
          body: { bands: [{ grade: '优', minCut: 0, maxCut: 0 }] },
        });
        assert.equal(r.status, 403, who);
      }
      // another unit and another region's finance bureau do not see the evaluation or its items
      const other = await call(`/api/rectifications/${String(first.id)}`, {
        method: 'PATCH',
        client: clients['xuanjiao'],
        body: { state: 'done' },
      });
      assert.equal(other.status, 404);
      assert.equal((await items(year2023, 'smczj')).status, 404);
      const far = await call(path, {
        method: 'POST',
        client: clients['smczj'],
        body: { text: '整改', deadline: FUTURE },
      });
      assert.equal(far.status, 404);
      const unchanged = (await items(year2023)).json.items.find((i: any) => i.id === first.id);
      assert.equal(unchanged.deadline, PAST);
      assert.notEqual(unchanged.state, 'done');
    });

    it('the budget rule: the default, changed by finance, applied to the grade with the rule quoted', async () => {
      const initial = await call('/api/budget-rule', { client: clients['wenhuagong'] });
      assert.equal(initial.status, 200);
      assert.equal(initial.json.isDefault, true);
      assert.match(initial.json.text, /中：下一年度预算调减 10% 至 30%/);
      const bands = [
        { grade: '优', minCut: '0', maxCut: '0' },
        { grade: '良', minCut: '0', maxCut: '5' },
        { grade: '中', minCut: '10', maxCut: '30' },
        { grade: '差', minCut: '30', maxCut: null },
      ];
      const saved = await call('/api/budget-rule', {
        method: 'PUT',
        client: clients['ncczj'],
        body: { bands },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.json));
      assert.equal(saved.json.isDefault, false);
      assert.equal(saved.json.updatedBy, 'ncczj');
      const expected: Record<string, [string, string]> = {
        优: ['1000000.00', '1000000.00'],
        良: ['950000.00', '1000000.00'],
        中: ['700000.00', '900000.00'],
        差: ['0.00', '700000.00'],
      };
      const r = await call(`/api/evaluations/${String(year2023)}/budget-consequence?budget=1000000`, {
        client: clients['wenhuagong'],
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.ok, true);
      assert.equal(r.json.grade, grade);
      assert.deepEqual([r.json.lowest, r.json.highest], expected[grade]);
      assert.match(r.json.quote, new RegExp(`^${grade}：`));
      // without ?budget=, the evaluation's 全年预算数 (612.41 万元)
      const own = await call(`/api/evaluations/${String(year2023)}/budget-consequence`, {
        client: clients['wenhuagong'],
      });
      assert.equal(own.json.budget, '6124100');
      const log = await service.db.query<{ n: number }>(
        "select count(*)::int as n from change_log where entity = 'budget-rule'",
      );
      assert.equal(log.rows[0]?.n, 1);
    });

    it('the publication summary in Word: unit, year, score, grade, problems, items and their status', async () => {
      const r = await call(`/api/evaluations/${String(year2023)}/publication`, {
        client: clients['wenhuagong'],
      });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /wordprocessingml/);
      assert.match(r.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
      const text = (await mammoth.extractRawText({ buffer: Buffer.from(r.bytes) })).value;
      for (const s of [
        '南昌市工人文化宫',
        '2023年度部门整体支出绩效评价结果公开',
        `评价等级为“${grade}”`,
        '四、整改情况',
        '规范资产管理',
        '已制定整改方案',
        '逾期',
        '已整改',
        '下一年度预算为',
      ])
        assert.ok(text.includes(s), s);
      assert.ok(text.includes((SEED.problems[0]?.text ?? '???').slice(0, 12)));
      assert.equal(
        (await call(`/api/evaluations/${String(year2023)}/publication`, { client: clients['smczj'] })).status,
        404,
      );
    });

    it('the department deletes an item', async () => {
      const before = (await items(year2023)).json.items;
      const last = before[before.length - 1];
      const r = await call(`/api/rectifications/${String(last.id)}`, {
        method: 'DELETE',
        client: clients['nczgh'],
      });
      assert.equal(r.status, 204);
      assert.equal((await items(year2023)).json.items.length, before.length - 1);
    });
  });
}

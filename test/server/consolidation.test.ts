/**
 * 汇总与排名 through real HTTP on the seeded data: seed 001's department and units side by side,
 * consolidated and audited across units (D4), the ranking of a region with ties, a unit over the
 * years, the workbooks, and who may see what.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return,
   @typescript-eslint/no-explicit-any --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { createOrganisation } from '../../src/server/store/accounts.ts';
import { backends, stopTestPostgres } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { type UserSpec, useService } from '../support/service.ts';

after(stopTestPostgres);

const USERS: UserSpec[] = [
  ['wenhuagong', 'unit', '南昌市工人文化宫'],
  ['nczgh', 'department', '南昌市总工会'],
  ['smzgh', 'department', '嵩明县总工会'],
  ['ncczj', 'finance', '南昌市财政局'],
  ['smczj', 'finance', '嵩明县财政局'],
  ['kjs', 'evaluator', '某会计师事务所'],
];

for (const backend of backends()) {
  describe(`consolidation on ${backend.name}`, { skip: backend.skip }, () => {
    const service = useService(backend, {
      admin: false,
      evaluators: [{ name: '某会计师事务所', region: '江西省南昌市' }],
      users: USERS,
    });
    const clients = new Map<string, Client>();
    const get = (who: string, path: string) => service.http.call(path, { client: clients.get(who)! });
    const id = (name: string): string => String(service.orgs.get(name));

    before(async () => {
      for (const [username] of USERS) clients.set(username, await service.logIn(username));
    });

    it('the department sees its units side by side, consolidated by the stated rule', async () => {
      const r = await get(
        'nczgh',
        `/api/consolidation/departments/${id('南昌市总工会')}?year=2023&rule=mean`,
      );
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const c = r.json;
      // the department first, then its units
      assert.deepEqual(c.units[0].name, '南昌市总工会');
      assert.deepEqual(
        c.units.map((u: any) => [u.name, u.total, u.grade, u.annual]).sort(),
        [
          ['南昌市总工会', '95.06', '优', '3014.03'],
          ['南昌市工人文化宫', '95.25', '优', '612.41'],
          ['南昌市总工会宣教中心', '93.91', '优', '121.20'],
          ['南昌市总工会职工服务中心', '94.90', '优', '329.62'],
        ].sort(),
      );
      const score = (code: string, unit: string) =>
        c.rows.find((row: any) => row.code === code).cells[c.units.findIndex((u: any) => u.name === unit)];
      assert.equal(c.amountUnit, '万元');
      assert.deepEqual(
        ['南昌市总工会', '南昌市工人文化宫', '南昌市总工会宣教中心', '南昌市总工会职工服务中心'].map(
          (unit) => score('D4', unit).score,
        ),
        ['8.75', '7.50', '10.00', '8.68'],
      );
      assert.equal(score('D4', '南昌市工人文化宫').weight, '10.00');
      assert.equal(score('D2', '南昌市总工会').score, '5.00');
      assert.equal(score('D2', '南昌市工人文化宫'), null);
      assert.deepEqual(
        [c.consolidated.rule, c.consolidated.ruleName, c.consolidated.score, c.consolidated.grade],
        ['mean', '简单算术平均', '94.78', '优'],
      );
      assert.equal(c.consolidated.annual, '4077.26');
      assert.equal(c.consolidated.executed, '4077.11');
      // seed 000's unit under the same department has a 2018 evaluation, none for 2023
      assert.deepEqual(
        c.skipped.map((x: any) => [x.name, x.reason]),
        [['南昌市总工会网络信息宣教中心', '2023 年度没有整体支出评价']],
      );
      const weighted = await get('nczgh', `/api/consolidation/departments/${id('南昌市总工会')}?year=2023`);
      assert.equal(weighted.json.consolidated.rule, 'budget-weighted');
      assert.equal(weighted.json.consolidated.score, '95.04');
    });

    it("seed 001's cross-unit findings: D4 8.68 vs 7.5 at 90%, 10 vs 8.75 at 95%, naming the units", async () => {
      for (const who of ['nczgh', 'ncczj']) {
        const r = await get(who, `/api/consolidation/departments/${id('南昌市总工会')}/audit?year=2023`);
        assert.equal(r.status, 200, JSON.stringify(r.json));
        const findings = r.json.findings;
        assert.equal(findings.length, 2);
        const at90 = findings.find((f: any) => f.message.includes('90%'));
        const at95 = findings.find((f: any) => f.message.includes('95%'));
        assert.equal(at90.code, 'D4');
        assert.equal(at90.kind, 'same-rule-different-score');
        assert.equal(at90.kindName, '同一规则、同一输入得分不同');
        assert.deepEqual(
          at90.units.map((u: any) => u.name).sort(),
          ['南昌市工人文化宫', '南昌市总工会职工服务中心'].sort(),
        );
        assert.deepEqual([at90.stated, at90.computed].sort(), ['7.5', '8.68']);
        assert.deepEqual(
          at90.units.map((u: any) => u.organisationId).sort(),
          [service.orgs.get('南昌市工人文化宫'), service.orgs.get('南昌市总工会职工服务中心')].sort(),
        );
        assert.equal(at95.code, 'D4');
        assert.deepEqual(
          at95.units.map((u: any) => u.name).sort(),
          ['南昌市总工会', '南昌市总工会宣教中心'].sort(),
        );
        assert.deepEqual([at95.stated, at95.computed].sort(), ['10', '8.75']);
        assert.match(at95.message, /南昌市总工会宣教中心 D4 满意度指标 得 10 分/);
      }
    });

    it('the ranking of a region: the finance bureau its region, the department its own, a unit itself', async () => {
      const nc = await get('ncczj', '/api/consolidation/ranking?year=2023');
      assert.equal(nc.status, 200, JSON.stringify(nc.json));
      assert.deepEqual(
        nc.json.rows.map((row: any) => [row.rank, row.name, row.total, row.grade]),
        [
          [1, '南昌市工人文化宫', '95.25', '优'],
          [2, '南昌市总工会', '95.06', '优'],
          [3, '南昌市总工会职工服务中心', '94.90', '优'],
          [4, '南昌市总工会宣教中心', '93.91', '优'],
        ],
      );
      assert.equal(nc.json.rows[0].parentName, '南昌市总工会');
      const sm = await get('smczj', '/api/consolidation/ranking?year=2023');
      assert.ok(sm.json.rows.every((row: any) => !row.name.startsWith('南昌')));
      const dept = await get('nczgh', '/api/consolidation/ranking?year=2023');
      assert.equal(dept.json.rows.length, 4);
      const unit = await get('wenhuagong', '/api/consolidation/ranking?year=2023');
      assert.deepEqual(
        unit.json.rows.map((row: any) => row.name),
        ['南昌市工人文化宫'],
      );
    });

    it('ties share a rank', async () => {
      // a second organisation with the same document: the same total, so a tie at rank 1
      const twin = await createOrganisation(service.db, {
        parentId: service.orgs.get('南昌市总工会') ?? null,
        kind: 'unit',
        name: '南昌市工人文化宫分馆',
        region: '江西省南昌市',
      });
      const doc = (
        await service.db.query<{ document: unknown }>(
          'select document from evaluations where organisation_id = $1',
          [service.orgs.get('南昌市工人文化宫')],
        )
      ).rows[0]!.document as any;
      await service.db.query(
        `insert into evaluations (organisation_id, fiscal_year, kind, mode, title, document)
         values ($1, 2023, 'unit', 'self', '分馆', $2)`,
        [twin.id, JSON.stringify({ ...doc, unit: { ...doc.unit, name: '南昌市工人文化宫分馆' } })],
      );
      const r = await get('ncczj', '/api/consolidation/ranking?year=2023');
      assert.deepEqual(
        r.json.rows.slice(0, 3).map((row: any) => [row.rank, row.tied, row.total]),
        [
          [1, true, '95.25'],
          [1, true, '95.25'],
          [3, false, '95.06'],
        ],
      );
      const dense = await get('ncczj', '/api/consolidation/ranking?year=2023&ties=dense');
      assert.equal(dense.json.rows[2].rank, 2);
      await service.db.query('delete from evaluations where organisation_id = $1', [twin.id]);
    });

    it("a unit's indicators over the years: one row per indicator, one column per year", async () => {
      const doc = (
        await service.db.query<{ document: any }>(
          'select document from evaluations where organisation_id = $1',
          [service.orgs.get('南昌市总工会宣教中心')],
        )
      ).rows[0]!.document;
      await service.db.query(
        `insert into evaluations (organisation_id, fiscal_year, kind, mode, title, document)
         values ($1, 2024, 'unit', 'self', '2024', $2)`,
        [service.orgs.get('南昌市总工会宣教中心'), JSON.stringify({ ...doc, fiscalYear: 2024 })],
      );
      const r = await get('nczgh', `/api/consolidation/organisations/${id('南昌市总工会宣教中心')}/years`);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.deepEqual(r.json.years, [2023, 2024]);
      assert.deepEqual(
        r.json.totals.map((t: any) => [t.fiscalYear, t.total]),
        [
          [2023, '93.91'],
          [2024, '93.91'],
        ],
      );
      const c12 = r.json.rows.find((row: any) => row.code === 'C12');
      assert.deepEqual(
        c12.cells.map((cell: any) => cell.score),
        ['0.88', '0.88'],
      );
      const only2024 = await get(
        'nczgh',
        `/api/consolidation/organisations/${id('南昌市总工会宣教中心')}/years?from=2024`,
      );
      assert.deepEqual(only2024.json.years, [2024]);
    });

    it('exports the side-by-side and ranking tables to Excel with the same figures', async () => {
      const r = await get(
        'nczgh',
        `/api/consolidation/departments/${id('南昌市总工会')}/workbook?year=2023&rule=mean`,
      );
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(r.bytes) as unknown as ArrayBuffer);
      const side = wb.getWorksheet('单位对比')!;
      let d4 = 0;
      for (let i = 1; i <= side.rowCount; i++) if (side.getCell(i, 1).value === 'D4') d4 = i;
      const scores = [4, 6, 8, 10].map((col) => side.getCell(d4, col).value as number);
      assert.deepEqual([...scores].sort(), [10, 7.5, 8.68, 8.75]);
      assert.equal(side.getCell(2, 4).value, '南昌市总工会\n得分');
      assert.equal(scores[0], 8.75);
      const summary = wb.getWorksheet('汇总')!;
      assert.equal(summary.getCell(7, 1).value, '汇总（简单算术平均）');
      assert.equal(summary.getCell(7, 5).value, 94.78);
      assert.equal(wb.getWorksheet('跨单位核查')!.getCell(2, 1).value, 'D4');
      const rk = await get('ncczj', '/api/consolidation/ranking/workbook?year=2023');
      assert.equal(rk.status, 200);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(Buffer.from(rk.bytes) as unknown as ArrayBuffer);
      const sheet = wb2.getWorksheet('排名')!;
      assert.equal(sheet.getCell(3, 1).value, 1);
      assert.equal(sheet.getCell(3, 5).value, 95.25);
    });

    it('others get 404, an evaluator 403, bad input 400', async () => {
      const nc = `/api/consolidation/departments/${id('南昌市总工会')}?year=2023`;
      assert.equal((await get('smzgh', nc)).status, 404);
      assert.equal((await get('smczj', nc)).status, 404);
      assert.equal((await get('wenhuagong', nc)).status, 404);
      assert.equal((await get('kjs', nc)).status, 403);
      assert.equal((await get('kjs', '/api/consolidation/ranking?year=2023')).status, 403);
      assert.equal(
        (await get('wenhuagong', `/api/consolidation/organisations/${id('南昌市总工会宣教中心')}/years`))
          .status,
        404,
      );
      assert.equal(
        (await get('smczj', `/api/consolidation/organisations/${id('南昌市工人文化宫')}/years`)).status,
        404,
      );
      assert.equal((await service.http.call(nc)).status, 401);
      const noYear = await get('nczgh', `/api/consolidation/departments/${id('南昌市总工会')}`);
      assert.equal(noYear.status, 400);
      assert.equal(noYear.json.error.issues[0].path, 'year');
      const badRule = await get('nczgh', `${nc}&rule=median`);
      assert.equal(badRule.status, 400);
      const unitAsDept = await get(
        'nczgh',
        `/api/consolidation/departments/${id('南昌市工人文化宫')}?year=2023`,
      );
      assert.equal(unitAsDept.status, 400);
    });

    it('offers the organisations and years in scope', async () => {
      const r = await get('nczgh', '/api/consolidation/options');
      assert.equal(r.status, 200);
      assert.ok(r.json.years.includes(2023));
      const names = r.json.organisations.map((o: any) => o.name);
      for (const n of [
        '南昌市总工会',
        '南昌市工人文化宫',
        '南昌市总工会宣教中心',
        '南昌市总工会职工服务中心',
      ])
        assert.ok(names.includes(n), n);
      assert.ok(!names.includes('嵩明县总工会'));
    });
  });
}

/**
 * 绩效目标 and 双监控 through real HTTP on loopback, on both databases: the target sheet with its
 * version, checkpoints and their deviations, who may see and change them, bad input refused with
 * the field named and nothing stored, the exports read back, and the year-end pre-fill as a new
 * version of the evaluation (a stale version refused, nothing written).
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any,
   @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { backends, stopTestPostgres } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { useService } from '../support/service.ts';

after(stopTestPostgres);

const SHEET = {
  scope: 'project',
  name: '职工技能培训项目',
  amountUnit: '万元',
  budget: { total: '120.00', fiscal: '100', other: '20' },
  overallGoal: '全年培训职工 2000 人次，合格率 100%',
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '实际完成率', target: '=100%' },
    { level1: '产出指标', level2: '质量指标', name: '质量达标率', target: '=100%' },
    { level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥2000人次' },
  ],
};

const CHECKPOINT = {
  executed: { total: '48', fiscal: '40', other: '8' },
  goalProgress: '已培训 900 人次',
  indicators: [
    { name: '实际完成率', toDate: '45%', expected: '100%', likelihood: '确定能' },
    {
      name: '质量达标率',
      toDate: '96%',
      expected: '98%',
      likelihood: '有可能',
      cause: '人员保障',
      measures: '增加师资',
    },
    { name: '培训人次', toDate: '900人次', expected: '1800人次', likelihood: '有可能' },
  ],
};

for (const backend of backends()) {
  describe(`monitoring api on ${backend.name}`, { skip: backend.skip }, () => {
    const service = useService(backend, {
      users: [
        ['wenhuagong', 'unit', '南昌市工人文化宫'],
        ['xuanjiao', 'unit', '南昌市总工会宣教中心'],
        ['ncczj', 'finance', '南昌市财政局'],
      ],
    });
    let unit: Client;
    let other: Client;
    let finance: Client;
    let id = 0;
    const { call } = service.http;
    const url = (tail = '') => `/api/evaluations/${String(id)}/monitoring${tail}`;

    before(async () => {
      unit = await service.logIn('wenhuagong');
      other = await service.logIn('xuanjiao');
      finance = await service.logIn('ncczj');
      id = (
        await service.createEvaluation(unit, '南昌市工人文化宫', {
          templateId: 'mof-2020-10-project',
          fiscalYear: 2025,
        })
      ).id;
    });

    it('starts empty; a checkpoint before the target sheet is refused with 409', async () => {
      const r = await call(url(), { client: unit });
      assert.equal(r.status, 200);
      assert.equal(r.json.targets, null);
      assert.deepEqual(r.json.checkpoints, []);
      const cp = await call(url('/checkpoints/7'), { method: 'PUT', client: unit, body: CHECKPOINT });
      assert.equal(cp.status, 409);
      assert.match(cp.json.error.message, /请先填写绩效目标申报表/);
    });

    it('refuses a bad sheet with 400 naming the fields, and stores nothing', async () => {
      const r = await call(url('/targets'), {
        method: 'PUT',
        client: unit,
        body: { sheet: { ...SHEET, budget: { total: 'abc', fiscal: '1', other: '1' }, overallGoal: '' } },
      });
      assert.equal(r.status, 400);
      assert.deepEqual(
        r.json.error.issues.map((i: any) => i.path),
        ['sheet.overallGoal', 'sheet.budget.total'],
      );
      assert.match(r.json.error.message, /资金总额应为不小于 0 的数字/);
      assert.equal((await call(url(), { client: unit })).json.targets, null);
    });

    it('saves the sheet with a version; a stale version gets 409 and the sheet is unchanged', async () => {
      const r = await call(url('/targets'), { method: 'PUT', client: unit, body: { sheet: SHEET } });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.version, 1);
      assert.equal(r.json.sheet.budget.total, '120.00');
      const again = await call(url('/targets'), {
        method: 'PUT',
        client: unit,
        body: { sheet: { ...SHEET, name: '改名' } },
      });
      assert.equal(again.status, 409);
      assert.equal(again.json.error.version, 1);
      const v2 = await call(url('/targets'), {
        method: 'PUT',
        client: unit,
        body: { sheet: { ...SHEET, executionMargin: '5' }, version: 1 },
      });
      assert.equal(v2.status, 200);
      assert.equal(v2.json.version, 2);
      assert.equal((await call(url(), { client: unit })).json.targets.sheet.name, SHEET.name);
    });

    it('a state-changing request without the CSRF token is refused', async () => {
      const r = await call(url('/targets'), {
        method: 'PUT',
        client: unit,
        csrf: false,
        body: { sheet: SHEET, version: 2 },
      });
      assert.equal(r.status, 403);
    });

    it('stores a 1–7月 checkpoint and flags execution behind the time elapsed and indicators off track', async () => {
      const r = await call(url('/checkpoints/7'), { method: 'PUT', client: unit, body: CHECKPOINT });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const e = r.json.deviations.execution;
      assert.deepEqual(
        [e.elapsedPercent, e.ratePercent, e.lagPoints, e.marginPoints, e.behind],
        ['58.33', '40.00', '18.33', '5.00', true],
      );
      const flags = Object.fromEntries(
        r.json.deviations.indicators.map((i: any) => [i.name, i.issues.map((x: any) => x.code)]),
      );
      assert.deepEqual(flags, {
        实际完成率: [],
        质量达标率: ['target-missed'],
        培训人次: ['target-missed', 'cause-missing', 'measures-missing'],
      });
      const all = await call(url(), { client: unit });
      assert.deepEqual(
        all.json.checkpoints.map((c: any) => c.months),
        [7],
      );
      assert.equal(all.json.deviations[0].offTrack, 2);
    });

    it('refuses a checkpoint on an unknown indicator or a bad period, and keeps the stored one', async () => {
      const bad = await call(url('/checkpoints/7'), {
        method: 'PUT',
        client: unit,
        body: {
          ...CHECKPOINT,
          indicators: [{ name: '参观人数', toDate: '1', expected: '1', likelihood: '确定能' }],
        },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.issues[0].path, 'checkpoint.indicators.0.name');
      assert.equal(
        (await call(url('/checkpoints/13'), { method: 'PUT', client: unit, body: CHECKPOINT })).status,
        400,
      );
      const all = await call(url(), { client: unit });
      assert.equal(all.json.checkpoints[0].indicators.length, 3);
    });

    it('another unit cannot see or change it (404); the finance bureau of the region can read it', async () => {
      assert.equal((await call(url(), { client: other })).status, 404);
      assert.equal(
        (await call(url('/targets'), { method: 'PUT', client: other, body: { sheet: SHEET } })).status,
        404,
      );
      assert.equal((await call(url('/export'), { client: other })).status, 404);
      const r = await call(url(), { client: finance });
      assert.equal(r.status, 200);
      assert.equal(r.json.targets.sheet.name, SHEET.name);
    });

    it('exports the 绩效监控情况表 as Excel and Word that read back', async () => {
      const x = await call(url('/export?format=xlsx'), { client: unit });
      assert.equal(x.status, 200);
      assert.match(x.headers.get('content-type') ?? '', /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(x.bytes) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('绩效监控情况表')!;
      assert.equal(ws.getCell(1, 1).value, '2025年度项目支出绩效监控情况表（1–7月）');
      const w = await call(url('/export?format=docx&months=7'), { client: unit });
      assert.equal(w.status, 200);
      const text = (await mammoth.extractRawText({ buffer: Buffer.from(w.bytes) })).value;
      assert.match(text, /执行率 40\.00% 低于序时进度 58\.33% 达 18\.33 个百分点/);
      assert.match(text, /培训人次/);
      assert.equal((await call(url('/export?format=pdf'), { client: unit })).status, 400);
      assert.equal((await call(url('/export?months=3'), { client: unit })).status, 409);
    });

    it('pre-fills the year-end evaluation from the last checkpoint as a new version; a stale version is refused', async () => {
      const before = await call(`/api/evaluations/${String(id)}`, { client: unit });
      const version: number = before.json.evaluation.version;
      const stale = await call(url('/prefill'), {
        method: 'POST',
        client: unit,
        body: { version: version + 5 },
      });
      assert.equal(stale.status, 409);
      assert.equal(
        (await call(`/api/evaluations/${String(id)}`, { client: unit })).json.evaluation.version,
        version,
      );
      const r = await call(url('/prefill'), { method: 'POST', client: unit, body: { version } });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.months, 7);
      assert.deepEqual(r.json.filled.sort(), ['实际完成率', '质量达标率']);
      assert.deepEqual(r.json.unmatched, ['培训人次']);
      assert.equal(r.json.evaluation.version, version + 1);
      const doc = (await call(`/api/evaluations/${String(id)}`, { client: unit })).json.evaluation.document;
      assert.deepEqual(doc.budget.executed, { value: '48', unit: '万元' });
      assert.deepEqual(doc.budget.annual, { value: '120.00', unit: '万元' });
      const leaves: any[] = [];
      const walk = (ns: any[]): void => {
        for (const n of ns) {
          if (n.children?.length) walk(n.children);
          else leaves.push(n);
        }
      };
      walk(doc.indicators);
      const quality = leaves.find((n) => n.name === '质量达标率');
      assert.equal(quality.actual, '96%');
      assert.equal(quality.deviation, '人员保障');
      assert.equal(quality.measures, '增加师资');
      const score = await call(`/api/evaluations/${String(id)}/score`, { client: unit });
      assert.equal(score.status, 200);
    });

    it('deletes a checkpoint (204), then a second delete is 409', async () => {
      assert.equal((await call(url('/checkpoints/7'), { method: 'DELETE', client: unit })).status, 204);
      assert.equal((await call(url('/checkpoints/7'), { method: 'DELETE', client: unit })).status, 409);
      assert.deepEqual((await call(url(), { client: unit })).json.checkpoints, []);
    });
  });
}

/**
 * 上年整改事项 in the evaluation editor, in Debian's Chromium (playwright-core, never a downloaded
 * browser) against the real service on 127.0.0.1 with the built UI: a unit's 2023 project
 * evaluation has rectification items — one overdue, one in progress, one done — and when the unit's
 * filer opens its 2024 evaluation of the same project, the editor lists the two open ones with their
 * owner, deadline, status (逾期 in red) and progress, and links to #/results; the 2023 evaluation
 * (nothing open in 2022) shows no such panel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { findTemplate } from '../../src/core/templates/index.ts';
import { createEvaluation } from '../../src/server/store/evaluations.ts';
import { type WebService, browserSkip, startWebService } from '../support/browser.ts';

const UNIT = '南昌市工人文化宫';
const PROJECT = '职工文化阵地建设项目';
// deadlines far from any day the suite runs on: the real clock decides 逾期 without a race
const PAST = '2020-01-31';
const FUTURE = '2099-12-31';

describe('last year’s rectification items in the editor, in Chromium', { skip: browserSkip }, () => {
  let web: WebService;
  let page: Page;
  let base = '';
  let year2023 = 0;
  let year2024 = 0;

  before(async () => {
    web = await startWebService({
      users: [
        ['wenhuagong', 'unit', UNIT, '文化宫填报员'],
        ['nczgh', 'department', '南昌市总工会', '市总工会'],
      ],
    });
    const { service } = web;
    base = web.base;
    const unit = service.orgs.get(UNIT);
    assert.ok(unit !== undefined);
    const template = findTemplate('mof-2020-10-project');
    assert.ok(template);
    // one project, two years: last year's items are carried by the project's name
    const evaluation = async (fiscalYear: number): Promise<number> => {
      const document = template.build({ unitName: UNIT, fiscalYear });
      document.project = { ...document.project, name: PROJECT };
      return (await createEvaluation(service.db, null, { organisationId: unit, document })).id;
    };
    year2023 = await evaluation(2023);
    year2024 = await evaluation(2024);

    // the department plans the items of 2023 and records their progress, through the API
    const department = await service.logIn('nczgh');
    const call = async (method: string, path: string, body: object): Promise<number> => {
      const r = await service.http.call(path, { method, client: department, body });
      assert.ok(r.status === 200 || r.status === 201, JSON.stringify(r.json));
      return (r.json as { item: { id: number } }).item.id;
    };
    const item = (fields: object) =>
      call('POST', `/api/evaluations/${String(year2023)}/rectifications`, fields);
    const update = (id: number, fields: object) => call('PATCH', `/api/rectifications/${String(id)}`, fields);
    await item({
      text: '完善项目资金支付审批流程',
      problem: '资金支付审批不规范',
      ownerUnit: UNIT,
      ownerPerson: '张三',
      deadline: PAST,
    });
    await update(await item({ text: '建立活动参与人数台账', ownerUnit: UNIT, deadline: FUTURE }), {
      state: 'in-progress',
      measures: '已制定台账模板',
    });
    await update(await item({ text: '补齐固定资产卡片', deadline: PAST }), {
      state: 'done',
      result: '已全部补齐',
    });

    page = await web.newPage();
    await web.logIn(page, 'wenhuagong');
  });

  after(async () => {
    await web?.stop();
  });

  /** Opens an evaluation's editor; resolves once the page has its carried-over answer. */
  const open = async (id: number): Promise<{ fromYear: number; items: unknown[] }> => {
    const answer = page.waitForResponse(
      (r) => r.url().endsWith(`/api/evaluations/${String(id)}/carried-over`) && r.status() === 200,
    );
    await page.goto(`${base}/#/evaluations/${String(id)}`);
    const body = (await (await answer).json()) as { fromYear: number; items: unknown[] };
    await page.getByTestId('evaluation-title').filter({ hasText: PROJECT }).waitFor();
    return body;
  };

  it('the 2023 evaluation (nothing open from 2022) shows no panel', async () => {
    const body = await open(year2023);
    assert.equal(body.fromYear, 2022);
    assert.deepEqual(body.items, []);
    // the editor's tabs are up and the answer is in: an empty answer renders nothing
    await page.getByRole('tab', { name: '基本情况' }).waitFor();
    assert.equal(await page.getByTestId('carried-over').count(), 0);
    assert.equal(await page.getByText('上年整改事项').count(), 0);
  });

  it('the 2024 evaluation lists 2023’s open items with owner, deadline, status and progress', async () => {
    const body = await open(year2024);
    assert.equal(body.items.length, 2);
    const panel = page.getByTestId('carried-over');
    await panel.waitFor();
    assert.match(
      await panel.locator('.ant-card-head').innerText(),
      /上年整改事项（2023年度，2 项未完成，其中 1 项逾期）/,
    );

    const rows = panel.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 2);
    // ordered by deadline: the overdue one first
    const overdue = rows.nth(0);
    const overdueText = await overdue.innerText();
    assert.match(overdueText, /完善项目资金支付审批流程/);
    assert.match(overdueText, /针对：资金支付审批不规范/);
    assert.match(overdueText, /南昌市工人文化宫 \/ 张三/);
    assert.match(overdueText, /2020-01-31/);
    const overdueTag = overdue.getByTestId('carried-over-status');
    assert.equal((await overdueTag.innerText()).trim(), '逾期');
    assert.match((await overdueTag.getAttribute('class')) ?? '', /ant-tag-error|ant-tag-red/);
    assert.equal(await overdue.locator('.ant-typography-danger', { hasText: PAST }).count(), 1);

    const inProgress = rows.nth(1);
    const inProgressText = await inProgress.innerText();
    assert.match(inProgressText, /建立活动参与人数台账/);
    assert.match(inProgressText, /2099-12-31/);
    assert.match(inProgressText, /已制定台账模板/);
    assert.equal((await inProgress.getByTestId('carried-over-status').innerText()).trim(), '整改中');
    assert.equal(await inProgress.locator('.ant-typography-danger').count(), 0);

    // the done one is not carried
    assert.equal(await panel.getByText('补齐固定资产卡片').count(), 0);

    // edited where items are edited
    await panel.getByRole('button', { name: '到结果应用中编辑' }).click();
    await page.waitForURL(/#\/results$/);
  });
});

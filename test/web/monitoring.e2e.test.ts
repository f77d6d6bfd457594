/**
 * The 绩效监控 page in Debian's Chromium (playwright-core, never a downloaded browser) against the
 * real service on 127.0.0.1 with the built UI: a unit's filer fills the 绩效目标申报表 of its
 * evaluation, reports 1–7月, sees the execution lag and the indicator off track highlighted, and
 * downloads the 绩效监控情况表 as Excel.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { createEvaluation } from '../../src/server/store/evaluations.ts';
import { type WebService, browserSkip, startWebService } from '../support/browser.ts';

describe('the monitoring page in Chromium', { skip: browserSkip }, () => {
  let web: WebService;
  let page: Page;
  let base = '';
  let id = 0;

  before(async () => {
    web = await startWebService({ users: [['wenhuagong', 'unit', '南昌市工人文化宫', '文化宫填报员']] });
    ({ base } = web);
    id = (
      await createEvaluation(web.service.db, null, {
        organisationId: web.service.orgs.get('南昌市工人文化宫')!,
        templateId: 'mof-2020-10-project',
        fiscalYear: 2025,
      })
    ).id;
    page = await web.newPage();
  });

  after(() => web?.stop());

  it('fills the target sheet and a 1–7月 checkpoint; deviations are highlighted; Excel downloads', async () => {
    await web.logIn(page, 'wenhuagong');
    await page.goto(`${base}/#/monitoring/${String(id)}`);
    const targets = page.getByTestId('targets-card');
    await targets.waitFor();
    await targets.getByLabel('资金总额').fill('100');
    await targets.getByLabel('其中：财政拨款').fill('80');
    await targets.getByLabel('其他资金').fill('20');
    await targets.getByLabel('年度总体目标').fill('全年培训职工 2000 人次');
    await targets.getByLabel('二级指标').fill('数量指标');
    await targets.getByLabel('三级指标').fill('培训人次');
    await targets.getByLabel('指标值').fill('≥2000人次');
    await targets.getByRole('button', { name: '保存申报表' }).click();
    await page.getByText('第 1 版').waitFor();

    const cp = page.getByTestId('checkpoint-card');
    await cp.getByLabel('执行数合计（万元）').fill('40');
    await cp.getByLabel('1–7月执行情况-培训人次').fill('900人次');
    await cp.getByLabel('全年预计完成值-培训人次').fill('1800人次');
    await cp.getByRole('button', { name: '保存监控情况' }).click();

    const execution = page.getByTestId('execution-deviation');
    await execution.waitFor();
    assert.match(await execution.innerText(), /执行率 40\.00% 低于序时进度 58\.33% 达 18\.33 个百分点/);
    assert.match((await execution.getAttribute('class')) ?? '', /ant-alert-error/);
    const off = page.getByTestId('indicator-off-track');
    assert.match(await off.innerText(), /全年预计完成值达不到指标值/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    assert.equal(
      wb.getWorksheet('绩效监控情况表')!.getCell(1, 1).value,
      '2025年度项目支出绩效监控情况表（1–7月）',
    );
  });
});

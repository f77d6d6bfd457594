/**
 * The web application end to end, in Debian's Chromium driven by playwright-core (never a
 * downloaded browser), against the real service on 127.0.0.1 (embedded database, seeded), with the
 * built UI (scripts/build-web.ts, rebuilt when its sources changed). What a unit's filer does: log
 * in, create an evaluation from a template, enter actuals and budget figures and watch the ratios,
 * score and grade follow, fix an audit finding, save, download the Word report and read it; and a
 * filer of another unit who opens that evaluation's address is refused.
 *
 * Screenshots of the main pages go to test-artifacts/screenshots/ (see test/support/browser.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/server/db/database.ts';
import { ROOT, type WebService, browserSkip, startWebService } from '../support/browser.ts';

describe('the web application in Chromium', { skip: browserSkip }, () => {
  let web: WebService;
  let db: Database;
  let page: Page;
  let evaluationUrl = '';

  const shot = (name: string): Promise<void> => web.shot(page, name);
  const logIn = (username: string): Promise<void> => web.logIn(page, username);
  const liveTotal = async (): Promise<string> =>
    (await page.getByTestId('live-total').locator('.ant-statistic-content-value').innerText()).trim();

  before(async () => {
    web = await startWebService({
      jobs: true,
      users: [
        ['wenhuagong', 'unit', '南昌市工人文化宫', '文化宫填报员'],
        ['xuanjiao', 'unit', '南昌市总工会宣教中心', '宣教中心填报员'],
        ['ncczj', 'finance', '南昌市财政局', '市财政局评价科'],
      ],
    });
    db = web.service.db;
    page = await web.newPage();
  });

  after(() => web?.stop());

  it('a unit filer logs in and sees only its own unit’s evaluations', async () => {
    await logIn('wenhuagong');
    const links = page.getByTestId('evaluation-link');
    await links.first().waitFor();
    const titles = await links.allInnerTexts();
    assert.ok(titles.length >= 1);
    for (const t of titles) assert.match(t, /^南昌市工人文化宫/);
    await shot('01-evaluations');
  });

  it('on its own 2023 evaluation, lower actuals move the score and the grade (优 → 良) as they are typed', async () => {
    await page.getByTestId('evaluation-link').filter({ hasText: '南昌市工人文化宫2023年度' }).click();
    await page.getByTestId('evaluation-title').waitFor();
    const grade = async (): Promise<string> =>
      (await page.getByTestId('live-grade').locator('.ant-statistic-content-value').innerText()).trim();
    const waitFor = async (read: () => Promise<string>, want: string): Promise<void> => {
      for (let i = 0; i < 100 && (await read()) !== want; i++) await page.waitForTimeout(100);
      assert.equal(await read(), want);
    };
    await waitFor(liveTotal, '95.25');
    assert.equal(await grade(), '优');
    await page.getByRole('tab', { name: '指标体系' }).click();
    // 活动举办成功率 and 工作完成及时率 at 60%: the band's floor, no points (5 each)
    await page.getByLabel('C21 完成值').fill('60%');
    await page.getByLabel('C31 完成值').fill('60%');
    await waitFor(liveTotal, '85.25');
    assert.equal(await grade(), '良');
    await shot('02a-editor-live-grade');
    // not saved: leaving asks, and leaving drops the edits
    await page.getByRole('menuitem', { name: '评价管理' }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: '有未保存的修改' })
      .getByRole('button', { name: '离开' })
      .click();
    await page.getByTestId('evaluation-link').first().waitFor();
    const stored = (
      await db.query<{ total: string }>(
        "select total from evaluations where title like '南昌市工人文化宫2023%'",
      )
    ).rows[0];
    assert.equal(stored?.total, '95.25', 'nothing saved');
  });

  it('creates an evaluation from a template and opens it in the editor', async () => {
    await page.getByRole('button', { name: '从模板新建' }).click();
    const dialog = page.getByRole('dialog', { name: '从模板新建评价' });
    await dialog.getByLabel('单位').click();
    await page.locator('.ant-select-item-option[title="南昌市工人文化宫"]').click();
    await dialog.getByLabel('指标体系模板').click();
    await page
      .locator('.ant-select-item-option', { hasText: '南昌市部门整体支出绩效自评指标体系（2023年度）' })
      .click();
    await dialog.getByLabel('评价年度').fill('2025');
    await dialog.getByRole('button', { name: '新建' }).click();
    await page.getByTestId('evaluation-title').waitFor();
    assert.match(await page.getByTestId('evaluation-title').innerText(), /南昌市工人文化宫2025年度/);
    evaluationUrl = page.url();
    assert.match(evaluationUrl, /#\/evaluations\/\d+$/);
    await shot('02-editor-basic');
  });

  it('an actual entered in the indicator tree fixes its audit finding and raises the score', async () => {
    await page.getByRole('tab', { name: /审核/ }).click();
    const finding = page.getByTestId('finding').filter({ hasText: 'C31 项目完成及时率：缺少完成值' });
    await finding.waitFor();
    const before = await liveTotal();
    // the finding's location leads to its indicator, marked in the tree
    await page.locator('tr', { has: finding }).getByText('C31', { exact: true }).click();
    await page.locator('[data-focus="true"]').getByText('C31', { exact: true }).waitFor();
    await page.getByLabel('C31 完成值').fill('100%');
    let after = before;
    for (let i = 0; i < 100 && after === before; i++) {
      await page.waitForTimeout(100);
      after = await liveTotal();
    }
    assert.ok(Number(after) > Number(before), `${before} → ${after}`);
    // a qualitative indicator judged in the row: its "not yet judged" finding goes too
    await page.getByLabel('A1 评定等级').click();
    await page.locator('.ant-select-item-option[title="基本达成"]').click();
    await page.getByLabel('A1 区间内得分').fill('3.6'); // 基本达成: 80%–100% of 4
    await shot('03-editor-indicators');
    await page.getByRole('tab', { name: /审核/ }).click();
    await page.getByTestId('finding').first().waitFor();
    // the findings follow the edits a moment later (the page asks the service after each change)
    await finding.waitFor({ state: 'detached' });
    await page.getByTestId('finding').filter({ hasText: 'A1 部门规划计划：' }).waitFor({ state: 'detached' });
    assert.equal(await finding.count(), 0, 'the C31 finding is gone');
    await shot('04-editor-audit');
  });

  it('budget figures give the execution rate at once; the save makes version 2', async () => {
    await page.getByRole('tab', { name: '预算执行' }).click();
    await page.getByLabel('年初预算数').fill('1,000,000.00');
    await page.getByLabel('全年预算数').fill('1,000,000.00');
    await page.getByLabel('实际支出数').fill('950,000.00');
    await page.getByText('950,000.00元 ÷ 1,000,000.00元 = 95.00%').waitFor();
    // to 万元, converting the amounts exactly: the rate stays
    await page.getByRole('radio', { name: '万元' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '金额单位改为' });
    await confirm.getByRole('button', { name: '换算金额' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('95.00万元 ÷ 100.00万元 = 95.00%').waitFor();
    assert.equal(await page.getByLabel('全年预算数').inputValue(), '100.00');
    await shot('05-editor-budget');
    // leaving with unsaved changes asks first; staying keeps everything
    await page.getByRole('menuitem', { name: '评价管理' }).click();
    const leaving = page.getByRole('dialog').filter({ hasText: '有未保存的修改' });
    await leaving.getByRole('button', { name: '留在本页' }).click();
    await leaving.waitFor({ state: 'hidden' });
    assert.equal(await page.getByLabel('全年预算数').inputValue(), '100.00');
    assert.match(page.url(), /#\/evaluations\/\d+$/);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存（第 2 版）').waitFor();
    await page.getByText('第 2 版', { exact: true }).waitFor();
  });

  it('the score tab explains each indicator; the Word report downloads with the figures entered', async () => {
    await page.getByRole('tab', { name: '评分' }).click();
    await page.getByText(/100%/).first().waitFor();
    await shot('06-editor-score');
    await page.getByRole('tab', { name: '报告' }).click();
    // the preview: the report as HTML in a sandboxed frame
    await page.getByTestId('preview-indicators').click();
    const frame = page.frameLocator('[data-testid="report-preview"]');
    await frame.getByText('南昌市工人文化宫').first().waitFor();
    await frame.getByText('项目完成及时率').first().waitFor();
    await shot('07-editor-report');
    await page.keyboard.press('Escape');
    await page.getByTestId('report-preview').waitFor({ state: 'detached' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-indicators-docx').click(),
    ]);
    const path = await download.path();
    const { value: text } = await mammoth.extractRawText({ buffer: readFileSync(path) });
    assert.match(text, /南昌市工人文化宫/);
    assert.match(text, /项目完成及时率/);
    assert.match(text, /100%/);
    assert.match(download.suggestedFilename(), /\.docx$/);
  });

  it('the workflow tab shows the change log', async () => {
    await page.getByRole('tab', { name: '流程' }).click();
    await page.getByText('新建', { exact: true }).waitFor();
    await page.getByText('保存', { exact: true }).last().waitFor();
    await shot('08-editor-workflow');
  });

  it('a filer of another unit who opens that address is refused', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await logIn('xuanjiao');
    await page.goto(evaluationUrl);
    await page.getByText('评价不存在').waitFor();
    assert.equal(await page.getByTestId('evaluation-title').count(), 0);
    await shot('09-refused');
  });

  it('a finance bureau’s dashboard ranks its units and charts the year', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await logIn('ncczj');
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByText('单位得分排名').waitFor();
    // the newest year first (2025: the one evaluation made above); the seeds' year has four units
    await page.getByLabel('评价年度').click();
    await page.locator('.ant-select-item-option[title="2023 年度"]').click();
    await page.getByText('南昌市总工会宣教中心').first().waitFor();
    const table = page.locator('.ant-table-tbody tr');
    await table.first().waitFor();
    const units = await table.locator('td:nth-child(2)').allInnerTexts();
    assert.ok(units.length >= 4, units.join());
    for (const u of units) assert.match(u, /^南昌市/);
    assert.equal(units[0], '南昌市工人文化宫', 'the highest total first (95.25)');
    assert.ok((await page.locator('canvas').count()) >= 4, 'four charts drawn');
    await page.waitForTimeout(600); // the charts' entry animation
    await shot('10-dashboard');
  });

  it('a batch of reports runs as a job with its progress, and its archive downloads', async () => {
    await page.getByRole('menuitem', { name: '批量任务' }).click();
    const form = page.getByTestId('job-form');
    await form.waitFor();
    await form.getByText('批量生成报告').click();
    await form.getByLabel('评价年度').fill('2023');
    await form.getByLabel('报告类型').click();
    await page.locator('.ant-select-item-option', { hasText: '绩效评价指标体系评分表' }).click();
    await form.getByLabel('格式').click();
    await page.locator('.ant-select-item-option', { hasText: 'Excel' }).click();
    await page.getByTestId('job-start').click();
    const link = page.getByTestId('job-download').first();
    await link.waitFor({ timeout: 60_000 });
    await page.getByText('4 / 4').first().waitFor();
    await shot('11-jobs');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = readFileSync(await download.path());
    assert.equal(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0), 'PK', 'a zip');
    assert.match(download.suggestedFilename(), /\.zip$/);
  });

  it('an admin sees the organisation tree and adds a user to a unit', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await logIn('admin');
    await page.getByRole('menuitem', { name: '组织与用户' }).click();
    const tree = page.getByTestId('org-tree');
    await tree.locator('.ant-tree-title', { hasText: '南昌市总工会宣教中心' }).waitFor();
    await tree.locator('.ant-tree-title', { hasText: '南昌市工人文化宫' }).click();
    const users = page.getByTestId('user-table');
    await users.getByText('wenhuagong', { exact: true }).waitFor();
    await page.getByTestId('new-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('wenhuagong2');
    await dialog.getByLabel('姓名').fill('文化宫第二填报员');
    await dialog.getByLabel('初始密码').fill('New-Filer-Passw0rd!');
    await dialog
      .getByRole('button', { name: /确定|新建|保存/ })
      .last()
      .click();
    await users.getByText('wenhuagong2', { exact: true }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await shot('12-admin');
    const row = (
      await db.query<{ role: string; must_change_password: boolean }>(
        "select role, must_change_password from users where username = 'wenhuagong2'",
      )
    ).rows[0];
    assert.deepEqual(row, { role: 'unit', must_change_password: true });
  });

  it('templates: an indicator system saved from an evaluation becomes a template with its tree', async () => {
    await page.getByRole('menuitem', { name: '指标模板' }).click();
    await page
      .getByTestId('template-table')
      .getByText('嵩明县部门整体支出绩效评价指标体系（2020年度）')
      .click();
    await page.getByTestId('template-tree').getByText('部门决策').first().waitFor();
    await page.getByTestId('template-save').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('评价').click();
    await page
      .locator('.ant-select-item-option', { hasText: '嵩明县总工会2020年度部门整体支出绩效评价' })
      .click();
    await dialog.getByLabel('模板名称').fill('嵩明县工会系统评价指标（自定义）');
    await dialog
      .getByRole('button', { name: /确定|保存/ })
      .last()
      .click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('template-table').getByText('嵩明县工会系统评价指标（自定义）').waitFor();
    await page.getByTestId('template-tree').getByText('部门决策').first().waitFor();
    await shot('13-templates');
    const saved = await db.query<{ name: string }>('select name from custom_templates');
    assert.deepEqual(
      saved.rows.map((r) => r.name),
      ['嵩明县工会系统评价指标（自定义）'],
    );
  });

  it('报告检查: a published report uploaded is checked, listed with its counts and shown', async () => {
    // still the admin; the page is open to every role
    const name = '004_9b93941ec0b19236.txt';
    await page.getByRole('menuitem', { name: '报告检查' }).click();
    await page.getByTestId('check-upload').waitFor();
    await page
      .getByTestId('check-upload')
      .locator('input[type="file"]')
      .setInputFiles(join(ROOT, 'test', 'fixtures', 'reports', name));
    const row = page
      .getByTestId('check-list')
      .locator('tr', { has: page.getByTestId('check-file').filter({ hasText: name }) });
    await row.waitFor();
    // checked, not refused: the three counts, whatever they are as extraction improves
    assert.match(
      await row.getByTestId('check-counts').innerText(),
      /错误\s*\d+[\s\S]*警告\s*\d+[\s\S]*提示\s*\d+/,
    );
    // the report's details: its name, and the findings table with rows or its empty state
    const detail = page.getByTestId('check-detail');
    await detail.getByText(name).first().waitFor();
    const findings = detail.getByTestId('check-findings');
    await findings.locator('.ant-table').waitFor();
    const rows = await findings.getByTestId('check-finding').count();
    const empty = await findings.getByText('未发现问题').count();
    assert.ok(rows > 0 || empty > 0, 'findings listed, or none found said');
    await detail.getByTestId('check-units').locator('.ant-table').waitFor();
    // the earlier steps' notices gone, for the guide's picture
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 10_000 });
    await shot('14-check');
  });
});

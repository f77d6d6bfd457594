/**
 * Questionnaires in Debian's Chromium (playwright-core, never a downloaded browser) against the real
 * service on 127.0.0.1 with the built UI: a respondent opens an invitation link without an account,
 * answers and submits once; the link then says it was used; an unknown link says so; and the unit's
 * filer sees the response counted on the management page.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/server/db/database.ts';
import { type WebService, browserSkip, startWebService } from '../support/browser.ts';
import { type Client, httpClient } from '../support/http.ts';

describe('questionnaires in Chromium', { skip: browserSkip }, () => {
  let web: WebService;
  let db: Database;
  let page: Page;
  let base = '';
  let filer: Client;
  let surveyId = 0;
  let tokens: string[] = [];
  const http = httpClient(() => base);

  before(async () => {
    web = await startWebService({ users: [['wenhuagong', 'unit', '南昌市工人文化宫', '文化宫填报员']] });
    ({ base } = web);
    db = web.service.db;
    filer = await web.service.logIn('wenhuagong');
    const ev = await web.service.createEvaluation(filer, '南昌市工人文化宫', {
      templateId: 'nanchang-2023-department',
      fiscalYear: 2025,
    });
    const s = await http.call('/api/surveys', {
      method: 'POST',
      client: filer,
      body: {
        evaluationId: ev.id,
        name: '服务对象满意度调查',
        intro: '本问卷匿名填写。',
        questions: ['您对服务态度是否满意？', '您对活动组织是否满意？'],
        indicators: [{ code: 'D4' }],
      },
    });
    assert.equal(s.status, 201, JSON.stringify(s.json));
    surveyId = s.json.survey.id;
    const inv = await http.call(`/api/surveys/${String(surveyId)}/invitations`, {
      method: 'POST',
      client: filer,
      body: { count: 2 },
    });
    tokens = (inv.json.invitations as { token: string }[]).map((i) => i.token);
    page = await web.newPage();
  });

  after(() => web?.stop());

  it('a respondent without an account answers through the link and submits once', async () => {
    await page.goto(`${base}/#/s/${tokens[0]!}`);
    await page.getByRole('heading', { name: '服务对象满意度调查' }).waitFor();
    await page.getByText('本问卷匿名填写。').waitFor();
    // no log-in form, and nothing about other respondents
    assert.equal(await page.getByLabel('密码').count(), 0);
    await page.getByTestId('question-q1').getByText('满意', { exact: true }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('还有 1 题未作答').waitFor();
    await page.getByTestId('question-q2').getByText('非常满意', { exact: true }).click();
    // the count follows the answers: none left, no alert
    await page.getByText('还有 1 题未作答').waitFor({ state: 'detached' });
    await web.shot(page, 'survey-respond');
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('感谢您的参与！').waitFor();
    const stored = await db.query<{ answers: Record<string, string> }>(
      'select answers from survey_responses where survey_id = $1',
      [surveyId],
    );
    assert.deepEqual(
      stored.rows.map((r) => r.answers),
      [{ q1: '满意', q2: '非常满意' }],
    );
  });

  it('the used link, opened again, says it was submitted; an unknown link says it is invalid', async () => {
    await page.goto(`${base}/#/s/${tokens[0]!}`);
    await page.reload();
    await page.getByText('本问卷已提交，每个链接只能提交一次。').waitFor();
    assert.equal(await page.getByRole('button', { name: '提交问卷' }).count(), 0);
    await page.goto(`${base}/#/s/${'B'.repeat(43)}`);
    await page.reload();
    await page.getByText('问卷链接无效或已失效').waitFor();
  });

  it('a second submission of a link open in another tab is refused by the service', async () => {
    await page.goto(`${base}/#/s/${tokens[1]!}`);
    await page.reload();
    await page.getByTestId('question-q1').waitFor();
    // meanwhile the same link is submitted elsewhere
    const other = await http.call(`/api/s/${tokens[1]!}`, {
      method: 'POST',
      body: { answers: { q1: '一般', q2: '一般' } },
    });
    assert.equal(other.status, 201);
    await page.getByTestId('question-q1').getByText('不满意', { exact: true }).click();
    await page.getByTestId('question-q2').getByText('不满意', { exact: true }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('本问卷已提交，每个链接只能提交一次。').waitFor();
    const n = await db.query<{ n: number }>(
      'select count(*)::int as n from survey_responses where survey_id = $1',
      [surveyId],
    );
    assert.equal(n.rows[0]?.n, 2);
  });

  it('the filer sees the responses counted on the 问卷调查 page', async () => {
    await web.logIn(page, 'wenhuagong');
    await page.getByRole('menuitem', { name: '问卷调查' }).click();
    await page.getByRole('combobox', { name: '评价' }).click();
    await page
      .getByTitle(/南昌市工人文化宫2025年度/)
      .first()
      .click();
    await page.getByTestId('survey-link').filter({ hasText: '服务对象满意度调查' }).click();
    // q1: 满意 + 一般 → (0.5 + 0.25)/2 = 37.50%; q2: 非常满意 + 一般 → 62.50%; overall 50.00%
    await page.getByText('50.00%', { exact: true }).waitFor();
    await page.getByText('已答 2 / 2').waitFor();
    await web.shot(page, 'survey-manage');
  });
});

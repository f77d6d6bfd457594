/**
 * The pages of 汇总与排名, 结果应用, 第三方评价, 问卷调查 and 绩效监控 opened in Debian's Chromium
 * (test/support/browser.ts) by a finance bureau and by a department: each shows its main controls
 * with the service's data, and nothing goes wrong on the way — no uncaught error in the page, no
 * error on the console (a failed request is one), no request of the API left unanswered, no error
 * shown. A screenshot of each goes to test-artifacts/screenshots/pages-<who>-<page>.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { type WebService, browserSkip, startWebService } from '../support/browser.ts';

/** What went wrong in a page since `clear()`, and a wait for its API requests to be answered. */
function watch(page: Page) {
  const problems: string[] = [];
  const pending = new Set<Request>();
  let idle: (() => void)[] = [];
  const done = (r: Request): void => {
    pending.delete(r);
    if (pending.size === 0) {
      for (const f of idle) f();
      idle = [];
    }
  };
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) problems.push(`${String(r.status())} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (r.url().includes('/api/')) pending.add(r);
  });
  page.on('requestfinished', done);
  page.on('requestfailed', (r) => {
    problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    done(r);
  });
  return {
    problems,
    clear: (): void => {
      problems.length = 0;
    },
    /** Resolves once no request to the API is open (or after 15 s, leaving them to the assertion). */
    settled: async (): Promise<void> => {
      if (pending.size > 0)
        await Promise.race([new Promise<void>((resolve) => idle.push(resolve)), page.waitForTimeout(15_000)]);
      assert.deepEqual(
        [...pending].map((r) => r.url()),
        [],
        'requests still open',
      );
    },
  };
}

interface PageCase {
  name: string;
  hash: string;
  /** Waits for the page's main controls and what it loaded. */
  ready: (page: Page, who: 'finance' | 'department') => Promise<void>;
}

const PAGES: PageCase[] = [
  {
    name: 'consolidation',
    hash: '#/consolidation',
    ready: async (page) => {
      const card = page.locator('.ant-card', { hasText: '汇总与排名' }).first();
      await card.getByRole('tab', { name: '部门汇总' }).waitFor();
      await page.getByRole('combobox', { name: '主管部门' }).waitFor();
      await page.getByText('跨单位核查').waitFor();
      await page.getByText('各单位指标对比').waitFor();
      // the other tabs load when opened (only the open tab's panel is visible)
      const panel = page.getByRole('tabpanel');
      await card.getByRole('tab', { name: '单位排名' }).click();
      await panel.getByText('并列占位（1,2,2,4）').waitFor();
      await panel.getByRole('columnheader', { name: '排名' }).waitFor();
      await card.getByRole('tab', { name: '历年指标' }).click();
      await panel.getByRole('combobox', { name: '单位' }).waitFor();
      await panel.locator('.ant-table, .ant-empty').first().waitFor();
      await card.getByRole('tab', { name: '部门汇总' }).click();
    },
  },
  {
    name: 'results',
    hash: '#/results',
    ready: async (page) => {
      await page.locator('.ant-card-head-title', { hasText: '整改事项' }).waitFor();
      await page.getByRole('button', { name: '刷新' }).waitFor();
      await page.getByText(/^状态截至 \d{4}-\d{2}-\d{2}$/).waitFor();
      await page.locator('.ant-card-head-title', { hasText: '预算挂钩规则' }).waitFor();
      await page.getByRole('columnheader', { name: '评价等级' }).waitFor();
    },
  },
  {
    name: 'third-party',
    hash: '#/third-party',
    ready: async (page, who) => {
      await page.getByRole('heading', { name: '第三方评价' }).waitFor();
      await page.locator('.ant-card-head-title', { hasText: '委托的评价' }).waitFor();
      await page.getByRole('columnheader', { name: '受托机构' }).waitFor();
      // the finance bureau entrusts evaluations; a department only sees them
      const assign = page.getByRole('button', { name: '委托' });
      if (who === 'finance') await assign.waitFor();
      else assert.equal(await assign.count(), 0);
    },
  },
  {
    name: 'surveys',
    hash: '#/surveys',
    ready: async (page) => {
      await page.getByRole('heading', { name: '问卷调查' }).waitFor();
      await page.getByRole('combobox', { name: '评价' }).waitFor();
    },
  },
  {
    name: 'monitoring',
    hash: '#/monitoring',
    ready: async (page) => {
      await page.getByRole('heading', { name: '绩效监控' }).waitFor();
      await page.getByRole('combobox', { name: '选择评价' }).waitFor();
      await page.getByText('请选择一个评价，填写绩效目标并按期填报监控情况').waitFor();
    },
  },
];

const USERS = [
  { who: 'finance', username: 'ncczj' },
  { who: 'department', username: 'nczgh' },
] as const;

describe('the pages of the newer features in Chromium', { skip: browserSkip }, () => {
  let web: WebService;

  before(async () => {
    web = await startWebService({
      users: [
        ['ncczj', 'finance', '南昌市财政局', '市财政局评价科'],
        ['nczgh', 'department', '南昌市总工会', '市总工会财务部'],
      ],
    });
  });

  after(() => web?.stop());

  for (const { who, username } of USERS)
    describe(`as ${who} (${username})`, () => {
      let page: Page;
      let watcher: ReturnType<typeof watch>;

      before(async () => {
        page = await web.newPage();
        watcher = watch(page);
        await web.logIn(page, username);
        await watcher.settled();
      });

      for (const p of PAGES)
        it(`${p.hash} shows its controls, without an error`, async () => {
          // before logging in, the page's GET /api/me is refused (401): that is not this page's
          watcher.clear();
          await page.goto(`${web.base}/${p.hash}`);
          await p.ready(page, who);
          await watcher.settled();
          assert.deepEqual(watcher.problems, []);
          assert.equal(await page.locator('.ant-alert-error').count(), 0, 'no error shown');
          assert.equal(await page.locator('.ant-message-error').count(), 0, 'no error message');
          await web.shot(page, `pages-${who}-${p.name}`);
        });
    });
});

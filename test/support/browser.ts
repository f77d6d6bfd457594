/**
 * The web application as the browser suites drive it: the built UI (scripts/build-web.ts, rebuilt
 * when its sources changed) served by the real service on 127.0.0.1 (embedded database, seeded;
 * ./service.ts), and Debian's Chromium driven by playwright-core — never a downloaded browser.
 * Without Chromium the suites are skipped with the reason, but never in CI (CI=true), where
 * .ci/run installs it.
 *
 * Screenshots go to test-artifacts/screenshots/ (1366×768, the smallest screen the issue names).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { openEmbedded } from '../../src/server/db/database.ts';
import { type ServiceOptions, type TestService, startService } from './service.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env['JIXIAO_CHROMIUM'] ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
/** The password of every account the browser suites make (and of the admin). */
export const WEB_PASSWORD = 'Web-Passw0rd-2026!';

/** For `describe(…, { skip })`: false, or why there is no browser here. */
export const browserSkip: string | false =
  existsSync(CHROMIUM) || process.env['CI'] === 'true'
    ? false
    : `没有 Chromium（${CHROMIUM}）：Debian 上 apt-get install chromium（.ci/run 会安装）`;

export interface WebService {
  /** The service behind the pages: its database, organisations, and API sessions. */
  service: TestService;
  /** `http://127.0.0.1:<port>` */
  base: string;
  browser: Browser;
  /** A page in a context of its own (its own cookies): 1366×768, zh-CN, downloads accepted. */
  newPage(): Promise<Page>;
  /** Logs in through the log-in form at `/` and waits for the user's name in the header. */
  logIn(page: Page, username: string): Promise<void>;
  /** Saves a screenshot as test-artifacts/screenshots/<name>.png. */
  shot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the UI if stale, starts the service with `opts` (password WEB_PASSWORD) and Chromium. */
export async function startWebService(
  opts: Omit<ServiceOptions, 'webRoot' | 'password'> = {},
): Promise<WebService> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.ts'), '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  mkdirSync(SHOTS, { recursive: true });
  const service = await startService(openEmbedded(), {
    ...opts,
    password: WEB_PASSWORD,
    webRoot: join(ROOT, 'dist', 'web'),
  });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (e) {
    await service.stop();
    throw e;
  }
  const { base } = service;
  return {
    service,
    base,
    browser,
    newPage: async () => {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        acceptDownloads: true,
        // the app turns its animations off for this: no clicks land on a dialog still zooming in
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    logIn: async (page, username) => {
      await page.goto(`${base}/`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(WEB_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('current-user').waitFor();
    },
    shot: async (page, name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    },
    stop: async () => {
      await browser.close();
      await service.stop();
    },
  };
}

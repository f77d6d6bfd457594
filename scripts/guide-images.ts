/**
 * The user guide's pictures (docs/guide.md) are the screenshots the end-to-end tests take
 * (test/web/e2e.test.ts → test-artifacts/screenshots/). After a test run, `npm run guide:images`
 * copies them into docs/images/guide/, so the guide shows the application as it is.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FROM = join(ROOT, 'test-artifacts', 'screenshots');
const TO = join(ROOT, 'docs', 'images', 'guide');

if (!existsSync(FROM)) {
  console.error('没有截图：请先运行 npm test（或 node --test test/web/e2e.test.ts）。');
  process.exit(1);
}
mkdirSync(TO, { recursive: true });
const files = readdirSync(FROM).filter((f) => f.endsWith('.png'));
for (const f of files) copyFileSync(join(FROM, f), join(TO, f));
console.log(`已复制 ${String(files.length)} 张截图到 docs/images/guide/`);

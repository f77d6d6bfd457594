#!/usr/bin/env node
// Runs the compiled CLI (dist/ is built by `npm run build`, which `npm ci` runs via `prepare`).
import process from 'node:process';

try {
  await import('../dist/cli/main.js');
} catch (e) {
  if (process.env.JIXIAO_DEBUG === '1') throw e;
  const missing = e instanceof Error && /Cannot find module '[^']*dist[\\/]cli[\\/]main\.js'/.test(e.message);
  const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
  process.stderr.write(`内部错误：${missing ? '找不到 dist/cli/main.js，请先运行 npm run build' : detail}\n`);
  process.exit(70);
}

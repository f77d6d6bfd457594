/**
 * Builds the web application into dist/web (`npm run build:web` does it always). With `--if-stale`
 * — run before `npm start` — only when dist/web is missing or was built from other sources: a hash
 * of web/ and package-lock.json is kept in dist/web/.source-hash.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'web');
const STAMP = join(OUT, '.source-hash');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

/** What the build depends on: the web sources, the core types they import, the locked packages. */
export function sourceHash(): string {
  const h = createHash('sha256');
  for (const path of [
    ...files(join(ROOT, 'web')),
    ...files(join(ROOT, 'src', 'core')),
    join(ROOT, 'package-lock.json'),
  ]) {
    h.update(relative(ROOT, path));
    h.update(readFileSync(path));
  }
  return h.digest('hex');
}

function main(): void {
  const hash = sourceHash();
  if (process.argv.includes('--if-stale') && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash)
    return;
  console.log('正在构建网页界面（约半分钟）…');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) {
    console.error('网页界面构建失败（见上方信息）。服务仍可启动，但只提供 REST API。');
    process.exit(r.status ?? 1);
  }
  writeFileSync(STAMP, hash);
  console.log('网页界面已构建：dist/web');
}

if (import.meta.main) main();

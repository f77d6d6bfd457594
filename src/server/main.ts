/**
 * `npm start`: the service on 127.0.0.1 — embedded PostgreSQL in a data directory by default
 * (`JIXIAO_DATA_DIR`, default ./data/db), or the PostgreSQL server at `DATABASE_URL`. Migrates,
 * seeds an empty database with the seed evaluations, creates the first admin, and prints the
 * address and how to log in. `HOST` and `PORT` (default 8080) choose where it listens.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openEmbedded, openPostgres } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { openJobQueue } from './queue.ts';
import { ensureAdmin, seedIfEmpty } from './seed.ts';

async function open(): Promise<{ db: Database; where: string }> {
  const url = process.env['DATABASE_URL'];
  if (url !== undefined && url !== '')
    return { db: await openPostgres(url), where: 'PostgreSQL 服务器（DATABASE_URL）' };
  const dir = process.env['JIXIAO_DATA_DIR'] ?? join(process.cwd(), 'data', 'db');
  console.log(`正在打开内置数据库：${dir}（首次启动需初始化，约数秒）…`);
  return { db: await openEmbedded(dir), where: `内置 PostgreSQL（${dir}）` };
}

async function main(): Promise<void> {
  const { db, where } = await open();
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`已应用数据库迁移：${applied.join('、')}`);
  const seeded = await seedIfEmpty(db);
  if (seeded)
    console.log(
      `已导入示例数据：${String(seeded.organisations)} 个组织，${String(seeded.evaluations)} 份评价`,
    );
  const admin = await ensureAdmin(db);
  const jobs = openJobQueue(db);
  await jobs.start();
  const webRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (!hasWeb) console.log('提示：网页界面尚未构建（npm run build:web），现只提供 REST API。');
  const app = buildApp({ db, jobs, ...(hasWeb ? { webRoot } : {}) });
  const host = process.env['HOST'] ?? '127.0.0.1';
  const port = Number(process.env['PORT'] ?? 8080);
  const address = await app.listen({ host, port });
  console.log(`jixiao 服务已启动：${address}（数据库：${where}）`);
  if (hasWeb) console.log(`请用浏览器打开 ${address}/ 登录使用；接口文档：${address}/api/docs`);
  if (admin?.generatedPassword !== undefined)
    console.log(
      `首个管理员账户：${admin.username}，初始密码：${admin.generatedPassword}\n（仅显示这一次；登录后请修改。也可在首次启动前设置环境变量 JIXIAO_ADMIN_PASSWORD。）`,
    );
  else if (admin) console.log(`首个管理员账户：${admin.username}，密码为环境变量 JIXIAO_ADMIN_PASSWORD 的值`);
  else console.log('请使用已有账户登录。');
  const stop = (): void => {
    void app
      .close()
      .then(() => jobs.stop())
      .then(() => db.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`启动失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

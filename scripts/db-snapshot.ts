/**
 * Rewrites src/server/db/schema.snapshot.txt from the migrations, applied to a fresh embedded
 * database (`npm run db:snapshot`). Commit the result with the migration that changed it.
 */
import { writeFileSync } from 'node:fs';
import { openEmbedded } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { SNAPSHOT_FILE, describeSchema } from '../src/server/db/snapshot.ts';

const db = await openEmbedded();
try {
  await migrate(db);
  writeFileSync(SNAPSHOT_FILE, await describeSchema(db));
  console.log(`已写入 ${SNAPSHOT_FILE}`);
} finally {
  await db.close();
}

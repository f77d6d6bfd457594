/**
 * The first start: the five seed evaluations (examples/seeds, eight files) with their
 * organisations — each department under its region, its units under it, and the region's finance
 * bureau — and the first admin. All in one transaction: a failed seeding leaves an empty database
 * to try again.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './db/database.ts';
import { countAdmins, createOrganisation, createUser } from './store/accounts.ts';
import { createEvaluation } from './store/evaluations.ts';

/** Region (行政区划) and finance bureau of each seed department. */
const REGIONS: Readonly<Record<string, { region: string; finance: string }>> = {
  南昌市总工会: { region: '江西省南昌市', finance: '南昌市财政局' },
  嵩明县总工会: { region: '云南省昆明市嵩明县', finance: '嵩明县财政局' },
  浏阳市总工会: { region: '湖南省长沙市浏阳市', finance: '浏阳市财政局' },
  阿克陶县总工会: { region: '新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿克陶县', finance: '阿克陶县财政局' },
};

export const SEEDS_DIR = fileURLToPath(new URL('../../examples/seeds/', import.meta.url));

/** A Database over an open transaction: nested transactions join it. */
function joined(tx: Queryable, kind: Database['kind']): Database {
  return { ...tx, kind, transaction: (fn) => fn(tx), close: () => Promise.resolve() };
}

interface SeedFile {
  unit: { name: string; department?: string };
}

export interface SeedResult {
  organisations: number;
  evaluations: number;
}

/** Seeds an empty database; does nothing (and returns undefined) when organisations exist. */
export async function seedIfEmpty(db: Database, dir = SEEDS_DIR): Promise<SeedResult | undefined> {
  const existing = await db.query('select 1 from organisations limit 1');
  if (existing.rowCount > 0) return undefined;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return db.transaction(async (tx) => {
    const inTx = joined(tx, db.kind);
    const orgs = new Map<string, number>();
    const org = async (
      name: string,
      kind: 'finance' | 'department' | 'unit',
      region: string,
      parentId: number | null,
    ) => {
      const key = `${String(parentId)}/${name}`;
      let id = orgs.get(key);
      if (id === undefined) {
        id = (await createOrganisation(tx, { name, kind, region, parentId })).id;
        orgs.set(key, id);
      }
      return id;
    };
    let evaluations = 0;
    for (const file of files) {
      const document = JSON.parse(await readFile(`${dir}/${file}`, 'utf8')) as SeedFile;
      const departmentName = document.unit.department ?? document.unit.name;
      const place = REGIONS[departmentName] ?? { region: '未分区', finance: '财政局' };
      await org(place.finance, 'finance', place.region, null);
      const department = await org(departmentName, 'department', place.region, null);
      const owner =
        document.unit.name === departmentName
          ? department
          : await org(document.unit.name, 'unit', place.region, department);
      await createEvaluation(inTx, null, { organisationId: owner, document });
      evaluations++;
    }
    return { organisations: orgs.size, evaluations };
  });
}

/** A strong random password that meets the rules (all four character classes). */
export function generatePassword(): string {
  return `Jx-${randomBytes(12).toString('base64url')}-7a`;
}

/**
 * Creates the first admin when there is none: the password from `JIXIAO_ADMIN_PASSWORD`, or a
 * generated one returned (to be printed once) and to be changed at first login.
 */
export async function ensureAdmin(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ username: string; generatedPassword?: string } | undefined> {
  if ((await countAdmins(db)) > 0) return undefined;
  const given = env['JIXIAO_ADMIN_PASSWORD'];
  const password = given !== undefined && given !== '' ? given : generatePassword();
  await createUser(db, {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    organisationId: null,
    password,
    mustChangePassword: given === undefined || given === '',
  });
  return given !== undefined && given !== ''
    ? { username: 'admin' }
    : { username: 'admin', generatedPassword: password };
}

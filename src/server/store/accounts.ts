/** Organisations, users, sessions and logging in. */
import {
  type Role,
  afterFailure,
  afterSuccess,
  fakeVerify,
  hashPassword,
  isLocked,
  lockMessage,
  newToken,
  passwordProblems,
  sessionExpired,
  tokenHash,
  verifyPassword,
} from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ServiceError, badInput, forbidden, notFound } from '../errors.ts';
import { type Actor, organisationScope } from './scope.ts';

export interface Organisation {
  id: number;
  parentId: number | null;
  kind: 'finance' | 'department' | 'unit' | 'evaluator';
  name: string;
  region: string;
}

interface OrganisationRow {
  id: number;
  parent_id: number | null;
  kind: Organisation['kind'];
  name: string;
  region: string;
}

const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  parentId: r.parent_id,
  kind: r.kind,
  name: r.name,
  region: r.region,
});

export async function createOrganisation(
  db: Queryable,
  org: Omit<Organisation, 'id'>,
): Promise<Organisation> {
  const r = await db.query<OrganisationRow>(
    `insert into organisations (parent_id, kind, name, region) values ($1, $2, $3, $4)
     returning id, parent_id, kind, name, region`,
    [org.parentId, org.kind, org.name, org.region],
  );
  const row = r.rows[0];
  if (row === undefined) throw new Error('insert returned nothing');
  return toOrganisation(row);
}

/** The organisations the actor may see, parents first. */
export async function visibleOrganisations(db: Queryable, actor: Actor): Promise<Organisation[]> {
  const scope = organisationScope(actor, 1);
  const r = await db.query<OrganisationRow>(
    `select o.id, o.parent_id, o.kind, o.name, o.region from organisations o where ${scope.sql}
     order by o.region, o.parent_id nulls first, o.id`,
    scope.params,
  );
  return r.rows.map(toOrganisation);
}

export async function organisationVisible(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<Organisation | undefined> {
  const scope = organisationScope(actor, 2);
  const r = await db.query<OrganisationRow>(
    `select o.id, o.parent_id, o.kind, o.name, o.region from organisations o where o.id = $1 and ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  return row === undefined ? undefined : toOrganisation(row);
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  organisation_id: number | null;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  disabled: boolean;
  must_change_password: boolean;
}

const toActor = (r: UserRow): Actor => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  organisationId: r.organisation_id,
});

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  organisationId: number | null;
  password: string;
  mustChangePassword?: boolean;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;

export async function createUser(db: Queryable, u: NewUser): Promise<Actor> {
  if (!USERNAME.test(u.username)) throw badInput('用户名应为 3–64 个字母、数字或 _ . -');
  const problems = passwordProblems(u.password, u.username);
  if (problems.length > 0)
    throw badInput(
      `密码不符合要求：${problems.join('；')}`,
      problems.map((message) => ({ path: 'password', message })),
    );
  if (u.role !== 'admin' && u.organisationId === null) throw badInput('除管理员外，用户必须属于一个组织');
  const hash = await hashPassword(u.password);
  try {
    const r = await db.query<UserRow>(
      `insert into users (username, display_name, role, organisation_id, password_hash, must_change_password)
       values ($1, $2, $3, $4, $5, $6)
       returning id, username, display_name, role, organisation_id, password_hash, failed_logins, locked_until,
                 disabled, must_change_password`,
      [u.username, u.displayName, u.role, u.organisationId, hash, u.mustChangePassword ?? false],
    );
    const row = r.rows[0];
    if (row === undefined) throw new Error('insert returned nothing');
    return toActor(row);
  } catch (e) {
    if (e instanceof Error && /users_username_key|duplicate key/.test(e.message))
      throw new ServiceError(409, 'conflict', `用户名“${u.username}”已存在`);
    throw e;
  }
}

export async function countAdmins(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>("select count(*)::int as n from users where role = 'admin'");
  return r.rows[0]?.n ?? 0;
}

export interface Login {
  token: string;
  csrfToken: string;
  user: Actor;
  /** The password was set by an admin: change it before anything else (首次登录须修改密码). */
  mustChangePassword: boolean;
}

const WRONG = '用户名或密码错误';

/** Checks the password (with lockout) and opens a session. */
export async function login(
  db: Database,
  username: string,
  password: string,
  now = new Date(),
): Promise<Login> {
  const r = await db.query<UserRow>(
    `select id, username, display_name, role, organisation_id, password_hash, failed_logins, locked_until,
            disabled, must_change_password
       from users where username = $1`,
    [username],
  );
  const row = r.rows[0];
  if (row === undefined || row.disabled) {
    await fakeVerify(password); // as long as a real check: no telling which usernames exist
    throw new ServiceError(401, 'unauthorised', WRONG);
  }
  const rec = { failedLogins: row.failed_logins, lockedUntil: row.locked_until };
  if (isLocked(rec, now)) throw new ServiceError(423, 'locked', lockMessage(rec, now));
  if (!(await verifyPassword(password, row.password_hash))) {
    const next = afterFailure(rec, now);
    await db.query('update users set failed_logins = $2, locked_until = $3 where id = $1', [
      row.id,
      next.failedLogins,
      next.lockedUntil,
    ]);
    if (isLocked(next, now)) throw new ServiceError(423, 'locked', lockMessage(next, now));
    throw new ServiceError(401, 'unauthorised', WRONG);
  }
  const ok = afterSuccess();
  const token = newToken();
  const csrfToken = newToken();
  await db.transaction(async (tx) => {
    await tx.query('update users set failed_logins = $2, locked_until = $3 where id = $1', [
      row.id,
      ok.failedLogins,
      ok.lockedUntil,
    ]);
    await tx.query(
      'insert into sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) values ($1, $2, $3, $4, $4)',
      [tokenHash(token), row.id, csrfToken, now],
    );
  });
  return { token, csrfToken, user: toActor(row), mustChangePassword: row.must_change_password };
}

export interface Session {
  user: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** The session of a token, touched; undefined when unknown or expired (then removed). */
export async function session(db: Queryable, token: string, now = new Date()): Promise<Session | undefined> {
  const hash = tokenHash(token);
  const r = await db.query<UserRow & { csrf_token: string; created_at: Date; last_seen_at: Date }>(
    `select u.id, u.username, u.display_name, u.role, u.organisation_id, u.password_hash, u.failed_logins,
            u.locked_until, u.disabled, u.must_change_password, s.csrf_token, s.created_at, s.last_seen_at
       from sessions s join users u on u.id = s.user_id where s.token_hash = $1`,
    [hash],
  );
  const row = r.rows[0];
  if (row === undefined) return undefined;
  if (row.disabled || sessionExpired({ createdAt: row.created_at, lastSeenAt: row.last_seen_at }, now)) {
    await db.query('delete from sessions where token_hash = $1', [hash]);
    return undefined;
  }
  // touch at most once a minute: reading is the common case
  if (now.getTime() - row.last_seen_at.getTime() > 60_000)
    await db.query('update sessions set last_seen_at = $2 where token_hash = $1', [hash, now]);
  return { user: toActor(row), csrfToken: row.csrf_token, mustChangePassword: row.must_change_password };
}

export async function logout(db: Queryable, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash(token)]);
}

/** Only admins manage accounts. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('仅管理员可以管理组织和用户');
}

export interface UserSummary extends Actor {
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
}

/** Every account (admins manage accounts). */
export async function listUsers(db: Queryable, actor: Actor, now = new Date()): Promise<UserSummary[]> {
  requireAdmin(actor);
  const r = await db.query<UserRow>(
    `select id, username, display_name, role, organisation_id, password_hash, failed_logins, locked_until,
            disabled, must_change_password
       from users order by id`,
  );
  return r.rows.map((row) => ({
    ...toActor(row),
    disabled: row.disabled,
    locked: isLocked({ failedLogins: row.failed_logins, lockedUntil: row.locked_until }, now),
    mustChangePassword: row.must_change_password,
  }));
}

/** Changes the actor's own password (the current one is checked); other sessions end. */
export async function changePassword(
  db: Database,
  actor: Actor,
  current: string,
  next: string,
  keepTokenHash: string,
): Promise<void> {
  const r = await db.query<{ password_hash: string }>('select password_hash from users where id = $1', [
    actor.id,
  ]);
  const row = r.rows[0];
  if (row === undefined || !(await verifyPassword(current, row.password_hash)))
    throw new ServiceError(403, 'forbidden', '当前密码不正确', {
      issues: [{ path: 'currentPassword', message: '不正确' }],
    });
  if (current === next)
    throw badInput('新密码不能与当前密码相同', [{ path: 'newPassword', message: '与当前密码相同' }]);
  const problems = passwordProblems(next, actor.username);
  if (problems.length > 0)
    throw badInput(
      `密码不符合要求：${problems.join('；')}`,
      problems.map((message) => ({ path: 'newPassword', message })),
    );
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.query(
      'update users set password_hash = $2, must_change_password = false, password_changed_at = now() where id = $1',
      [actor.id, hash],
    );
    await tx.query('delete from sessions where user_id = $1 and token_hash <> $2', [actor.id, keepTokenHash]);
  });
}

/** Creates an organisation under a parent (admins only); a unit needs a department above it. */
export async function addOrganisation(
  db: Queryable,
  actor: Actor,
  org: Omit<Organisation, 'id'>,
): Promise<Organisation> {
  requireAdmin(actor);
  const kinds = ['finance', 'department', 'unit', 'evaluator'];
  if (!kinds.includes(org.kind))
    throw badInput(`组织类型应为 ${kinds.join('、')}`, [{ path: 'kind', message: '未知类型' }]);
  if (org.name.trim() === '') throw badInput('组织名称不能为空', [{ path: 'name', message: '必填' }]);
  if (org.region.trim() === '') throw badInput('行政区划不能为空', [{ path: 'region', message: '必填' }]);
  if (org.kind === 'unit') {
    const parent =
      org.parentId === null
        ? undefined
        : (await db.query<{ kind: string }>('select kind from organisations where id = $1', [org.parentId]))
            .rows[0];
    if (parent?.kind !== 'department')
      throw badInput('预算单位须隶属于一个主管部门', [{ path: 'parentId', message: '应为主管部门' }]);
  }
  try {
    const created = await createOrganisation(db, {
      ...org,
      name: org.name.trim(),
      region: org.region.trim(),
    });
    await logAccountChange(db, actor, 'organisation', created.id, created);
    return created;
  } catch (e) {
    if (e instanceof Error && /duplicate key|organisations_parent_id_name_key/.test(e.message))
      throw new ServiceError(409, 'conflict', `同一上级下已有名为“${org.name}”的组织`);
    if (e instanceof Error && /foreign key/.test(e.message))
      throw badInput('上级组织不存在', [{ path: 'parentId', message: '不存在' }]);
    throw e;
  }
}

/** A change to accounts or organisations in the change log (no evaluation; never a password). */
async function logAccountChange(
  db: Queryable,
  actor: Actor,
  entity: 'user' | 'organisation',
  entityId: number,
  after: unknown,
): Promise<void> {
  await db.query(
    `insert into change_log (user_id, evaluation_id, entity, entity_id, action, after)
     values ($1, null, $2, $3, 'create', $4)`,
    [actor.id, entity, String(entityId), JSON.stringify(after)],
  );
}

/** An account created by an admin, logged. */
export async function addUser(db: Database, actor: Actor, u: NewUser): Promise<Actor> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const user = await createUser(tx, u);
    await logAccountChange(tx, actor, 'user', user.id, {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      organisationId: user.organisationId,
    });
    return user;
  });
}

/** What an admin may change of an account (用户管理); every field optional. */
export interface UserChange {
  displayName?: string;
  role?: Role;
  organisationId?: number | null;
  /** 停用 / 启用: a disabled account cannot log in and its sessions end. */
  disabled?: boolean;
  /** 重置密码: a new password the user must change at the next log-in; its sessions end. */
  password?: string;
  /** 解除锁定: forget the failed log-ins. */
  unlock?: boolean;
}

/**
 * Changes an account (admins only), in one transaction with its entry in the change log (before
 * and after, never a password). The last enabled admin cannot be disabled or given another role.
 */
export async function updateUser(
  db: Database,
  actor: Actor,
  id: number,
  change: UserChange,
): Promise<UserSummary> {
  requireAdmin(actor);
  if (change.displayName !== undefined && change.displayName.trim() === '')
    throw badInput('姓名不能为空', [{ path: 'displayName', message: '必填' }]);
  return db.transaction(async (tx) => {
    const r = await tx.query<UserRow>(
      `select id, username, display_name, role, organisation_id, password_hash, failed_logins, locked_until,
              disabled, must_change_password
         from users where id = $1 for update`,
      [id],
    );
    const row = r.rows[0];
    if (row === undefined) throw notFound('用户');
    const role = change.role ?? row.role;
    const organisationId = change.organisationId === undefined ? row.organisation_id : change.organisationId;
    const disabled = change.disabled ?? row.disabled;
    if (role !== 'admin' && organisationId === null)
      throw badInput('除管理员外，用户必须属于一个组织', [{ path: 'organisationId', message: '必填' }]);
    if (organisationId !== null && organisationId !== row.organisation_id) {
      const org = await tx.query('select 1 from organisations where id = $1', [organisationId]);
      if (org.rowCount === 0) throw badInput('组织不存在', [{ path: 'organisationId', message: '不存在' }]);
    }
    if (row.role === 'admin' && !row.disabled && (role !== 'admin' || disabled)) {
      const others = await tx.query<{ n: number }>(
        "select count(*)::int as n from users where role = 'admin' and not disabled and id <> $1",
        [id],
      );
      if ((others.rows[0]?.n ?? 0) === 0)
        throw new ServiceError(409, 'conflict', '不能停用或降级最后一个管理员');
    }
    let hash = row.password_hash;
    if (change.password !== undefined) {
      const problems = passwordProblems(change.password, row.username);
      if (problems.length > 0)
        throw badInput(
          `密码不符合要求：${problems.join('；')}`,
          problems.map((message) => ({ path: 'password', message })),
        );
      hash = await hashPassword(change.password);
    }
    const unlock = change.unlock === true || change.password !== undefined;
    const w = await tx.query<UserRow>(
      `update users set display_name = $2, role = $3, organisation_id = $4, disabled = $5, password_hash = $6,
              must_change_password = must_change_password or $7,
              failed_logins = case when $8 then 0 else failed_logins end,
              locked_until = case when $8 then null else locked_until end,
              password_changed_at = case when $7 then now() else password_changed_at end
        where id = $1
        returning id, username, display_name, role, organisation_id, password_hash, failed_logins, locked_until,
                  disabled, must_change_password`,
      [
        id,
        change.displayName?.trim() ?? row.display_name,
        role,
        organisationId,
        disabled,
        hash,
        change.password !== undefined,
        unlock,
      ],
    );
    const updated = w.rows[0];
    if (updated === undefined) throw notFound('用户');
    // a disabled account, a reset password, another role or organisation: its sessions end
    if (
      disabled ||
      change.password !== undefined ||
      role !== row.role ||
      organisationId !== row.organisation_id
    )
      await tx.query('delete from sessions where user_id = $1', [id]);
    const view = (u: UserRow) => ({
      displayName: u.display_name,
      role: u.role,
      organisationId: u.organisation_id,
      disabled: u.disabled,
    });
    await tx.query(
      `insert into change_log (user_id, evaluation_id, entity, entity_id, action, before, after)
       values ($1, null, 'user', $2, 'update', $3, $4)`,
      [
        actor.id,
        String(id),
        JSON.stringify(view(row)),
        JSON.stringify({
          ...view(updated),
          ...(change.password === undefined ? {} : { passwordReset: true }),
          ...(unlock ? { unlocked: true } : {}),
        }),
      ],
    );
    return {
      ...toActor(updated),
      disabled: updated.disabled,
      locked: isLocked(
        { failedLogins: updated.failed_logins, lockedUntil: updated.locked_until },
        new Date(),
      ),
      mustChangePassword: updated.must_change_password,
    };
  });
}

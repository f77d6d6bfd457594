/**
 * Login throttling, account lockout and session lifetime (登录失败处理, 会话超时), as pure
 * functions over plain records; the caller stores the results. 等保 2.0 三级 asks for both:
 * lock after repeated failures, end idle sessions.
 */

/** Failed logins in a row that lock the account (连续登录失败次数上限). */
export const MAX_FAILED_LOGINS = 5;
/** How long a lock lasts (锁定时长). */
export const LOCK_MINUTES = 15;
/** A session unused for longer than this ends (空闲超时). */
export const SESSION_IDLE_MINUTES = 30;
/** A session older than this ends however active it is (会话最长有效期). */
export const SESSION_MAX_HOURS = 12;

const MINUTE_MS = 60_000;

export interface LoginRecord {
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

/** Locked while lockedUntil is in the future. An unreadable date counts as locked (fail closed). */
export function isLocked(rec: LoginRecord, now: Date): boolean {
  if (rec.lockedUntil === null) return false;
  const until = rec.lockedUntil.getTime();
  if (Number.isNaN(until) || Number.isNaN(now.getTime())) return true;
  return now.getTime() < until;
}

/**
 * The record after a failed login. The MAX_FAILED_LOGINS-th failure in a row locks the account
 * for LOCK_MINUTES. After a lock has expired the count starts again from this failure. A failure
 * while still locked changes nothing: the caller should refuse locked accounts before checking the
 * password, and a lock is not extended by further attempts.
 */
export function afterFailure(rec: LoginRecord, now: Date): LoginRecord {
  if (isLocked(rec, now)) return { failedLogins: rec.failedLogins, lockedUntil: rec.lockedUntil };
  const previous = rec.lockedUntil === null ? Math.max(0, Math.trunc(rec.failedLogins) || 0) : 0;
  const failedLogins = previous + 1;
  if (failedLogins >= MAX_FAILED_LOGINS) {
    return { failedLogins, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * MINUTE_MS) };
  }
  return { failedLogins, lockedUntil: null };
}

/** The record after a successful login: count cleared, no lock. */
export function afterSuccess(): { failedLogins: 0; lockedUntil: null } {
  return { failedLogins: 0, lockedUntil: null };
}

/**
 * Chinese message for a locked account, with the minutes left rounded up (at least 1).
 * Empty string when the account is not locked.
 */
export function lockMessage(rec: LoginRecord, now: Date): string {
  if (!isLocked(rec, now) || rec.lockedUntil === null) return '';
  const left = rec.lockedUntil.getTime() - now.getTime();
  const minutes = Number.isFinite(left) ? Math.max(1, Math.ceil(left / MINUTE_MS)) : LOCK_MINUTES;
  return `登录失败次数过多，账户已锁定，请于 ${minutes} 分钟后重试`;
}

/**
 * True when the session has been idle longer than SESSION_IDLE_MINUTES or is older than
 * SESSION_MAX_HOURS. Unreadable dates count as expired (fail closed).
 */
export function sessionExpired(session: SessionTimes, now: Date): boolean {
  const t = now.getTime();
  const created = session.createdAt.getTime();
  const seen = session.lastSeenAt.getTime();
  if (Number.isNaN(t) || Number.isNaN(created) || Number.isNaN(seen)) return true;
  return t - seen > SESSION_IDLE_MINUTES * MINUTE_MS || t - created > SESSION_MAX_HOURS * 60 * MINUTE_MS;
}

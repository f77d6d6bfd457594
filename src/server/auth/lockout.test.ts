import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  SESSION_IDLE_MINUTES,
  SESSION_MAX_HOURS,
  type LoginRecord,
  afterFailure,
  afterSuccess,
  isLocked,
  lockMessage,
  sessionExpired,
} from './lockout.ts';

const T0 = new Date('2025-03-01T09:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const fresh = (): LoginRecord => ({ failedLogins: 0, lockedUntil: null });

describe('lockout policy constants', () => {
  it('matches the stated policy', () => {
    assert.equal(MAX_FAILED_LOGINS, 5);
    assert.equal(LOCK_MINUTES, 15);
    assert.equal(SESSION_IDLE_MINUTES, 30);
    assert.equal(SESSION_MAX_HOURS, 12);
  });
});

describe('afterFailure / isLocked', () => {
  it('does not lock after 4 failures, locks on the 5th for 15 minutes', () => {
    let rec = fresh();
    for (let i = 1; i <= 4; i++) {
      rec = afterFailure(rec, at(i));
      assert.deepEqual(rec, { failedLogins: i, lockedUntil: null });
      assert.equal(isLocked(rec, at(i)), false);
    }
    rec = afterFailure(rec, at(5));
    assert.equal(rec.failedLogins, 5);
    assert.deepEqual(rec.lockedUntil, at(5 + 15));
    assert.equal(isLocked(rec, at(5)), true);
    assert.equal(isLocked(rec, new Date(at(20).getTime() - 1)), true);
    assert.equal(isLocked(rec, at(20)), false, 'the lock ends exactly at lockedUntil');
  });

  it('does not extend or change the lock on failures while locked', () => {
    const locked: LoginRecord = { failedLogins: 5, lockedUntil: at(15) };
    assert.deepEqual(afterFailure(locked, at(10)), locked);
  });

  it('restarts the count after the lock expires', () => {
    const expired: LoginRecord = { failedLogins: 5, lockedUntil: at(15) };
    let rec = afterFailure(expired, at(16));
    assert.deepEqual(rec, { failedLogins: 1, lockedUntil: null });
    for (let i = 2; i <= 4; i++) rec = afterFailure(rec, at(16 + i));
    assert.equal(isLocked(rec, at(21)), false);
    rec = afterFailure(rec, at(22));
    assert.equal(isLocked(rec, at(22)), true);
    assert.deepEqual(rec.lockedUntil, at(37));
  });

  it('does not mutate its input', () => {
    const rec = fresh();
    afterFailure(rec, T0);
    assert.deepEqual(rec, fresh());
  });

  it('clears everything after a success', () => {
    assert.deepEqual(afterSuccess(), { failedLogins: 0, lockedUntil: null });
    const rec = afterFailure(afterFailure(fresh(), T0), T0);
    assert.equal(rec.failedLogins, 2);
    const next = afterFailure({ ...rec, ...afterSuccess() }, at(1));
    assert.equal(next.failedLogins, 1);
  });

  it('treats an unreadable lock date as locked', () => {
    assert.equal(isLocked({ failedLogins: 5, lockedUntil: new Date(Number.NaN) }, T0), true);
  });

  it('locks exactly when MAX_FAILED_LOGINS failures come in a row (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (outcomes) => {
        // true = failure, false = success; all within one minute, so no lock expires.
        let rec = fresh();
        let run = 0;
        let lockedAt = -1;
        outcomes.forEach((failed, i) => {
          if (isLocked(rec, T0)) return; // a locked account is refused before any check
          if (failed) {
            rec = afterFailure(rec, T0);
            run++;
            if (run === MAX_FAILED_LOGINS) lockedAt = i;
          } else {
            rec = afterSuccess();
            run = 0;
          }
        });
        assert.equal(isLocked(rec, T0), lockedAt >= 0);
      }),
    );
  });
});

describe('lockMessage', () => {
  it('says how many minutes are left, rounded up', () => {
    const rec: LoginRecord = { failedLogins: 5, lockedUntil: at(15) };
    assert.equal(lockMessage(rec, T0), '登录失败次数过多，账户已锁定，请于 15 分钟后重试');
    assert.equal(
      lockMessage(rec, new Date(T0.getTime() + 1)),
      '登录失败次数过多，账户已锁定，请于 15 分钟后重试',
    );
    assert.equal(lockMessage(rec, at(1)), '登录失败次数过多，账户已锁定，请于 14 分钟后重试');
    assert.equal(lockMessage(rec, at(14.5)), '登录失败次数过多，账户已锁定，请于 1 分钟后重试');
    assert.equal(
      lockMessage(rec, new Date(at(15).getTime() - 1)),
      '登录失败次数过多，账户已锁定，请于 1 分钟后重试',
    );
  });

  it('is empty when the account is not locked', () => {
    assert.equal(lockMessage(fresh(), T0), '');
    assert.equal(lockMessage({ failedLogins: 5, lockedUntil: at(15) }, at(15)), '');
  });
});

describe('sessionExpired', () => {
  it('ends a session idle for more than 30 minutes', () => {
    const s = { createdAt: T0, lastSeenAt: at(60) };
    assert.equal(sessionExpired(s, at(60)), false);
    assert.equal(sessionExpired(s, at(90)), false, 'exactly 30 minutes idle is still allowed');
    assert.equal(sessionExpired(s, new Date(at(90).getTime() + 1)), true);
  });

  it('ends a session older than 12 hours however active', () => {
    const twelveHours = 12 * 60;
    const s = { createdAt: T0, lastSeenAt: at(twelveHours - 1) };
    assert.equal(sessionExpired(s, at(twelveHours)), false);
    assert.equal(sessionExpired(s, new Date(at(twelveHours).getTime() + 1)), true);
    assert.equal(
      sessionExpired({ createdAt: T0, lastSeenAt: at(twelveHours + 5) }, at(twelveHours + 5)),
      true,
    );
  });

  it('treats unreadable dates as expired', () => {
    const bad = new Date(Number.NaN);
    assert.equal(sessionExpired({ createdAt: bad, lastSeenAt: T0 }, T0), true);
    assert.equal(sessionExpired({ createdAt: T0, lastSeenAt: bad }, T0), true);
    assert.equal(sessionExpired({ createdAt: T0, lastSeenAt: T0 }, bad), true);
  });
});

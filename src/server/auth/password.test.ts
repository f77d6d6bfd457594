import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fakeVerify,
  hashPassword,
  needsRehash,
  parseStored,
  passwordProblems,
  verifyPassword,
} from './password.ts';

const GOOD = 'Lüfter-Baum-42';
const FORMAT = /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

/** A stored value made independently of hashPassword, with chosen parameters. */
function storedWith(password: string, n: number, r: number, p: number, salt: Buffer, keylen = 32): string {
  const key = scryptSync(password, salt, keylen, { N: n, r, p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${n}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

describe('hashPassword / verifyPassword', () => {
  it('round-trips, refuses a wrong password, and salts every hash', async () => {
    const a = await hashPassword(GOOD);
    const b = await hashPassword(GOOD);
    assert.match(a, FORMAT);
    assert.match(b, FORMAT);
    assert.notEqual(a, b, 'two hashes of one password must differ (random salt)');
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
    assert.equal(await verifyPassword(GOOD, a), true);
    assert.equal(await verifyPassword(GOOD, b), true);
    assert.equal(await verifyPassword('Lüfter-Baum-43', a), false);
    assert.equal(await verifyPassword('', a), false);
    assert.equal(needsRehash(a), false);
  });

  it('reads the parameters from the stored string (an older, cheaper N still verifies)', async () => {
    const salt = Buffer.alloc(16, 7);
    const stored = storedWith(GOOD, 2 ** 14, 8, 1, salt);
    assert.equal(await verifyPassword(GOOD, stored), true);
    assert.equal(await verifyPassword(GOOD + 'x', stored), false);
    assert.equal(needsRehash(stored), true);
  });

  it('treats NFC and NFD spellings of one password alike', async () => {
    const nfc = 'Caf\u00e9-Pass-2024';
    const nfd = 'Cafe\u0301-Pass-2024';
    assert.notEqual(nfc, nfd);
    const stored = storedWith(nfc, 2 ** 14, 8, 1, Buffer.alloc(16, 3));
    assert.equal(await verifyPassword(nfd, stored), true);
  });

  it('returns false quickly for malformed and hostile stored values, never throwing', async () => {
    const salt = Buffer.alloc(16, 1).toString('base64url');
    const hash = Buffer.alloc(32, 2).toString('base64url');
    const hostile = [
      '',
      'scrypt',
      'bcrypt$2b$10$abc',
      `scrypt$32768$8$1$${salt}`,
      `scrypt$32768$8$1$${salt}$${hash}$extra`,
      `pbkdf2$32768$8$1$${salt}$${hash}`,
      `scrypt$${2 ** 30}$8$1$${salt}$${hash}`, // 128 GiB: must not be attempted
      `scrypt$${2 ** 20}$8$1$${salt}$${hash}`, // 1 GiB
      `scrypt$32768$1024$1$${salt}$${hash}`, // huge r
      `scrypt$32768$8$100000$${salt}$${hash}`, // huge p: minutes of CPU
      `scrypt$32768$8$64$${salt}$${hash}`, // within memory, but 64 times the work
      `scrypt$65536$16$1$${salt}$${hash}`, // 128 MiB: over the memory bound
      `scrypt$30000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$1024$8$1$${salt}$${hash}`, // N below the floor
      `scrypt$0$8$1$${salt}$${hash}`,
      `scrypt$-32768$8$1$${salt}$${hash}`,
      `scrypt$32768.0$8$1$${salt}$${hash}`,
      `scrypt$0x8000$8$1$${salt}$${hash}`,
      `scrypt$032768$8$1$${salt}$${hash}`,
      `scrypt$32768$0$1$${salt}$${hash}`,
      `scrypt$32768$8$0$${salt}$${hash}`,
      `scrypt$32768$8$1$$${hash}`,
      `scrypt$32768$8$1$${salt}$`,
      `scrypt$32768$8$1$${salt}=$${hash}`, // padding
      `scrypt$32768$8$1$${salt.replace(/.$/, '+')}$${hash}`, // base64, not base64url
      `scrypt$32768$8$1$${Buffer.alloc(8).toString('base64url')}$${hash}`, // short salt
      `scrypt$32768$8$1$${salt}$${Buffer.alloc(16).toString('base64url')}`, // short key
      `scrypt$32768$8$1$${salt}$${Buffer.alloc(4096).toString('base64url')}`, // huge key
      `scrypt$32768$8$1$${salt}$${hash}`.padEnd(100_000, 'A'),
    ];
    for (const stored of hostile) {
      // refused while parsing, before any key derivation (no timing assertion: the machine is noisy)
      assert.equal(parseStored(stored), null, stored.slice(0, 80));
      assert.equal(await verifyPassword(GOOD, stored), false, stored.slice(0, 80));
      assert.equal(needsRehash(stored), true);
    }
    // Not strings at all (e.g. a null column read without types).
    assert.equal(await verifyPassword(GOOD, null as unknown as string), false);
    assert.equal(await verifyPassword(undefined as unknown as string, 'x'), false);
  });

  it('refuses oversized passwords without hashing them', async () => {
    const huge = 'Aa1!'.repeat(1000);
    await assert.rejects(hashPassword(huge), /密码过长/);
    const stored = storedWith(GOOD, 2 ** 14, 8, 1, Buffer.alloc(16, 9));
    assert.equal(await verifyPassword(huge, stored), false);
  });

  it('fakeVerify always answers false', async () => {
    assert.equal(await fakeVerify(GOOD), false);
  });
});

describe('passwordProblems', () => {
  const user = 'zhangsan';

  it('accepts a good password', () => {
    assert.deepEqual(passwordProblems('Kx7#mPq2vL', user), []);
    assert.deepEqual(passwordProblems('绩效评价2024年度Ok', user), []); // CJK counts as "other"
    assert.deepEqual(passwordProblems('aaa-Bbb-111-ccc', user), []); // runs of 3 are allowed
  });

  it('requires at least 10 characters, counted in code points', () => {
    assert.deepEqual(passwordProblems('Kx7#mPq2v', user), ['密码至少 10 个字符']);
    // 9 code points, 10+ UTF-16 units: still too short.
    assert.deepEqual(passwordProblems('Ab1😀😁😀😁😀😁', user), ['密码至少 10 个字符']);
    assert.deepEqual(passwordProblems('Ab1😀😁😀😁😀😁😀', user), []);
  });

  it('allows at most 128 characters', () => {
    const at = 'Ab1-'.repeat(32);
    assert.equal(Array.from(at).length, 128);
    assert.deepEqual(passwordProblems(at, user), []);
    assert.deepEqual(passwordProblems(at + 'x', user), ['密码不能超过 128 个字符']);
  });

  it('requires 3 of the 4 character classes', () => {
    const msg = '密码须包含大写字母、小写字母、数字、其他符号中的至少 3 类';
    assert.deepEqual(passwordProblems('abcdefghij', user), [msg]);
    assert.deepEqual(passwordProblems('abcdeFGHIJ', user), [msg]);
    assert.deepEqual(passwordProblems('abcde12345', user), [msg]);
    assert.deepEqual(passwordProblems('!@#$%12345', user), [msg]);
    assert.deepEqual(passwordProblems('abcdeFG123', user), []);
    assert.deepEqual(passwordProblems('abcde-_123', user), []);
    assert.deepEqual(passwordProblems('ABCDE-_123', user), []);
    assert.deepEqual(passwordProblems('abcdeFG-_!', user), []);
  });

  it('refuses the username inside the password, ignoring case', () => {
    const msg = '密码不能包含用户名';
    assert.deepEqual(passwordProblems('ZhangSan-2024', user), [msg]);
    assert.deepEqual(passwordProblems('xx-zhangsan-9', 'ZHANGSAN'), [msg]);
    assert.deepEqual(passwordProblems('Kx7#mPq2vL', 'mpq'), [msg]);
    // Usernames shorter than 3 characters are not checked.
    assert.deepEqual(passwordProblems('Kx7#mPq2vL', 'mP'), []);
    assert.deepEqual(passwordProblems('Kx7#mPq2vL', ''), []);
  });

  it('refuses more than 3 identical characters in a row', () => {
    const msg = '同一字符不能连续出现超过 3 次';
    assert.deepEqual(passwordProblems('Kx7#mPPPPq', user), [msg]);
    assert.deepEqual(passwordProblems('1111Kx7#mP', user), [msg]);
    assert.deepEqual(passwordProblems('Kx7#mP😀😀😀😀', user), [msg]);
    assert.deepEqual(passwordProblems('Kx7#mPPPq2', user), []);
    assert.deepEqual(passwordProblems('Kx7#mPpPpq', user), []); // case differs: not identical
  });

  it('lists every broken rule at once', () => {
    assert.deepEqual(passwordProblems('aaaa', 'aaa'), [
      '密码至少 10 个字符',
      '密码须包含大写字母、小写字母、数字、其他符号中的至少 3 类',
      '密码不能包含用户名',
      '同一字符不能连续出现超过 3 次',
    ]);
    assert.equal(passwordProblems('', user).length, 2);
  });

  // An independent statement of the rules, to test the implementation against.
  function breaksARule(pw: string, username: string): boolean {
    const cps = Array.from(pw);
    const classes = [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{Lu}\p{Ll}\p{Nd}]/u].filter((re) =>
      re.test(pw),
    ).length;
    const u = username.trim().toLowerCase();
    const hasRun = cps.some((c, i) => i >= 3 && cps[i - 1] === c && cps[i - 2] === c && cps[i - 3] === c);
    return (
      cps.length < 10 ||
      cps.length > 128 ||
      classes < 3 ||
      (Array.from(u).length >= 3 && pw.toLowerCase().includes(u)) ||
      hasRun
    );
  }

  const alphabet = fc.constantFrom(...Array.from('aAbB1!zZ9 _好😀'));
  const pwArb = fc.oneof(
    fc.array(alphabet, { maxLength: 20 }).map((a) => a.join('')),
    fc.array(alphabet, { minLength: 120, maxLength: 140 }).map((a) => a.join('')),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const userArb = fc.oneof(fc.constantFrom('', 'ab', 'aB1', 'zZ9!', 'admin'), fc.string({ maxLength: 5 }));

  it('gives at least one message whenever a rule is broken, and none otherwise (property)', () => {
    fc.assert(
      fc.property(pwArb, userArb, (pw, username) => {
        const problems = passwordProblems(pw, username);
        assert.equal(problems.length > 0, breaksARule(pw, username));
        for (const p of problems) assert.match(p, /^\p{Script=Han}/u); // a Chinese message
      }),
      { numRuns: 2000 },
    );
  });

  it('gives a message for passwords built to break each rule (property)', () => {
    const tooShort = fc.string({ unit: 'grapheme', maxLength: 9 }).filter((s) => Array.from(s).length < 10);
    const oneClass = fc.stringMatching(/^[a-z]{10,40}$/);
    const withRun = fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('a', 'B', '7', '#', '好'),
        fc.string({ maxLength: 10 }),
      )
      .map(([a, c, b]) => `${a}${c.repeat(4)}${b}`);
    const withName = fc
      .tuple(fc.stringMatching(/^[a-zA-Z]{3,8}$/), fc.string({ maxLength: 10 }))
      .map(([name, rest]) => ({ pw: `Aa1!-${name.toUpperCase()}-${rest}`, name: name.toLowerCase() }));
    fc.assert(fc.property(tooShort, (pw) => passwordProblems(pw, '').length > 0));
    fc.assert(fc.property(oneClass, (pw) => passwordProblems(pw, '').length > 0));
    fc.assert(fc.property(withRun, (pw) => passwordProblems(pw, '').length > 0));
    fc.assert(
      fc.property(withName, ({ pw, name }) => passwordProblems(pw, name).includes('密码不能包含用户名')),
    );
  });
});

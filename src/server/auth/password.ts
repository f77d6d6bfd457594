/**
 * Password storage and password policy (口令策略, 等保 2.0 三级 身份鉴别).
 *
 * Stored form: `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`. Verification reads the
 * parameters from the stored string, so the cost can be raised later without breaking old
 * hashes (see needsRehash), but only within fixed bounds: a hostile or corrupted stored value
 * must not make the server allocate gigabytes or spin for minutes. Malformed values verify as
 * false, never throw.
 *
 * Passwords are NFC-normalised before hashing, so the same password typed through different
 * input methods (输入法) gives the same key.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Current cost parameters for new hashes. 128 · N · r = 32 MiB of memory per hash. */
export const SCRYPT_N = 2 ** 15;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Memory ceiling handed to scrypt; also the bound for parameters read from stored values. */
const MAX_MEM = 64 * 1024 * 1024;

/** Bounds for parameters read back from a stored value. */
const MIN_LOG2_N = 14;
const MAX_LOG2_N = 16;
const MAX_R = 16;
const MAX_P = 4;
const MIN_SALT_BYTES = 16;
const MAX_SALT_BYTES = 64;
const MIN_KEY_BYTES = 32;
const MAX_KEY_BYTES = 64;

/**
 * Longest password accepted for hashing or verification (UTF-16 code units). The policy allows
 * at most 128 characters; this is only a guard against oversized request bodies.
 */
export const MAX_PASSWORD_INPUT = 1024;

/** Policy limits (口令复杂度), counted in Unicode code points. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;
export const PASSWORD_MAX_RUN = 3;
/** The username check applies when the username has at least this many characters. */
const USERNAME_CHECK_MIN = 3;

function deriveKey(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, { N: n, r, p, maxmem: MAX_MEM }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

/** Approximate scrypt memory use as OpenSSL computes it: V (128·r·(N+2)) plus B (128·r·p). */
function scryptMemory(n: number, r: number, p: number): number {
  return 128 * r * (n + 2) + 128 * r * p;
}

/** Hash a password for storage. Rejects passwords longer than MAX_PASSWORD_INPUT. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length > MAX_PASSWORD_INPUT) throw new RangeError('密码过长');
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES);
  return [
    'scrypt',
    String(SCRYPT_N),
    String(SCRYPT_R),
    String(SCRYPT_P),
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const DECIMAL = /^[1-9][0-9]{0,9}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function parseInt10(s: string): number | null {
  return DECIMAL.test(s) ? Number(s) : null;
}

/** Strict base64url: only the alphabet, no padding, and canonical (re-encodes to itself). */
function parseBase64url(s: string): Buffer | null {
  if (!BASE64URL.test(s)) return null;
  const buf = Buffer.from(s, 'base64url');
  return buf.toString('base64url') === s ? buf : null;
}

/** Parse and bound-check a stored value; null when malformed or outside the limits. */
/** The parameters of a stored hash, or null when they are malformed or out of bounds (never reaching scrypt). */
export function parseStored(stored: string): Parsed | null {
  if (stored.length > 512) return null;
  const parts = stored.split('$');
  if (parts.length !== 6) return null;
  const [scheme, nStr, rStr, pStr, saltStr, hashStr] = parts;
  if (scheme !== 'scrypt' || nStr === undefined || rStr === undefined || pStr === undefined) return null;
  if (saltStr === undefined || hashStr === undefined) return null;
  const n = parseInt10(nStr);
  const r = parseInt10(rStr);
  const p = parseInt10(pStr);
  if (n === null || r === null || p === null) return null;
  const log2n = Math.log2(n);
  if (!Number.isInteger(log2n) || log2n < MIN_LOG2_N || log2n > MAX_LOG2_N) return null;
  if (r > MAX_R || p > MAX_P) return null;
  if (scryptMemory(n, r, p) > MAX_MEM) return null;
  const salt = parseBase64url(saltStr);
  const hash = parseBase64url(hashStr);
  if (salt === null || hash === null) return null;
  if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) return null;
  if (hash.length < MIN_KEY_BYTES || hash.length > MAX_KEY_BYTES) return null;
  return { n, r, p, salt, hash };
}

/**
 * Check a password against a stored value. False for a wrong password and for any malformed,
 * unknown or out-of-bounds stored value; never throws.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || typeof stored !== 'string') return false;
  if (password.length > MAX_PASSWORD_INPUT) return false;
  const parsed = parseStored(stored);
  if (parsed === null) return false;
  try {
    const key = await deriveKey(password, parsed.salt, parsed.n, parsed.r, parsed.p, parsed.hash.length);
    return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
  } catch {
    return false;
  }
}

/**
 * True when a stored value is malformed or was made with other than the current parameters, so
 * the service should re-hash the password after the next successful login.
 */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (parsed === null) return true;
  return (
    parsed.n !== SCRYPT_N ||
    parsed.r !== SCRYPT_R ||
    parsed.p !== SCRYPT_P ||
    parsed.salt.length !== SALT_BYTES ||
    parsed.hash.length !== KEY_BYTES
  );
}

/**
 * Spend the same work as a real verification and return false. For logins with an unknown
 * username, so response time does not reveal which usernames exist (防止账户枚举).
 */
export async function fakeVerify(password: string): Promise<false> {
  const input = password.length > MAX_PASSWORD_INPUT ? '' : password;
  try {
    await deriveKey(input, randomBytes(SALT_BYTES), SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES);
  } catch {
    // Nothing to report: the answer is false either way.
  }
  return false;
}

/** Character classes (字符类别): uppercase, lowercase, digits, anything else. */
function classCount(chars: readonly string[]): number {
  let upper = false;
  let lower = false;
  let digit = false;
  let other = false;
  for (const c of chars) {
    if (/^\p{Lu}$/u.test(c)) upper = true;
    else if (/^\p{Ll}$/u.test(c)) lower = true;
    else if (/^\p{Nd}$/u.test(c)) digit = true;
    else other = true;
  }
  return Number(upper) + Number(lower) + Number(digit) + Number(other);
}

function longestRun(chars: readonly string[]): number {
  let longest = 0;
  let run = 0;
  let prev: string | undefined;
  for (const c of chars) {
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * Every password rule the password breaks, as Chinese messages for the user; empty when the
 * password is acceptable. Lengths count Unicode code points, not UTF-16 units.
 */
export function passwordProblems(password: string, username: string): string[] {
  const chars = Array.from(password);
  const problems: string[] = [];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  if (classCount(chars) < PASSWORD_MIN_CLASSES) {
    problems.push(`密码须包含大写字母、小写字母、数字、其他符号中的至少 ${PASSWORD_MIN_CLASSES} 类`);
  }
  const name = username.trim().toLowerCase();
  if (Array.from(name).length >= USERNAME_CHECK_MIN && password.toLowerCase().includes(name)) {
    problems.push('密码不能包含用户名');
  }
  if (longestRun(chars) > PASSWORD_MAX_RUN) {
    problems.push(`同一字符不能连续出现超过 ${PASSWORD_MAX_RUN} 次`);
  }
  return problems;
}

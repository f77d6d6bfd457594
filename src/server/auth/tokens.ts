/**
 * Session and one-time tokens (会话令牌). A token is handed to the client once; the server keeps
 * only its SHA-256 hash, so a leaked sessions table does not give working sessions.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes in a token: 256 bits. */
export const TOKEN_BYTES = 32;
/** Length of a token as text: 32 bytes in unpadded base64url. */
export const TOKEN_LENGTH = 43;

/** A new random token: 32 bytes from the CSPRNG, base64url without padding. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** SHA-256 of the token's UTF-8 bytes, lowercase hex: the form kept in storage. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time string equality. Both sides are hashed to fixed-length digests first, so the
 * comparison neither throws on different lengths nor stops early at the first differing byte.
 */
export function sameToken(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

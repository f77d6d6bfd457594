import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TOKEN_LENGTH, newToken, sameToken, tokenHash } from './tokens.ts';

describe('newToken', () => {
  it('gives 32 random bytes as unpadded base64url, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const t = newToken();
      assert.equal(t.length, TOKEN_LENGTH);
      assert.equal(t.length, 43);
      assert.match(t, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(t, 'base64url').length, 32);
      seen.add(t);
    }
    assert.equal(seen.size, 1000);
  });
});

describe('tokenHash', () => {
  it('is SHA-256 hex, stable, and never the token itself', () => {
    // Known answer: SHA-256 of "abc".
    assert.equal(tokenHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const t = newToken();
    assert.equal(tokenHash(t), tokenHash(t));
    assert.match(tokenHash(t), /^[0-9a-f]{64}$/);
    assert.notEqual(tokenHash(t), t);
    assert.notEqual(tokenHash(t), tokenHash(newToken()));
    assert.equal(tokenHash('绩效'), createHash('sha256').update(Buffer.from('绩效', 'utf8')).digest('hex'));
  });
});

describe('sameToken', () => {
  it('compares strings, returning false on any difference including length', () => {
    const t = newToken();
    assert.equal(sameToken(t, t), true);
    assert.equal(sameToken(t, t.slice(0)), true);
    assert.equal(sameToken(t, t.slice(0, -1)), false);
    assert.equal(sameToken(t, `${t}A`), false);
    assert.equal(sameToken('', ''), true);
    assert.equal(sameToken('', 'a'), false);
    assert.equal(sameToken('a', 'b'), false);
    assert.equal(sameToken('é', 'e\u0301'), false);
    assert.equal(sameToken(t, null as unknown as string), false);
  });

  it('agrees with === on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        assert.equal(sameToken(a, b), a === b);
        assert.equal(sameToken(a, a), true);
      }),
    );
  });
});

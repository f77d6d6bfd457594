/**
 * The editor's 元 ⇄ 万元 conversion (web/src/pages/editor/doc.ts): exact by digits, checked against
 * BigInt arithmetic on random amounts, and a round trip gives the amount back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shiftAmount, shiftBudget } from '../../web/src/pages/editor/doc.ts';

/** Cents as a plain decimal string with 2 places (no separators), by BigInt. */
const plain = (cents: bigint): string => {
  const negative = cents < 0n;
  const a = negative ? -cents : cents;
  return `${negative ? '-' : ''}${(a / 100n).toString()}.${(a % 100n).toString().padStart(2, '0')}`;
};
const strip = (s: string): string => s.replaceAll(',', '');

describe('元 ⇄ 万元 in the editor', () => {
  it('known amounts', () => {
    assert.equal(shiftAmount('7,549,890.00', -4), '754.989');
    assert.equal(shiftAmount('754.989', 4), '7,549,890.00');
    assert.equal(shiftAmount('-330,867.00', -4), '-33.0867');
    assert.equal(shiftAmount('33.46', 4), '334,600.00');
    assert.equal(shiftAmount('0.5', -4), '0.00005');
    assert.equal(shiftAmount('0', -4), '0.00');
    assert.equal(shiftAmount('-0.00', 4), '0.00');
    assert.equal(shiftAmount('abc', 4), undefined);
    assert.equal(shiftAmount('', 4), undefined);
  });

  it('万元 → 元 equals × 10,000 and the round trip gives the amount back (random amounts)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (cents) => {
        const yuan = plain(cents);
        const wan = shiftAmount(yuan, -4);
        assert.ok(wan !== undefined);
        const back = shiftAmount(wan, 4);
        assert.equal(strip(back ?? ''), yuan === '-0.00' ? '0.00' : yuan);
        // × 10,000 by BigInt: cents × 10,000 → the same digits
        assert.equal(strip(shiftAmount(yuan, 4) ?? ''), plain(cents * 10000n));
      }),
    );
  });

  it('the whole budget is converted, names left alone', () => {
    const budget = {
      annual: '1,000,000.00',
      executed: 950000,
      basic: { annual: '600,000.00' },
      sources: [{ name: '财政拨款', annual: '1,000,000.00' }],
    };
    assert.deepEqual(shiftBudget(budget, -4), {
      annual: '100.00',
      executed: '95.00',
      basic: { annual: '60.00' },
      sources: [{ name: '财政拨款', annual: '100.00' }],
    });
  });
});

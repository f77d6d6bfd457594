import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  abs,
  add,
  cmp,
  div,
  eq,
  formatAmount,
  formatPercent,
  mul,
  parseDecimal,
  type Rat,
  roundHalfUp,
  roundTruncate,
  sub,
  toExactString,
  toFixed,
  toPlain,
  toRat,
} from './index.ts';

const d = (s: string): Rat => {
  const r = parseDecimal(s);
  assert.ok(r, s);
  return r;
};

describe('decimal', () => {
  it('parses decimals exactly, with thousands separators only in their places', () => {
    assert.equal(toPlain(d('7,202,507.26')), '7202507.26');
    assert.equal(toPlain(d('-0.5')), '-0.5');
    assert.equal(parseDecimal('1,23'), undefined);
    assert.equal(parseDecimal('1e5'), undefined);
    assert.equal(parseDecimal('abc'), undefined);
    assert.equal(parseDecimal(''), undefined);
    assert.equal(toPlain(toRat(0.1) ?? d('9')), '0.1');
    assert.equal(toRat(Number.NaN), undefined);
  });

  it('adds 0.1 + 0.2 to exactly 0.3', () => {
    assert.ok(eq(add(d('0.1'), d('0.2')), d('0.3')));
  });

  it('rounds half-up at .xx5 exactly (1.005 → 1.01, 0.875 → 0.88, −0.125 → −0.13)', () => {
    assert.equal(toFixed(roundHalfUp(d('1.005'), 2), 2), '1.01');
    assert.equal(toFixed(roundHalfUp(d('0.875'), 2), 2), '0.88');
    assert.equal(toFixed(roundHalfUp(d('-0.125'), 2), 2), '-0.13');
    assert.equal(toFixed(roundHalfUp(d('2.697'), 2), 2), '2.70');
  });

  it('rounds a ratio that is exactly a tie only after the single division: 3 × 35 ÷ 120 = 0.875 → 0.88', () => {
    assert.equal(toFixed(roundHalfUp(div(mul(d('3'), d('35')), d('120')), 2), 2), '0.88');
  });

  it('truncates toward zero (9.557 → 9.55)', () => {
    assert.equal(toFixed(roundTruncate(d('9.557'), 2), 2), '9.55');
    assert.equal(toFixed(roundTruncate(div(d('319.8'), d('33.46')), 2), 2), '9.55');
  });

  it('formats amounts and percentages', () => {
    assert.equal(formatAmount(d('7202507.26')), '7,202,507.26');
    assert.equal(formatAmount(d('-1234')), '-1,234.00');
    assert.equal(formatPercent(div(d('7202507.26'), d('7549890'))), '95.40%');
    assert.equal(toExactString(div(d('1'), d('3'))), undefined);
    assert.equal(toExactString(div(d('1'), d('8'))), '0.125');
  });

  it('never divides by zero silently', () => {
    assert.throws(() => div(d('1'), d('0')), /division by zero/);
  });
});

/** Decimals with up to 4 places, generated as integers — never floats. */
const decimal = fc
  .record({ n: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), places: fc.integer({ min: 0, max: 4 }) })
  .map(({ n, places }): Rat => ({ n, d: 10n ** BigInt(places) }));

describe('decimal laws', () => {
  it('half-up at 2 places equals the school rule on the exact digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), (thousandths) => {
        // x = thousandths / 1000; rounding to hundredths looks at the last digit only.
        const x: Rat = { n: thousandths, d: 1000n };
        const mag = thousandths < 0n ? -thousandths : thousandths;
        const expected = mag / 10n + (mag % 10n >= 5n ? 1n : 0n);
        const r = roundHalfUp(x, 2);
        assert.ok(eq(r, { n: thousandths < 0n ? -expected : expected, d: 100n }));
      }),
    );
  });

  it('rounding moves a value by at most half a unit (half-up) or less than a unit toward zero (truncate)', () => {
    fc.assert(
      fc.property(decimal, (x) => {
        const half: Rat = { n: 1n, d: 200n };
        const diff = sub(roundHalfUp(x, 2), x);
        assert.ok(cmp(abs(diff), half) <= 0);
        const t = roundTruncate(x, 2);
        assert.ok(x.n >= 0n ? cmp(t, x) <= 0 : cmp(t, x) >= 0);
      }),
    );
  });

  it('addition and multiplication are exact (a + b − b = a, a × b ÷ b = a)', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        assert.ok(eq(sub(add(a, b), b), a));
        if (b.n !== 0n) assert.ok(eq(div(mul(a, b), b), a));
      }),
    );
  });

  it('toFixed agrees with parse (round trip at the value’s own places)', () => {
    fc.assert(
      fc.property(decimal, (a) => {
        assert.ok(eq(d(toFixed(a, 4)), a));
      }),
    );
  });

  it('plain text reads back to the same value; fixed text is the half-up rounding', () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: 1, max: 40 }), (a, k) => {
        const plain = toPlain(a, 10);
        assert.ok(eq(d(plain), a), plain);
        assert.doesNotMatch(plain, /\.$|\.\d*0$/);
        const third = div(a, { n: BigInt(k), d: 1n });
        assert.ok(eq(d(toFixed(third, 2)), roundHalfUp(third, 2)));
      }),
    );
  });
});

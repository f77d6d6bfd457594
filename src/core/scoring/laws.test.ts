/**
 * Invariants of the scoring methods' raw outputs, over generated inputs. Decimals are generated
 * as integers over powers of ten (never floats), so every case is an exact decimal a user could write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Rat, ZERO, lte, mul, toPlain } from '../decimal/index.ts';
import type { TargetOp } from '../model.ts';
import { band } from './band.ts';
import { deduction } from './deduction.ts';
import { overTarget } from './over-target.ts';
import { proportional } from './proportional.ts';
import { ctx, ok, quantTarget, quantity } from './test-support.ts';
import { tiers } from './tiers.ts';
import type { MethodOutcome } from './types.ts';

/** n ÷ 10^k with n in [min, max], k in [0, places]. */
function decimal(min: number, max: number, places = 4): fc.Arbitrary<Rat> {
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: places }))
    .map(([n, k]) => ({ n: BigInt(n), d: 10n ** BigInt(k) }));
}

const weight = decimal(1, 10_000, 2); // 0.01 … 10000
const positive = decimal(1, 1_000_000);
const nonNegative = decimal(0, 1_000_000);
const share = fc.integer({ min: 0, max: 100 }).map((k): Rat => ({ n: BigInt(k), d: 100n }));
const op = fc.constantFrom<TargetOp>('>=', '<=', '=', '>', '<');

const rawOf = (o: MethodOutcome): Rat => ok(o).raw;
const within = (x: Rat, w: Rat): boolean => lte(ZERO, x) && lte(x, w);

const higherMethods = [
  [
    'proportional',
    (w: Rat, t: Rat, a: Rat) =>
      proportional.score(
        { type: 'proportional' },
        ctx({ weight: w, target: quantTarget('>=', t), actual: quantity(a) }),
      ),
  ],
  [
    'band',
    (w: Rat, t: Rat, a: Rat) =>
      band.score({ type: 'band' }, ctx({ weight: w, target: quantTarget('>=', t), actual: quantity(a) })),
  ],
] as const;

for (const [name, score] of higherMethods) {
  test(`${name}: raw within [0, w] and non-decreasing in the actual (higher is better)`, () => {
    fc.assert(
      fc.property(weight, positive, nonNegative, nonNegative, (w, t, a1, a2) => {
        const [lo, hi] = lte(a1, a2) ? [a1, a2] : [a2, a1];
        const rLo = rawOf(score(w, t, lo));
        const rHi = rawOf(score(w, t, hi));
        assert.ok(within(rLo, w) && within(rHi, w), `out of [0, ${toPlain(w)}]`);
        assert.ok(lte(rLo, rHi), `not monotonic: ${toPlain(rLo)} > ${toPlain(rHi)}`);
      }),
    );
  });
}

test('band: raw within [0, w] for any floor below 100%', () => {
  const floor = fc.integer({ min: 0, max: 99 }).map((k) => `${k}%`);
  fc.assert(
    fc.property(weight, positive, nonNegative, floor, (w, t, a, f) => {
      const raw = rawOf(
        band.score(
          { type: 'band', floor: f },
          ctx({ weight: w, target: quantTarget('>=', t), actual: quantity(a) }),
        ),
      );
      assert.ok(within(raw, w));
    }),
  );
});

test('deduction: raw within [0, w] for any target, basis and unit', () => {
  const basis = fc.constantFrom<'shortfall' | 'count' | undefined>('shortfall', 'count', undefined);
  const percent = fc.boolean();
  fc.assert(
    fc.property(
      weight,
      op,
      nonNegative,
      nonNegative,
      decimal(0, 1000, 2),
      positive,
      basis,
      percent,
      (w, o, t, a, per, unit, b, pc) => {
        const out = deduction.score(
          { type: 'deduction', perUnit: toPlain(per), unitSize: toPlain(unit), basis: b },
          ctx({ weight: w, target: quantTarget(o, t, pc), actual: quantity(a, pc) }),
        );
        assert.ok(within(rawOf(out), w));
      },
    ),
  );
});

test('tiers: raw within [0, w] when tier scores and shares are within the weight', () => {
  const tier = fc.record({ min: fc.integer({ min: 0, max: 150 }), part: share, fixed: fc.boolean() });
  fc.assert(
    fc.property(
      weight,
      fc.array(tier, { minLength: 1, maxLength: 6 }),
      decimal(0, 20_000, 2),
      (w, ts, pctValue) => {
        const params = {
          type: 'tiers' as const,
          tiers: ts.map((x) =>
            x.fixed
              ? { min: `${x.min}%`, score: toPlain(mul(w, x.part)) }
              : { min: `${x.min}%`, share: toPlain(x.part) },
          ),
        };
        const actual = quantity({ n: pctValue.n, d: pctValue.d * 100n }, true);
        assert.ok(within(rawOf(tiers.score(params, ctx({ weight: w, actual }))), w));
      },
    ),
  );
});

test('over-target: raw within [0, w]', () => {
  const step = fc.record({ over: share, deduct: decimal(0, 1000, 2) });
  fc.assert(
    fc.property(
      weight,
      positive,
      nonNegative,
      fc.array(step, { minLength: 1, maxLength: 4 }),
      (w, t, a, steps) => {
        const params = {
          type: 'over-target' as const,
          direction: 'both' as const,
          steps: steps.map((s) => ({ over: toPlain(s.over), deduct: toPlain(s.deduct) })),
        };
        assert.ok(
          within(
            rawOf(
              overTarget.score(params, ctx({ weight: w, target: quantTarget('>=', t), actual: quantity(a) })),
            ),
            w,
          ),
        );
      },
    ),
  );
});

import { HUNDRED, ONE, ZERO, type Rat, abs, div, eq, gt, isNegative, mul, sub } from '../decimal/index.ts';
import {
  type Text,
  type Quant,
  type QuantTarget,
  dec,
  isProblem,
  needActual,
  needTarget,
  problem,
  targetMet,
  WRITTEN,
} from './support.ts';
import type { MethodOutcome, ScoringMethod } from './types.ts';

/**
 * 扣分: start at the weight and deduct perUnit per unit, never below 0.
 * basis 'shortfall' (default): units = distance by which the actual misses the target (0 when
 * met) ÷ unitSize; percentage targets count the distance in percentage points, so "每少 1 个百分点
 * 扣 0.5 分" is perUnit 0.5 with the default unitSize 1. The division is exact: a partial unit
 * deducts proportionally. basis 'count': the actual is a number of violations (unitSize unused).
 */
export const deduction: ScoringMethod<'deduction'> = {
  type: 'deduction',
  label: '扣分',
  score(params, ctx) {
    const { num } = ctx.text;
    const perUnit = dec(params.perUnit);
    const actual = needActual(ctx);
    if (isProblem(actual)) return actual;
    if (params.basis === 'count') {
      if (isNegative(actual.value)) return problem('negative-count', `违规次数“${actual.text}”不能为负数`);
      return deduct(
        ctx.weight,
        perUnit,
        actual.value,
        num(actual.value),
        `问题/违规数 ${actual.text}，每项扣 ${num(perUnit)} 分，`,
        ctx.text,
      );
    }
    const target = needTarget(ctx);
    if (isProblem(target)) return target;
    const unitSize = params.unitSize === undefined ? ONE : dec(params.unitSize);
    if (!gt(unitSize, ZERO))
      return problem('bad-parameter', `扣分单位 unitSize 必须大于 0（现为 ${WRITTEN.num(unitSize)}）`);
    const lead = `指标值 ${target.text}，完成值 ${actual.text}，`;
    const short = shortfall(target, actual);
    if (short === undefined)
      return {
        ok: true,
        raw: ctx.weight,
        note: `${lead}达标，不扣分，`,
        formula: `得满分 ${num(ctx.weight)}`,
      };
    const per = eq(unitSize, ONE) ? num(short) : `${num(short)} ÷ ${num(unitSize)}`;
    const what = target.percent ? ' 个百分点' : (actual.unit ?? '');
    return deduct(
      ctx.weight,
      perUnit,
      div(short, unitSize),
      per,
      `${lead}差 ${num(short)}${what}，`,
      ctx.text,
    );
  },
};

/** Distance from the target in the direction that misses it; undefined when met. */
function shortfall(target: QuantTarget, actual: Quant): Rat | undefined {
  if (targetMet(target, actual.value)) return undefined;
  const max = target.op === 'range' ? target.max : undefined;
  const d =
    max !== undefined && gt(actual.value, max)
      ? sub(actual.value, max)
      : abs(sub(target.value, actual.value));
  return target.percent ? mul(d, HUNDRED) : d;
}

function deduct(
  weight: Rat,
  perUnit: Rat,
  units: Rat,
  unitsText: string,
  note: string,
  { num }: Text,
): MethodOutcome {
  const lost = mul(perUnit, units);
  const formula = `${num(weight)} − ${num(perUnit)} × ${unitsText}`;
  if (gt(lost, weight)) {
    return { ok: true, raw: ZERO, note: `${note}${formula} < 0，扣完为止，`, formula: '得 0 分' };
  }
  return { ok: true, raw: sub(weight, lost), note, formula };
}

import { ZERO, add } from '../decimal/index.ts';
import { dec } from './support.ts';
import type { ScoringMethod } from './types.ts';

/**
 * 要素: Σ points of the elements met. A sum above the weight is returned as is: the engine
 * clamps it and the audit reports it (elements-exceed-weight).
 */
export const elements: ScoringMethod<'elements'> = {
  type: 'elements',
  label: '要素',
  score(params, ctx) {
    const { num } = ctx.text;
    const list = (met: boolean) =>
      params.elements.filter((e) => e.met === met).map((e) => ({ name: e.name, points: dec(e.points) }));
    const met = list(true);
    const missed = list(false);
    const raw = met.reduce((acc, e) => add(acc, e.points), ZERO);
    const named = (xs: typeof met) => xs.map((e) => `${e.name}（${num(e.points)}分）`).join('、');
    const parts = [
      met.length > 0 ? `达成：${named(met)}` : '未达成任何要素',
      ...(missed.length > 0 ? [`未达成：${named(missed)}`] : []),
    ];
    return {
      ok: true,
      raw,
      note: `${parts.join('；')}；`,
      formula: met.length > 1 ? met.map((e) => num(e.points)).join(' + ') : `得 ${num(raw)} 分`,
    };
  },
};

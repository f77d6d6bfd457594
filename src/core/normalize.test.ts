import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xuanjiao } from '../../test/fixtures.ts';
import { toPlain } from './decimal/index.ts';
import { InputError, MAX_NESTING, parseEvaluation } from './normalize.ts';
import { parseTarget } from './quantity.ts';

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseEvaluation(input);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e.issues;
  }
  assert.fail('expected an InputError');
}

function mutate(f: (x: ReturnType<typeof xuanjiao>) => unknown): ReturnType<typeof xuanjiao> {
  const x = xuanjiao();
  f(x);
  return x;
}

describe('normalize', () => {
  it('accepts amounts in 元 or 万元, per file or per field, and keeps them exact in 元', () => {
    const ev = parseEvaluation(
      mutate((x) => {
        x.budget = {
          annual: '33.46',
          executed: '319,800.00元',
          received: { value: '33.46', unit: '万元' },
          adjustment: -1.5,
        };
      }),
    );
    assert.equal(toPlain(ev.budget.annual ?? { n: 0n, d: 1n }), '334600');
    assert.equal(toPlain(ev.budget.executed ?? { n: 0n, d: 1n }), '319800');
    assert.equal(toPlain(ev.budget.received ?? { n: 0n, d: 1n }), '334600');
    assert.equal(toPlain(ev.budget.adjustment ?? { n: 0n, d: 1n }), '-15000');
  });

  it('generates codes, levels and paths', () => {
    const ev = parseEvaluation(
      mutate((x) => {
        for (const n of x.indicators) delete n.code;
      }),
    );
    assert.equal(ev.indicators[0]?.code, '1');
    assert.equal(ev.indicators[0]?.children[0]?.code, 'C1');
    assert.equal(ev.indicators[0]?.children[0]?.children[1]?.level, 3);
    assert.equal(ev.indicators[0]?.children[0]?.children[1]?.path, 'indicators[0].children[0].children[1]');
  });

  type Mutation = (x: ReturnType<typeof xuanjiao>) => unknown;
  const cases: [string, Mutation, string, RegExp][] = [
    [
      'a weight that is not a number',
      (x) => ((x.indicators[1] as { weight: unknown }).weight = 'abc'),
      'indicators[1].weight',
      /应为数字/,
    ],
    ['a negative amount', (x) => (x.budget = { annual: -5 }), 'budget.annual', /不能为负数/],
    [
      'a non-numeric amount',
      (x) => (x.budget = { executed: '很多' }),
      'budget.executed',
      /不是数字|单位不明确/,
    ],
    [
      '“33.46万” where the unit is ambiguous',
      (x) => (x.budget = { annual: '33.46万' }),
      'budget.annual',
      /单位不明确/,
    ],
    [
      'an unknown method',
      (x) => ((x.indicators[1]?.children?.[0] as { method: unknown }).method = { type: 'magic' }),
      'indicators[1].children[0].method.type',
      /未知的评分方法/,
    ],
    [
      'children’s weights not matching the parent',
      (x) => (x.indicators[0]!.weight = 12),
      'indicators[0].weight',
      /与下级指标权重之和 10 不一致/,
    ],
    ['a missing field', (x) => delete (x as { fiscalYear?: number }).fiscalYear, 'fiscalYear', /.+/],
    ['a duplicate code', (x) => (x.indicators[1]!.code = 'C'), 'indicators[1].code', /重复/],
    [
      'a manual score without a reason',
      (x) => (x.indicators[1]!.children![0]!.method = { type: 'manual', score: 1, reason: '' }),
      'indicators[1].children[0].method.reason',
      /理由/,
    ],
    [
      'a manual score above the weight',
      (x) => (x.indicators[1]!.children![0]!.method = { type: 'manual', score: 91, reason: '多' }),
      'indicators[1].children[0].method.score',
      /超过权重/,
    ],
    [
      'a leaf without a method',
      (x) => delete x.indicators[1]!.children![0]!.method,
      'indicators[1].children[0].method',
      /缺少评分方法/,
    ],
    [
      'an over-target reference to nothing',
      (x) =>
        (x.indicators[1]!.children![0]!.method = {
          type: 'over-target',
          refs: ['Z9'],
          steps: [{ over: '50%', deduct: 1 }],
        }),
      'indicators[1].children[0].method.refs[0]',
      /不存在/,
    ],
    ['an unknown field', (x) => ((x as Record<string, unknown>).weigth = 1), '（根）', /.+/],
  ];
  for (const [what, f, path, message] of cases) {
    it(`rejects ${what}, naming ${path}`, () => {
      const issues = issuesOf(mutate(f));
      const hit = issues.find((i) => i.path === path);
      assert.ok(hit, `no issue at ${path}: ${JSON.stringify(issues)}`);
      assert.match(hit.message, message);
    });
  }

  it('collects every issue at once', () => {
    const issues = issuesOf(
      mutate((x) => {
        x.budget = { annual: '33.46万', executed: -1 };
        x.indicators[0]!.weight = 99;
      }),
    );
    assert.ok(issues.length >= 3, JSON.stringify(issues));
  });
});

describe('targets', () => {
  it('reads operators, units, percentages, ranges and qualitative texts', () => {
    const t = parseTarget('≥2000人');
    assert.ok(t.kind === 'quantity' && t.op === '>=' && toPlain(t.value) === '2000' && t.unit === '人');
    const p = parseTarget('≤115%');
    assert.ok(p.kind === 'quantity' && p.op === '<=' && p.percent && toPlain(p.value) === '1.15');
    const r = parseTarget('80%-100%');
    assert.ok(
      r.kind === 'quantity' &&
        r.op === 'range' &&
        toPlain(r.value) === '0.8' &&
        r.max &&
        toPlain(r.max) === '1',
    );
    assert.equal(parseTarget('有效提升').kind, 'text');
    assert.equal(parseTarget('≥全县财政供养人员5538人').kind, 'text');
    const bare = parseTarget('900条');
    assert.ok(bare.kind === 'quantity' && bare.op === '>=');
  });
});

describe('nesting', () => {
  it('a file nested deeper than MAX_NESTING is an input error at its path, not a stack overflow', () => {
    let node: unknown = { code: 'Y', name: 'y', weight: 1 };
    for (let i = 0; i < 20_000; i++) node = { code: `X${String(i)}`, name: 'x', weight: 1, children: [node] };
    const issues = issuesOf({ ...xuanjiao(), indicators: [node] });
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', new RegExp(`嵌套超过 ${String(MAX_NESTING)} 层`));
    assert.match(issues[0]?.path ?? '', /^indicators\[0\]\.children\[0\]/);
  });

  it('an ordinary indicator tree is far from the limit', () => {
    assert.doesNotThrow(() => parseEvaluation(xuanjiao()));
  });
});

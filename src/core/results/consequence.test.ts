import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lte, parseDecimal, roundHalfUp } from '../decimal/index.ts';
import {
  DEFAULT_CONSEQUENCE_RULE,
  budgetConsequence,
  consequenceText,
  consequenceToJson,
  ruleText,
} from './consequence.ts';
import { parseConsequenceRule } from './rule.ts';

const yuan = (s: string) => {
  const r = parseDecimal(s);
  if (!r) throw new Error(s);
  return r;
};

test('中 under the default rule: −10% to −30% of the budget, quoted', () => {
  const c = budgetConsequence(DEFAULT_CONSEQUENCE_RULE, '中', yuan('7549890.00'));
  assert.ok(c.ok);
  const j = consequenceToJson(c);
  assert.equal(j['highest'], '6794901.00');
  assert.equal(j['lowest'], '5284923.00');
  assert.equal(c.quote, '中：下一年度预算调减 10% 至 30%');
  assert.equal(
    consequenceText(c),
    '评价等级为中，按规则“中：下一年度预算调减 10% 至 30%”，以本年度预算 7,549,890.00 元计，下一年度预算为 5,284,923.00 元至 6,794,901.00 元。',
  );
});

test('优 and 良: unchanged; 差: 30% or more, down to nothing', () => {
  const good = budgetConsequence(DEFAULT_CONSEQUENCE_RULE, '良', yuan('334600'));
  assert.ok(good.ok);
  assert.deepEqual(
    [consequenceToJson(good)['lowest'], consequenceToJson(good)['highest']],
    ['334600.00', '334600.00'],
  );
  assert.equal(good.quote, '良：下一年度预算不调整');
  const bad = budgetConsequence(DEFAULT_CONSEQUENCE_RULE, '差', yuan('334600'));
  assert.ok(bad.ok);
  assert.deepEqual(
    [consequenceToJson(bad)['lowest'], consequenceToJson(bad)['highest']],
    ['0.00', '234220.00'],
  );
  assert.equal(bad.quote, '差：下一年度预算调减 30% 以上');
});

test('amounts are exact and rounded half-up to 2 places', () => {
  // 0.05 × 0.85 = 0.0425 → 0.04; 0.15 × 0.85 = 0.1275 → 0.13 (half-up, not banker's)
  const rule = { bands: [{ grade: '中', minCut: '15', maxCut: '15' }] };
  const a = budgetConsequence(rule, '中', yuan('0.15'));
  assert.ok(a.ok);
  assert.equal(consequenceToJson(a)['highest'], '0.13');
  const b = budgetConsequence(
    { bands: [{ grade: '中', minCut: '12.5', maxCut: '12.5' }] },
    '中',
    yuan('0.01'),
  );
  assert.ok(b.ok);
  assert.equal(consequenceToJson(b)['highest'], '0.01'); // 0.00875 → 0.01
});

test('a grade the rule does not name, or a negative budget, is a value with a code', () => {
  assert.deepEqual(budgetConsequence(DEFAULT_CONSEQUENCE_RULE, '较好', yuan('1')), {
    ok: false,
    code: 'grade-not-in-rule',
    grade: '较好',
  });
  assert.equal(budgetConsequence(DEFAULT_CONSEQUENCE_RULE, '中', yuan('-1')).ok, false);
});

test('the range never widens: lowest ≤ highest ≤ budget for every band of the default rule', () => {
  for (const budget of ['0', '0.01', '1', '99999999.99', '12345.675']) {
    for (const band of DEFAULT_CONSEQUENCE_RULE.bands) {
      const c = budgetConsequence(DEFAULT_CONSEQUENCE_RULE, band.grade, yuan(budget));
      assert.ok(c.ok);
      assert.ok(lte(c.lowest, c.highest));
      assert.ok(lte(c.highest, roundHalfUp(yuan(budget), 2)));
    }
  }
});

test('the rule in words', () => {
  assert.equal(
    ruleText(DEFAULT_CONSEQUENCE_RULE),
    '优：下一年度预算不调整；良：下一年度预算不调整；中：下一年度预算调减 10% 至 30%；差：下一年度预算调减 30% 以上',
  );
});

test('reading a rule: each problem names its field', () => {
  const ok = parseConsequenceRule({ bands: [{ grade: '中', minCut: 10, maxCut: '30', note: '约谈' }] });
  assert.deepEqual(ok, {
    ok: true,
    rule: { bands: [{ grade: '中', minCut: '10', maxCut: '30', note: '约谈' }] },
  });
  const bad = parseConsequenceRule({
    bands: [
      { grade: '中', minCut: '40', maxCut: '30' },
      { grade: '', minCut: 'x', maxCut: 120 },
      { grade: '中', minCut: '0', maxCut: null },
    ],
  });
  assert.equal(bad.ok, false);
  if (!bad.ok)
    assert.deepEqual(
      bad.issues.map((i) => i.path),
      ['bands[0].maxCut', 'bands[1].grade', 'bands[1].minCut', 'bands[1].maxCut', 'bands[2].grade'],
    );
  assert.deepEqual(parseConsequenceRule({}), {
    ok: false,
    issues: [{ path: 'bands', message: '应为等级规则的列表' }],
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreEvaluation } from '../engine.ts';
import { parseEvaluation } from '../normalize.ts';
import { findTemplate } from '../templates/index.ts';
import { toPlain } from '../decimal/index.ts';
import { readDefinition } from './definition.ts';
import { feedEvaluation, feedableIndicators } from './feed.ts';
import { surveyResults } from './results.ts';
import { SurveyInputError } from './types.ts';

const build = (id: string): unknown => findTemplate(id)?.build({ unitName: '测试单位', fiscalYear: 2024 });
const def = readDefinition({ name: '服务对象满意度调查', questions: ['服务态度', '办事效率'] });
// q1: 45/6/1/0 → 92.788…%; q2: 43/7/1/1 → 89.903…%; overall 95/104 = 91.35%
const results = surveyResults(def, { q1: [45, 6, 1, 0], q2: [43, 7, 1, 1] });
const leaf = (doc: unknown, code: string) => {
  const r = scoreEvaluation(parseEvaluation(doc));
  const walk = (ns: typeof r.roots): (typeof r.roots)[number] | undefined =>
    ns.map((n) => (n.node.code === code ? n : walk(n.children))).find((n) => n !== undefined);
  const n = walk(r.roots);
  assert.ok(n, code);
  return n;
};

test('a likert indicator scores the survey mean exactly: 5 × 95/104', () => {
  const doc = build('nanchang-2018-department');
  assert.deepEqual(feedableIndicators(doc), [{ code: 'B33', name: '社会公众满意度', method: 'likert' }]);
  const out = feedEvaluation(doc, {
    surveyId: 'survey-1',
    def,
    results,
    respondents: 52,
    indicators: [{ code: 'B33' }],
  });
  assert.equal(out.fed[0]?.method, 'likert');
  const surveys = out.document['surveys'] as {
    id: string;
    questions: { counts: Record<string, number> }[];
  }[];
  assert.equal(surveys.at(-1)?.id, 'survey-1');
  assert.deepEqual(surveys.at(-1)?.questions[0]?.counts, { 非常满意: 45, 满意: 6, 一般: 1, 不满意: 0 });
  // 5 × 95/104 = 4.5673… → 4.57
  assert.equal(toPlain(leaf(out.document, 'B33').score, 2), '4.57');
  // the original document is untouched
  assert.equal((doc as { surveys?: unknown }).surveys, undefined);
});

test('a likert indicator fed one question takes that question’s 得分率', () => {
  const out = feedEvaluation(build('nanchang-2018-department'), {
    surveyId: 'survey-1',
    def,
    results,
    respondents: 52,
    indicators: [{ code: 'B33', question: 'q2' }],
  });
  // 5 × 46.75/52 = 4.4951… → 4.50
  assert.equal(toPlain(leaf(out.document, 'B33').score, 2), '4.5');
});

test('a tiers indicator gets the overall satisfaction as its 完成值 (91.35% reaches the ≥90% tier)', () => {
  const out = feedEvaluation(build('nanchang-2023-department'), {
    surveyId: 'survey-9',
    def,
    results,
    respondents: 52,
    indicators: [{ code: 'D4' }],
  });
  assert.equal(out.fed[0]?.value, '91.35%');
  const n = leaf(out.document, 'D4');
  assert.equal(toPlain(n.score), toPlain(n.effectiveWeight));
  // fed again: the survey is replaced, not added twice
  const again = feedEvaluation(out.document, {
    surveyId: 'survey-9',
    def,
    results,
    respondents: 52,
    indicators: [{ code: 'D4' }],
  });
  assert.equal((again.document['surveys'] as { id: string }[]).filter((s) => s.id === 'survey-9').length, 1);
});

test('refused: unknown indicator, wrong method, unanswered questionnaire', () => {
  const doc = build('nanchang-2023-department');
  const fail = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof SurveyInputError);
      return e.issues.map((i) => i.message);
    }
    return assert.fail('not refused');
  };
  const base = { surveyId: 's', def, results, respondents: 1 };
  assert.deepEqual(
    fail(() => feedEvaluation(doc, { ...base, indicators: [{ code: 'Z9' }] })),
    ['评价中没有末级指标“Z9”'],
  );
  assert.match(
    fail(() => feedEvaluation(doc, { ...base, indicators: [{ code: 'A1' }] }))[0] ?? '',
    /不是问卷得分率/,
  );
  assert.deepEqual(
    fail(() =>
      feedEvaluation(doc, { ...base, results: surveyResults(def, {}), indicators: [{ code: 'D4' }] }),
    ),
    ['尚无答卷，无法应用到评价'],
  );
});

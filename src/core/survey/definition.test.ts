import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAnswers, readDefinition, readPaperCounts } from './definition.ts';
import { SurveyInputError } from './types.ts';

const issues = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SurveyInputError) return e.issues.map((i) => `${i.path}：${i.message}`);
    throw e;
  }
  assert.fail('expected a SurveyInputError');
};

test('a definition: default four levels, questions numbered q1…', () => {
  const def = readDefinition({ name: ' 会员满意度调查 ', questions: ['服务态度', { text: '活动组织' }] });
  assert.equal(def.name, '会员满意度调查');
  assert.deepEqual(
    def.levels.map((l) => `${l.label}${l.weight}`),
    ['非常满意1', '满意0.5', '一般0.25', '不满意0'],
  );
  assert.deepEqual(def.questions, [
    { id: 'q1', text: '服务态度' },
    { id: 'q2', text: '活动组织' },
  ]);
});

test('a bad definition names every field in Chinese', () => {
  const got = issues(() =>
    readDefinition({
      name: '',
      levels: [
        { label: '好', weight: '1.5' },
        { label: '好', weight: 0 },
      ],
      questions: [],
    }),
  );
  assert.deepEqual(got, [
    'name：不能为空',
    'levels[0].weight：权重应为 0 至 1 之间的数',
    'levels[1].label：答案等级“好”重复',
    'questions：应为 1 至 100 道题',
  ]);
});

const def = readDefinition({ name: '问卷', questions: ['一', '二'] });

test('answers: every question with one of the levels', () => {
  assert.deepEqual(readAnswers(def, { answers: { q1: '满意', q2: '一般' } }), { q1: '满意', q2: '一般' });
  assert.deepEqual(
    issues(() => readAnswers(def, { answers: { q1: '还行', q3: '满意' } })),
    [
      'answers.q1：应为 非常满意、满意、一般、不满意 之一',
      'answers.q2：第 2 题未作答',
      'answers.q3：没有这道题',
    ],
  );
  assert.deepEqual(
    issues(() => readAnswers(def, {})),
    ['answers：缺少答案'],
  );
});

test('paper counts: per question and level label, whole numbers', () => {
  assert.deepEqual(readPaperCounts(def, { counts: { q1: { 非常满意: 3, 不满意: 1 }, q2: {} } }), {
    q1: [3, 0, 0, 1],
    q2: [0, 0, 0, 0],
  });
  assert.deepEqual(
    issues(() => readPaperCounts(def, { counts: { q1: { 满意: -1, 很好: 2 } } })),
    [
      'counts.q1.满意：应为 0 至 1000000 的整数',
      'counts.q1.很好：没有这个答案等级',
      'counts.q2：缺少本题各等级的份数',
    ],
  );
});

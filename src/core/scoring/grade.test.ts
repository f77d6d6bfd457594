import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grade } from './grade.ts';
import { ctx, explain, failed, raw } from './test-support.ts';

const c = ctx({ weight: '5' });

test('101号 default levels: a score within the level’s range', () => {
  const out = grade.score({ type: 'grade', level: '基本达成', score: '4.5' }, c);
  assert.equal(raw(out), '4.5');
  assert.equal(explain(out), '评价等级“基本达成”（4–5 分），得 4.5 分');
  assert.equal(raw(grade.score({ type: 'grade', level: '部分实现', score: 4 }, c)), '4'); // shared boundary
  assert.equal(raw(grade.score({ type: 'grade', level: '实现程度较低', score: 0 }, c)), '0');
});

test('a score outside the level’s range is a problem with a clear message', () => {
  const p = failed(grade.score({ type: 'grade', level: '部分实现', score: '4.5' }, c));
  assert.equal(p.code, 'grade-score-out-of-range');
  assert.equal(p.message, '得分 4.5 不在评价等级“部分实现”的区间 3–4 分内');
  assert.equal(failed(grade.score({ type: 'grade', level: '基本达成' }, c)).code, 'grade-score-missing');
});

const fourLevels = [
  { label: '优', share: '100%' },
  { label: '良', share: '80%' },
  { label: '中', share: 0.6 },
  { label: '差', share: 0 },
];

test('fixed-share levels', () => {
  const out = grade.score({ type: 'grade', levels: fourLevels, level: '良' }, c);
  assert.equal(raw(out), '4');
  assert.equal(explain(out), '评价等级“良”，5 × 80%');
  assert.equal(raw(grade.score({ type: 'grade', levels: fourLevels, level: '良', score: 4 }, c)), '4');
  assert.equal(
    failed(grade.score({ type: 'grade', levels: fourLevels, level: '良', score: 3 }, c)).code,
    'grade-score-mismatch',
  );
});

test('unknown or undefined level', () => {
  const p = failed(grade.score({ type: 'grade', level: '较好' }, c));
  assert.equal(p.code, 'unknown-grade');
  assert.match(p.message, /基本达成、部分实现、实现程度较低/);
  assert.equal(
    failed(grade.score({ type: 'grade', levels: [{ label: '好' }], level: '好', score: 1 }, c)).code,
    'grade-level-undefined',
  );
});

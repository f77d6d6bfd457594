import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftsFromEvaluation, readItemFields } from './items.ts';

test('each problem becomes a draft answered by the suggestion at its place; leftovers stand alone', () => {
  const drafts = draftsFromEvaluation({
    problems: [{ text: '绩效目标设置偏低' }],
    suggestions: [{ text: '科学设定绩效目标' }, { text: '加强预算执行管理' }],
  });
  assert.deepEqual(drafts, [
    { source: 'problem:0', text: '科学设定绩效目标', problem: '绩效目标设置偏低' },
    { source: 'suggestion:1', text: '加强预算执行管理', problem: '' },
  ]);
  assert.deepEqual(draftsFromEvaluation({ problems: [{ text: '问题' }], suggestions: [] }), [
    { source: 'problem:0', text: '针对“问题”进行整改', problem: '问题' },
  ]);
});

test('reading fields: trimmed text, real dates, known states; problems name their field', () => {
  assert.deepEqual(readItemFields({ text: ' 整改 ', deadline: '2024-06-30', state: 'done' }, ['text']), {
    ok: true,
    change: { text: '整改', deadline: '2024-06-30', state: 'done' },
  });
  const bad = readItemFields({ text: ' ', deadline: '2024-13-01', state: '完成', colour: 1 }, [
    'text',
    'deadline',
  ]);
  assert.equal(bad.ok, false);
  if (!bad.ok)
    assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['colour', 'deadline', 'state', 'text']);
  const missing = readItemFields({}, ['text', 'deadline']);
  assert.equal(missing.ok, false);
  if (!missing.ok)
    assert.deepEqual(
      missing.issues.map((i) => i.path),
      ['text', 'deadline'],
    );
});

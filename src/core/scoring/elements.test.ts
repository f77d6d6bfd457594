import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elements } from './elements.ts';
import { ctx, explain, raw } from './test-support.ts';

const c = ctx({ weight: '3' });

test('seed 002 A32 项目支出预算合理性: 1 + 1 + 1', () => {
  const out = elements.score(
    {
      type: 'elements',
      elements: [
        { name: '预算程序合理', points: 1, met: true },
        { name: '预算依据充分', points: 1, met: true },
        { name: '符合资金使用范围', points: 1, met: true },
      ],
    },
    c,
  );
  assert.equal(raw(out), '3');
  assert.equal(
    explain(out),
    '达成：预算程序合理（1分）、预算依据充分（1分）、符合资金使用范围（1分）；1 + 1 + 1',
  );
});

test('missed elements earn nothing and are named', () => {
  const out = elements.score(
    {
      type: 'elements',
      elements: [
        { name: '制度健全', points: '1.5', met: true },
        { name: '执行有效', points: '0.5', met: false },
      ],
    },
    c,
  );
  assert.equal(raw(out), '1.5');
  assert.equal(explain(out), '达成：制度健全（1.5分）；未达成：执行有效（0.5分）；得 1.5 分');
});

test('nothing met → 0; a sum above the weight is returned unclamped', () => {
  assert.equal(
    raw(elements.score({ type: 'elements', elements: [{ name: 'a', points: 2, met: false }] }, c)),
    '0',
  );
  const over = elements.score(
    {
      type: 'elements',
      elements: [
        { name: 'a', points: 2, met: true },
        { name: 'b', points: 2, met: true },
      ],
    },
    c,
  );
  assert.equal(raw(over), '4');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointWidth, displayWidth, renderTable } from '../../src/cli/table.ts';

void test('CJK ideographs, fullwidth punctuation and kana are two columns wide', () => {
  assert.equal(displayWidth('预算执行率'), 10);
  assert.equal(displayWidth('（一）'), 6);
  assert.equal(displayWidth('，：'), 4);
  assert.equal(displayWidth('カナ'), 4);
  assert.equal(displayWidth('𠀋'), 2); // CJK Extension B, outside the BMP
});

void test('ASCII, ambiguous-width symbols and combining marks', () => {
  assert.equal(displayWidth('A11 95.35%'), 10);
  assert.equal(displayWidth('≥—×'), 3);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(codePointWidth(0x0a), 0);
});

void test('columns line up by display width; right alignment for numbers', () => {
  const out = renderTable(
    ['代码', '指标', '得分'],
    [
      ['A1', '项目立项规范性', '1.5'],
      ['B11', 'x', '10.25'],
    ],
    { align: ['left', 'left', 'right'] },
  );
  assert.equal(
    out,
    [
      '代码  指标             得分', //
      '----  --------------  -----',
      'A1    项目立项规范性    1.5',
      'B11   x               10.25',
    ].join('\n'),
  );
});

void test('the last left-aligned column is not padded', () => {
  const out = renderTable(
    ['a', 'b'],
    [
      ['1', 'long text'],
      ['2', '短'],
    ],
  );
  assert.ok(out.split('\n').every((l) => l === l.trimEnd()));
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Outline, chineseNumber, headingNumber } from './numbering.ts';

describe('word numbering', () => {
  it('writes Chinese numbers', () => {
    assert.deepEqual([1, 8, 10, 11, 20, 21, 99].map(chineseNumber), [
      '一',
      '八',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
  });

  it('numbers levels 一、（一）1.（1）①', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((l) => headingNumber(l, 3)),
      ['三、', '（三）', '3.', '（3）', '③'],
    );
  });

  it('restarts the lower levels after a higher heading', () => {
    const o = new Outline();
    assert.deepEqual(
      [o.next(1), o.next(2), o.next(2), o.next(3), o.next(1), o.next(2), o.next(3)],
      ['一、', '（一）', '（二）', '1.', '二、', '（一）', '1.'],
    );
  });
});

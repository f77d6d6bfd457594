import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chinaDate, isIsoDate, isOpen, rectificationStatus } from './status.ts';

test('not done and the deadline passed: 逾期; the deadline day itself is still in time', () => {
  assert.equal(rectificationStatus({ state: 'pending', deadline: '2024-06-30' }, '2024-07-01'), 'overdue');
  assert.equal(
    rectificationStatus({ state: 'in-progress', deadline: '2024-06-30' }, '2024-07-01'),
    'overdue',
  );
  assert.equal(rectificationStatus({ state: 'pending', deadline: '2024-06-30' }, '2024-06-30'), 'pending');
  assert.equal(
    rectificationStatus({ state: 'in-progress', deadline: '2024-06-30' }, '2024-01-01'),
    'in-progress',
  );
});

test('done is never overdue, however late', () => {
  assert.equal(rectificationStatus({ state: 'done', deadline: '2020-01-01' }, '2030-01-01'), 'done');
  assert.equal(isOpen({ state: 'done' }), false);
  assert.equal(isOpen({ state: 'in-progress' }), true);
});

test('today is the date in China (UTC+8) of the injected instant', () => {
  assert.equal(chinaDate(new Date('2024-06-30T15:59:59Z')), '2024-06-30');
  assert.equal(chinaDate(new Date('2024-06-30T16:00:00Z')), '2024-07-01');
  const clock = (): Date => new Date('2024-06-30T16:30:00Z');
  assert.equal(
    rectificationStatus({ state: 'pending', deadline: '2024-06-30' }, chinaDate(clock())),
    'overdue',
  );
});

test('dates: only real yyyy-mm-dd days', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(isIsoDate('2024-2-1'), false);
  assert.equal(isIsoDate(20240101), false);
});

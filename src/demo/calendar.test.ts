import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoHolidays } from './index.ts';

const days = (from: string, to: string): string[] => demoHolidays(new Date(from), new Date(to)).map((d) => d.toISOString().slice(0, 10));

test('the demo company\'s holidays in 2024, by hand: New Year and the day after, Memorial Day, 4 July, Labor Day, Thanksgiving and the Friday, 24-31 December', () => {
  assert.deepEqual(days('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), [
    '2024-01-01', '2024-01-02', '2024-05-27', '2024-07-04', '2024-09-02', '2024-11-28', '2024-11-29',
    '2024-12-24', '2024-12-25', '2024-12-26', '2024-12-27', '2024-12-28', '2024-12-29', '2024-12-30', '2024-12-31',
  ]);
});

test('the range is half-open on days: a start inside a day counts that day, an end at midnight does not', () => {
  assert.deepEqual(days('2024-07-04T15:00:00Z', '2024-07-05T00:00:00Z'), ['2024-07-04']);
  assert.deepEqual(days('2024-07-01T00:00:00Z', '2024-07-04T00:00:00Z'), []);
  assert.deepEqual(days('2024-07-05T00:00:00Z', '2024-07-01T00:00:00Z'), []);
});

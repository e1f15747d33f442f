import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferGrain, regularise, stepDate, formatTimestamp } from './series.ts';

const day = (d: number) => new Date(Date.UTC(2024, 0, d));

test('inferGrain reads hourly, daily, weekly and monthly spacing', () => {
  assert.equal(inferGrain([0, 1, 2].map((h) => new Date(Date.UTC(2024, 0, 1, h)))), 'hourly');
  assert.equal(inferGrain([day(1), day(2), day(4), day(5)]), 'daily');
  assert.equal(inferGrain([day(1), day(8), day(15)]), 'weekly');
  assert.equal(inferGrain([0, 1, 2, 3].map((m) => new Date(Date.UTC(2024, m, 1)))), 'monthly');
  assert.throws(() => inferGrain([day(1), day(4), day(7)]), { code: 'INPUT_INVALID', message: /hourly, daily, weekly or monthly/ });
  assert.throws(() => inferGrain([day(1), day(15), day(29)]), { code: 'INPUT_INVALID' });
});

test('regularise sums duplicate cells and interpolates a short gap linearly', () => {
  const r = regularise({ timestamps: [day(1), day(1), day(2), day(5)], values: [1, 2, 6, 12] });
  assert.deepEqual(r.timestamps.map((d) => formatTimestamp(d, 'daily')), ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
  // Gap of two days between 6 and 12: 8 and 10.
  assert.deepEqual(r.values, [3, 6, 8, 10, 12]);
  assert.deepEqual(r.filled, [false, false, true, true, false]);
});

test('regularise fills a long gap from the same weekday a week earlier', () => {
  const pattern = [10, 20, 30, 40, 50, 60, 70];
  const ts: Date[] = [];
  const vs: number[] = [];
  for (let i = 0; i < 28; i++) {
    if (i >= 15 && i < 20) continue; // five missing days
    ts.push(day(1 + i));
    vs.push(pattern[i % 7]!);
  }
  const r = regularise({ timestamps: ts, values: vs });
  assert.deepEqual(r.values, Array.from({ length: 28 }, (_, i) => pattern[i % 7]!));
});

test('stepDate moves by calendar months for monthly data', () => {
  assert.equal(stepDate(new Date(Date.UTC(2024, 10, 1)), 'monthly', 3).toISOString().slice(0, 10), '2025-02-01');
});

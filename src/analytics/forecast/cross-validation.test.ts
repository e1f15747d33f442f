import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planOrigins, rankByCv } from './cross-validation.ts';

test('daily origins are a week apart, in the later half of the history, scaled by the in-sample seasonal-naive MAE', () => {
  // Weekly pattern plus a trend of 1 a day: every lag-7 difference is 7, so every scale is 7.
  const y = Array.from({ length: 100 }, (_, i) => [5, 9, 2, 7, 3, 0, 1][i % 7]! + i);
  const plan = planOrigins(y, 14, 14, 7);
  assert.deepEqual(plan.origins, [86, 79, 72, 65, 58, 51]);
  assert.equal(plan.horizon, 14);
  assert.deepEqual(plan.scales, [7, 7, 7, 7, 7, 7]);
});

test('hourly origins are a day apart and at most twelve', () => {
  const y = Array.from({ length: 700 }, (_, i) => i % 24);
  const plan = planOrigins(y, 48, 48, 24);
  assert.equal(plan.origins.length, 12);
  assert.equal(plan.origins[0], 652);
  assert.equal(plan.origins[11], 652 - 11 * 24);
});

test('a short history still gets its latest origin', () => {
  const plan = planOrigins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, 8, 1);
  assert.deepEqual(plan.origins, [8]);
  assert.equal(plan.horizon, 2);
});

test('ranking uses errors scaled per origin, not raw errors', () => {
  // Origin 0 is volatile (scale 10), origin 1 calm (scale 1).
  // Raw MAE: a = (10 + 0) / 2 = 5, b = (0 + 6) / 2 = 3 → b first.
  // Scaled: a = (10/10 + 0) / 2 = 0.5, b = (0 + 6/1) / 2 = 3 → a first.
  const errors = new Map([['a', [[10], [0]]], ['b', [[0], [-6]]]]);
  const ranked = rankByCv(errors, { origins: [50, 60], horizon: 1, scales: [10, 1] });
  assert.deepEqual(ranked.map((r) => r.model), ['a', 'b']);
  assert.deepEqual(ranked.map((r) => r.mae), [5, 3]);
  assert.deepEqual(ranked.map((r) => r.mase), [0.5, 3]);
});

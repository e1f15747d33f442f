import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mape, mase, smape, totalError } from './metrics.ts';

test('mape and smape match hand computation', () => {
  // |100-110|/100 = 0.1, |200-180|/200 = 0.1 → 10 %.
  assert.ok(Math.abs(mape([100, 200], [110, 180]) - 10) < 1e-12);
  // 2·10/210 and 2·20/380 → mean · 100.
  const expected = 100 * ((20 / 210 + 40 / 380) / 2);
  assert.ok(Math.abs(smape([100, 200], [110, 180]) - expected) < 1e-12);
  assert.equal(mape([0, 100], [5, 90]), 10); // zero actual skipped
});

test('mase scales by in-sample seasonal naive error', () => {
  // In-sample lag-2 differences: |3-1|, |4-2|, |5-3| = 2 each → scale 2. MAE of forecast = 1.
  assert.equal(mase([10, 10], [11, 9], [1, 2, 3, 4, 5], 2), 0.5);
});

test('totalError is signed percent of the actual total', () => {
  assert.equal(totalError([50, 50], [60, 50]), 10);
});

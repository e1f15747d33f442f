import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sarimaForecast, seasonalArimaModel, unMa } from './seasonal-arima.ts';
import type { FitInput } from './model.ts';

const DAY = 86_400_000;
const WEEK = [100, 120, 130, 125, 110, 40, 30];

function input(y: number[]): FitInput {
  return { y, timestamps: y.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * DAY)), grain: 'daily', periods: [7] };
}

test('the seasonal MA filter and the forecast recursion match a hand computation', () => {
  // m = 2, y = 1 2 3 5 4 7 → seasonal differences w = 2 3 1 2.
  // Θ = −0.5: v = 2, 3, 1 + 0.5·2 = 2, 2 + 0.5·3 = 3.5.
  const v = unMa([2, 3, 1, 2], 2, -0.5);
  assert.deepEqual(v, [2, 3, 2, 3.5]);
  // φ = (0.5, 0): v₅ = 0.5·3.5 = 1.75, w₅ = 1.75 − 0.5·2 = 0.75, y₇ = 4 + 0.75;
  // v₆ = 0.875, w₆ = 0.875 − 0.5·3.5 = −0.875, y₈ = 7 − 0.875.
  assert.deepEqual(sarimaForecast([1, 2, 3, 5, 4, 7], v, 2, -0.5, [0.5, 0], 2), [4.75, 6.125]);
});

test('a repeating weekly pattern is forecast as that pattern', () => {
  const y = Array.from({ length: 70 }, (_, i) => WEEK[i % 7]!);
  const f = seasonalArimaModel().fit(input(y)).predict(new Array<Date>(14).fill(new Date(0)));
  f.forEach((v, k) => assert.ok(Math.abs(v - WEEK[(70 + k) % 7]!) < 1e-6, `step ${k}: ${v}`));
});

test('after a level shift three weeks ago the forecast keeps the pattern at the new level', () => {
  // Weeks before the shift are the pattern, the last three weeks the pattern + 50.
  const y = Array.from({ length: 84 }, (_, i) => WEEK[i % 7]! + (i >= 63 ? 50 : 0));
  const f = seasonalArimaModel().fit(input(y)).predict(new Array<Date>(7).fill(new Date(0)));
  // Within a tenth of the shift: the fitted AR part may still carry a little of the step forward.
  f.forEach((v, k) => assert.ok(Math.abs(v - (WEEK[(84 + k) % 7]! + 50)) < 5, `step ${k}: ${v}`));
});

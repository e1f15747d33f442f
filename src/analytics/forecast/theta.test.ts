import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thetaModel } from './theta.ts';
import { regressionModel } from './regression.ts';
import { seasonalArModel } from './seasonal-ar.ts';

const DAY = 86_400_000;
const dates = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * DAY));

test('Theta on a straight line extrapolates half the slope (Hyndman & Billah)', () => {
  // y = 10 + 2t: SES tracks the last value (α → 1), the drift is b/2 = 1 per step.
  const n = 60;
  const y = Array.from({ length: n }, (_, t) => 10 + 2 * t);
  const f = thetaModel().fit({ y, timestamps: dates(n), grain: 'daily', periods: [1] }).predict(dates(4));
  const last = y[n - 1]!;
  f.forEach((v, k) => assert.ok(Math.abs(v - (last + (k + 1))) < 0.1, `step ${k + 1}: ${v}`));
});

test('the regression recovers a weekday pattern on a piecewise-linear trend', () => {
  // Slope 1 per day, then 3 per day from day 60 on; weekday effects from Monday.
  const week = [0, 5, 5, 5, 5, -30, -35];
  const n = 120;
  const trend = (t: number) => 100 + t + (t > 60 ? 2 * (t - 60) : 0);
  const ts = dates(n + 7);
  const y = ts.slice(0, n).map((_, t) => trend(t) + week[t % 7]!);
  const f = regressionModel().fit({ y, timestamps: ts.slice(0, n), grain: 'daily', periods: [7] }).predict(ts.slice(n));
  f.forEach((v, k) => {
    const truth = trend(n + k) + week[(n + k) % 7]!;
    assert.ok(Math.abs(v - truth) < 0.05 * truth, `day ${k}: ${v.toFixed(1)} vs ${truth}`);
  });
});

test('the seasonal-difference AR continues a weekly pattern on a linear trend', () => {
  // y_t − y_{t−7} = 7 for every t, so the model's drift alone forecasts it exactly.
  const week = [10, 20, 30, 20, 10, 0, 5];
  const n = 100;
  const y = Array.from({ length: n }, (_, t) => t + week[t % 7]!);
  const f = seasonalArModel().fit({ y, timestamps: dates(n), grain: 'daily', periods: [7] }).predict(dates(7));
  f.forEach((v, k) => assert.ok(Math.abs(v - (n + k + week[(n + k) % 7]!)) < 0.5, `step ${k}: ${v}`));
});

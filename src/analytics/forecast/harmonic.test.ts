import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arPath, discountedFit, harmonicModel, sesLevel } from './harmonic.ts';
import type { FitInput } from './model.ts';

const HOUR = 3_600_000;

function hourly(y: number[]): FitInput {
  const periods = [24, 168].filter((m) => y.length >= 2 * m);
  return { y, timestamps: y.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * HOUR)), grain: 'hourly', periods };
}

const future = (h: number): Date[] => new Array<Date>(h).fill(new Date(0));

test('the discounted fit of a constant is the weighted mean with weights halving every half-life', () => {
  // Half-life 1: weights 0.5 (older) and 1 (latest), so (0.5·1 + 1·3) / 1.5 = 7/3.
  const [level] = discountedFit([1, 3], [Float64Array.of(1), Float64Array.of(1)], 1);
  assert.ok(Math.abs(level! - 7 / 3) < 1e-6, String(level));
});

test('the AR recursion and the smoothed level match a hand computation', () => {
  // φ = (0.5, 0.25) after 1, 2: 0.5·2 + 0.25·1 = 1.25, then 0.5·1.25 + 0.25·2 = 1.125.
  assert.deepEqual(arPath([1, 2], [0.5, 0.25], 2), [1.25, 1.125]);
  // A step from 0 to 10 one step ahead: α = 1 misses only the step itself (error 10), any smaller α misses more.
  assert.deepEqual(sesLevel([0, 0, 10, 10, 10], 1, 1), { alpha: 1, level: 10, error: 10 });
});

test('a known daily and weekly Fourier pattern is recovered and continued', () => {
  const pattern = (t: number): number => 10 + 3 * Math.sin((2 * Math.PI * t) / 24) + 2 * Math.cos((4 * Math.PI * t) / 24) + 1.5 * Math.sin((2 * Math.PI * t) / 168);
  const y = Array.from({ length: 3 * 168 }, (_, t) => pattern(t));
  const f = harmonicModel().fit(hourly(y)).predict(future(48));
  f.forEach((v, k) => assert.ok(Math.abs(v - pattern(y.length + k)) < 0.01, `step ${k}: ${v} vs ${pattern(y.length + k)}`));
});

test('after a level shift two days ago the forecast keeps the daily shape at the new level', () => {
  // Under two weeks, so only the daily period is fitted (with weekly terms a step this recent is partly taken for weekly shape: docs/forecasting.md).
  const day = (t: number): number => 100 + 30 * Math.sin((2 * Math.PI * t) / 24);
  const y = Array.from({ length: 13 * 24 }, (_, t) => day(t) + (t >= 11 * 24 ? 50 : 0));
  const f = harmonicModel().fit(hourly(y)).predict(future(24));
  // Within a tenth of the shift at every hour of the next day.
  f.forEach((v, k) => assert.ok(Math.abs(v - (day(y.length + k) + 50)) < 5, `step ${k}: ${v} vs ${day(y.length + k) + 50}`));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from './forecast.ts';
import { backtest } from './backtest.ts';
import { projectPeriodTotal } from './period-total.ts';
import { inferGrain, regularise, stepDate } from './series.ts';
import type { Series } from './series.ts';
import { detectAnomalies } from '../anomaly/index.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SUNDAY = Date.UTC(2023, 0, 1); // 1 January 2023 is a Sunday

function weekly(n: number, f: (i: number) => number, start = SUNDAY): Series {
  return { timestamps: Array.from({ length: n }, (_, i) => new Date(start + i * WEEK)), values: Array.from({ length: n }, (_, i) => f(i)) };
}

/** Deterministic pseudo-noise in [-1, 1] so tests do not flake. */
const noise = (i: number) => Math.sin(i * 12.9898) * 43758.5453 % 1;

test('inferGrain reads Sundays a week apart as weekly, a missing week included', () => {
  const sundays = [0, 1, 2, 4, 5].map((k) => new Date(SUNDAY + k * WEEK));
  assert.equal(inferGrain(sundays), 'weekly');
  assert.equal(stepDate(new Date(SUNDAY), 'weekly', 2).toISOString().slice(0, 10), '2023-01-15');
});

test('regularise keeps weeks on Sundays, sums a mid-week row into its week and fills a missing week', () => {
  const s: Series = { timestamps: [0, 1, 3].map((k) => new Date(SUNDAY + k * WEEK)), values: [10, 20, 40] };
  s.timestamps.push(new Date(SUNDAY + WEEK + 3 * DAY)); // Wednesday of the second week
  s.values.push(5);
  const r = regularise(s);
  assert.equal(r.grain, 'weekly');
  assert.deepEqual(r.timestamps.map((d) => d.toISOString().slice(0, 10)), ['2023-01-01', '2023-01-08', '2023-01-15', '2023-01-22']);
  assert.deepEqual(r.values, [10, 25, 32.5, 40]);
  assert.deepEqual(r.filled, [false, false, true, false]);
});

test('a weekly series with a linear trend is forecast along its line', () => {
  // 80 weeks of 1000 + 15 per week, ±1 % noise: the line continues at 1000 + 15 × (80 + k).
  const res = forecast(weekly(80, (i) => 1000 + 15 * i + 10 * noise(i)), { horizon: 8 });
  assert.equal(res.grain, 'weekly');
  res.points.forEach((p, k) => {
    const line = 1000 + 15 * (80 + k);
    assert.ok(Math.abs(p.value - line) / line < 0.03, `${res.model} week ${k}: ${p.value} vs ${line}`);
    assert.equal(p.timestamp.getTime(), SUNDAY + (80 + k) * WEEK);
  });
});

test('three years of weekly spend with a yearly bump: the bump comes back at the same weeks next year', () => {
  // Weeks 46 and 47 of every 52 (late November) spend 60 more than the base of 500.
  const bump = (i: number) => (i % 52 === 46 || i % 52 === 47 ? 60 : 0);
  const res = forecast(weekly(156, (i) => 500 + bump(i) + 5 * noise(i)), { horizon: 52 });
  const values = res.points.map((p) => p.value);
  const top = values.map((v, k) => ({ v, k })).sort((a, b) => b.v - a.v).slice(0, 2).map((x) => x.k).sort((a, b) => a - b);
  assert.deepEqual(top, [46, 47], res.model);
  const rest = values.filter((_, k) => k !== 46 && k !== 47);
  for (const k of [46, 47]) assert.ok(values[k]! - Math.max(...rest) > 30, `${res.model}: week ${k} ${values[k]} vs rest ≤ ${Math.max(...rest)}`);
  for (const v of rest) assert.ok(Math.abs(v - 500) < 25, `${res.model}: ${v}`);
});

test('backtest on weekly data: seasonal naive a year back with two years, plain naive without', () => {
  const long = backtest(weekly(156, (i) => 500 + 5 * noise(i)), { horizon: 8 });
  assert.equal(long.grain, 'weekly');
  assert.equal(long.period, 52);
  const short = backtest(weekly(60, (i) => 500 + 5 * noise(i)), { horizon: 8 });
  assert.equal(short.period, 1);
});

test('weekly series are refused by period projections and the anomaly detector, with the spacings they take', () => {
  const s = weekly(30, (i) => 100 + i);
  assert.throws(() => projectPeriodTotal(s, 'month'), { code: 'INPUT_INVALID', message: /hourly or daily/ });
  assert.throws(() => detectAnomalies(s), { code: 'INPUT_INVALID', message: /sub-hourly, hourly, daily or monthly/ });
});

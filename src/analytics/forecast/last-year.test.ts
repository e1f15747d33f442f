import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from './forecast.ts';
import { lastYearChange, lastYearCvErrors, moveByLastYear } from './last-year.ts';

const DAY = 86_400_000;
const START = Date.UTC(2021, 0, 4);

/**
 * 400 days: 100 until day 50, `low` from day 50 to 100 (last year's decline),
 * then 200. The origin a year ago is day 400 − 364 = 36, so its four-week
 * level covers days 22–49 (all 100); step k's level covers days 22 + k to 49 + k.
 */
const stepSeries = (low = 50): number[] => Array.from({ length: 400 }, (_, i) => (i < 50 ? 100 : i < 100 ? low : 200));

test("last year's level change over the same weeks, as a ratio for a positive series", () => {
  const { multiplicative, change } = lastYearChange(stepSeries(), 29);
  assert.equal(multiplicative, true);
  assert.equal(change[0], 1); // days 22–49: 100 against 100
  assert.equal(change[14], 0.75); // days 36–63: (14 × 100 + 14 × 50) / 28 = 75
  assert.equal(change[28], 0.5); // days 50–77: all 50
});

test('a forecast is scaled by that ratio, or shifted by the difference when the series has zeros', () => {
  const flat = new Array<number>(29).fill(200);
  const f = moveByLastYear(stepSeries(), flat);
  assert.deepEqual([f[0], f[14], f[28]], [200, 150, 100]);
  // Last year's low at 0: 200 + (50 − 100) at two weeks, 200 + (0 − 100) at four (a ratio would give 100 and 0).
  const z = moveByLastYear(stepSeries(0), flat);
  assert.deepEqual([z[0], z[14], z[28]], [200, 150, 100]);
  assert.throws(() => moveByLastYear(stepSeries().slice(0, 377), flat));
});

test('CV keeps the move only where it lowers the scaled error', () => {
  // History 450 days, one origin at 420 scoring days 420–447 with a flat forecast of 200 (errors = actual − 200).
  // Last year (days 56–83) the level fell from 100 to 50 around day 70: the move predicts a fall to about 150 by day 434 and 100 by 448.
  const y = Array.from({ length: 450 }, (_, i) => (i < 70 ? 100 : i < 100 ? 50 : 200));
  const plan = { origins: [420], horizon: 28, scales: [1] };
  const flatErrors = [y.slice(420, 448).map((a) => a - 200)];
  // The actuals stay at 200: the flat forecast is exact, the moved one is not.
  assert.equal(lastYearCvErrors(y, plan, flatErrors), undefined);
  // The actuals fall as last year's did: moving helps, and its errors are actual − moved forecast.
  const falling = y.map((v, i) => (i >= 420 ? 200 * moveByLastYear(y.slice(0, 420), new Array<number>(28).fill(1))[i - 420]! : v));
  const rows = lastYearCvErrors(falling, plan, [falling.slice(420, 448).map((a) => a - 200)]);
  assert.ok(rows);
  rows[0]!.forEach((e) => assert.ok(Math.abs(e) < 1e-9));
  // An origin with under a year and two weeks of history: no move.
  assert.equal(lastYearCvErrors(y, { origins: [420, 370], horizon: 28, scales: [1, 1] }, [flatErrors[0]!, flatErrors[0]!]), undefined);
});

const week = [1.1, 1, 1, 1.05, 1.2, 0.8, 0.85];

function daily(n: number, value: (i: number) => number): { timestamps: Date[]; values: number[] } {
  const timestamps = Array.from({ length: n }, (_, i) => new Date(START + i * DAY));
  return { timestamps, values: timestamps.map((_, i) => value(i)) };
}

test('with 690 days of a recurring summer peak and year-end drop, the forecast follows last year into the drop', () => {
  // Level 100 × weekday profile, 130 on days 150–199 of every 364-day year, 60 on days 330–363, ±2 % noise.
  // The history ends on day 326 of the second year; CV origins see the second summer peak come and go as the first did.
  const levelOn = (i: number): number => { const d = i % 364; return d >= 330 ? 60 : d >= 150 && d < 200 ? 130 : 100; };
  let seed = 7;
  const noise = (): number => { seed = (seed * 16807) % 2147483647; return 0.04 * (seed / 2147483647 - 0.5); };
  const n = 690;
  const r = forecast(daily(n, (i) => levelOn(i) * week[i % 7]! * (1 + noise())), { horizon: 28 });
  assert.match(r.model, /\+last_year$/);
  // Truth over the next 28 days (364 + 326 … 364 + 353): 4 days at 100, then 24 at 60, times the profile.
  const truth = Array.from({ length: 28 }, (_, k) => levelOn(n + k) * week[(n + k) % 7]!).reduce((s, v) => s + v, 0);
  const total = r.points.reduce((s, p) => s + p.value, 0);
  // Staying at the level of 100 would forecast about 4 × 100 × 7 = 2,800. Moved, the four-week smoothing of last
  // year's levels lags the drop by about two weeks, but the error of the total is under half of staying's.
  const stay = 2800;
  assert.ok(Math.abs(total - truth) < 0.5 * Math.abs(stay - truth), `total ${total} against ${truth}`);
});

test('a one-off dip last year that the CV origins saw not repeat is not copied into the forecast', () => {
  // 100 × weekday profile, except 50 × profile on days 240–299. The forecast from day 600 covers last year's
  // days 236–263, inside the dip; the latest CV origin (572) already reaches last year's days 222–249, where
  // the move predicts a fall that did not come this year.
  const r = forecast(daily(600, (i) => (i >= 240 && i < 300 ? 50 : 100) * week[i % 7]!), { horizon: 28 });
  assert.doesNotMatch(r.model, /last_year/);
  const total = r.points.reduce((s, p) => s + p.value, 0);
  // Four weeks of the undisturbed profile: 4 × 100 × (1.1 + 1 + 1 + 1.05 + 1.2 + 0.8 + 0.85) = 2800.
  assert.ok(Math.abs(total - 2800) / 2800 < 0.02, `total ${total}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from './forecast.ts';
import { backtest } from './backtest.ts';
import { projectPeriodTotal } from './period-total.ts';
import type { Series } from './series.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1); // a Monday

function daily(n: number, f: (i: number) => number): Series {
  return { timestamps: Array.from({ length: n }, (_, i) => new Date(START + i * DAY)), values: Array.from({ length: n }, (_, i) => f(i)) };
}

/** Deterministic pseudo-noise in [-1, 1] so tests do not flake. */
const noise = (i: number) => Math.sin(i * 12.9898) * 43758.5453 % 1;
const WEEK = [100, 120, 130, 125, 110, 40, 30];

test('a perfectly weekly series is forecast as its pattern with zero-width intervals', () => {
  const res = forecast(daily(120, (i) => WEEK[i % 7]!), { horizon: 14 });
  res.points.forEach((p, k) => {
    assert.ok(Math.abs(p.value - WEEK[(120 + k) % 7]!) < 1e-6, `step ${k}: ${p.value}`);
    assert.ok(p.hi95 - p.lo95 < 1e-6);
  });
  assert.equal(res.points[0]!.timestamp.toISOString().slice(0, 10), '2024-04-30');
});

test('after a level shift the forecast follows the new level', () => {
  const res = forecast(daily(200, (i) => (i < 150 ? 100 : 200) + 5 * noise(i)), { horizon: 7 });
  for (const p of res.points) assert.ok(Math.abs(p.value - 200) < 15, `${res.model}: ${p.value}`);
});

test('a ramp is extrapolated', () => {
  const res = forecast(daily(180, (i) => 50 + 2 * i + 3 * noise(i)), { horizon: 10 });
  res.points.forEach((p, k) => assert.ok(Math.abs(p.value - (50 + 2 * (180 + k))) < 15, `${res.model} step ${k}: ${p.value}`));
});

test('zero-spend days never produce negative forecasts or bounds', () => {
  const res = forecast(daily(120, (i) => (i % 7 >= 5 ? 0 : 50 + 10 * noise(i))), { horizon: 14 });
  for (const p of res.points) assert.ok(p.lo95 >= 0 && p.value >= 0);
  assert.ok(!/M/.test(res.model.replace(/^\w+:/, '').replace('ets', '')), res.model);
  res.points.forEach((p, k) => { if ((120 + k) % 7 >= 5) assert.ok(p.value < 10, `weekend ${k}: ${p.value}`); });
});

test('ten points give a sensible forecast with wide intervals', () => {
  const res = forecast(daily(10, (i) => 100 + 10 * noise(i)), { horizon: 5 });
  for (const p of res.points) {
    assert.ok(p.value > 85 && p.value < 115, `${p.value}`);
    assert.ok(p.hi95 - p.lo95 > 15, `width ${p.hi95 - p.lo95}`);
    assert.ok(p.lo95 <= p.lo80 && p.lo80 <= p.value && p.value <= p.hi80 && p.hi80 <= p.hi95);
  }
});

test('missing days are filled and the forecast continues the grid', () => {
  const s = daily(100, (i) => WEEK[i % 7]!);
  const keep = s.timestamps.map((_, i) => i % 11 !== 3);
  const gappy = { timestamps: s.timestamps.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
  const res = forecast(gappy, { horizon: 7 });
  res.points.forEach((p, k) => assert.ok(Math.abs(p.value - WEEK[(100 + k) % 7]!) < 5, `${res.model} step ${k}: ${p.value}`));
});

test('monthly data uses a yearly season', () => {
  const year = [1, 0.9, 1.1, 1.05, 1.2, 1.4, 1.6, 1.55, 1.3, 1.1, 0.95, 1.15];
  const ts = Array.from({ length: 96 }, (_, i) => new Date(Date.UTC(2015, i, 1)));
  const res = forecast({ timestamps: ts, values: ts.map((_, i) => (200 + i) * year[i % 12]!) }, { horizon: 12 });
  assert.equal(res.grain, 'monthly');
  res.points.forEach((p, k) => assert.ok(Math.abs(p.value / ((296 + k) * year[k]!) - 1) < 0.05, `${res.model} month ${k}: ${p.value}`));
});

test('backtest: seasonal naive has MASE 1 on a weekly pattern plus a linear trend', () => {
  // Every lag-7 difference is 7 in sample, and every forecast is 7 short.
  const r = backtest(daily(140, (i) => WEEK[i % 7]! + i), { horizon: 7 });
  const sn = r.models.find((m) => m.model === 'seasonal_naive')!;
  assert.ok(Math.abs(sn.mase - 1) < 1e-12);
  assert.deepEqual(r.origins, [119, 126, 133]);
  const ets = r.models.find((m) => m.model === 'ets')!;
  assert.ok(ets.mase < 0.1, `ets MASE ${ets.mase}`);
});

test('month-end projection adds actuals so far to the forecast of the remaining days', () => {
  // 10 a day from Jan 1 to Mar 15 → March total 31 × 10.
  const n = 31 + 29 + 15;
  const p = projectPeriodTotal(daily(n, () => 10), 'month');
  assert.equal(p.periodStart.toISOString().slice(0, 10), '2024-03-01');
  assert.equal(p.actualToDate, 150);
  assert.ok(Math.abs(p.total - 310) < 1e-6, `${p.total}`);
  assert.ok(p.lo95 <= p.lo80 && p.lo80 <= p.total && p.total <= p.hi80 && p.hi80 <= p.hi95);
});

test('a month-end projection of credits (negative spend) keeps its bounds around the total', () => {
  // A credit of 10 a day from Jan 1 to Mar 15: March ends at 31 × −10 = −310, and a constant
  // series leaves no error, so every bound is −310. Flooring the remaining days at 0, as for
  // spend, put the lower bounds at the actuals so far (−150), above the total.
  const p = projectPeriodTotal(daily(31 + 29 + 15, () => -10), 'month');
  assert.equal(p.actualToDate, -150);
  for (const [name, v] of Object.entries({ total: p.total, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 })) {
    assert.ok(Math.abs(v + 310) < 1e-6, `${name} ${v}`);
  }
});

test('amounts of 1e160 or 1e-160 are forecast as the same series in ordinary units, with finite bounds', () => {
  // Squared errors of 1e160 overflow to Infinity and of 1e-160 vanish: the bounds came out NaN (or the
  // month's interval collapsed). In other units the forecast is the same, so it must match the one in
  // ordinary units (within the 1 % the fits' discrete choices allow), bound for bound.
  const base = daily(75, (i) => WEEK[i % 7]! + 10 * noise(i));
  const ref = forecast(base, { horizon: 3 });
  const month = projectPeriodTotal(base, 'month');
  for (const f of [1e160, 1e-160]) {
    const scaled = { timestamps: base.timestamps, values: base.values.map((v) => v * f) };
    const res = forecast(scaled, { horizon: 3 });
    res.points.forEach((p, k) => {
      const r = ref.points[k]!;
      for (const key of ['value', 'lo80', 'hi80', 'lo95', 'hi95'] as const) {
        assert.ok(Math.abs(p[key] / f / r[key] - 1) < 0.05, `×${f} step ${k} ${key}: ${p[key] / f} vs ${r[key]}`);
      }
    });
    const m = projectPeriodTotal(scaled, 'month');
    for (const key of ['total', 'lo80', 'hi80', 'lo95', 'hi95'] as const) {
      assert.ok(Math.abs(m[key] / f / month[key] - 1) < 0.01, `×${f} month ${key}: ${m[key] / f} vs ${month[key]}`);
    }
  }
});

test('ten days of history give wider intervals than four months of the same process', () => {
  const short = forecast(daily(10, (i) => 100 + 10 * noise(i)), { horizon: 5 });
  const long = forecast(daily(120, (i) => 100 + 10 * noise(i)), { horizon: 5 });
  short.points.forEach((p, k) => {
    const l = long.points[k]!;
    assert.ok(p.hi80 - p.lo80 > l.hi80 - l.lo80, `step ${k}: short ${p.hi80 - p.lo80} vs long ${l.hi80 - l.lo80}`);
  });
});

test('month-end and quarter-end projections of a weekly pattern equal the calendar sum of that pattern', () => {
  // Jan 1 2024 is a Monday, so day i has weekday i % 7 (Monday = 0). History ends on Fri Mar 15.
  const n = 31 + 29 + 15;
  const byWeekday = (d: Date) => WEEK[(d.getUTCDay() + 6) % 7]!;
  let march = 0;
  for (let d = Date.UTC(2024, 2, 1); d < Date.UTC(2024, 3, 1); d += DAY) march += byWeekday(new Date(d));
  let quarter = 0;
  for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2024, 3, 1); d += DAY) quarter += byWeekday(new Date(d));
  const m = projectPeriodTotal(daily(n, (i) => WEEK[i % 7]!), 'month');
  assert.ok(Math.abs(m.total - march) < 1e-6, `month ${m.total} vs ${march}`);
  const q = projectPeriodTotal(daily(n, (i) => WEEK[i % 7]!), 'quarter');
  assert.equal(q.periodStart.toISOString().slice(0, 10), '2024-01-01');
  assert.ok(Math.abs(q.total - quarter) < 1e-6, `quarter ${q.total} vs ${quarter}`);
});

test('zero days and missing days together: weekends at zero stay zero, the gap is bridged', () => {
  // Weekdays 80, weekends 0, with two whole weekdays missing in the last month.
  const s = daily(84, (i) => (i % 7 >= 5 ? 0 : 80));
  const drop = new Set([60, 61]);
  const gappy = { timestamps: s.timestamps.filter((_, i) => !drop.has(i)), values: s.values.filter((_, i) => !drop.has(i)) };
  const res = forecast(gappy, { horizon: 7 });
  res.points.forEach((p, k) => {
    const want = (84 + k) % 7 >= 5 ? 0 : 80;
    assert.ok(Math.abs(p.value - want) < 2, `${res.model} step ${k}: ${p.value} vs ${want}`);
    assert.ok(p.lo95 >= 0);
  });
});

test('month-end projection at the end of February and of a month: leap day counted, a complete month is its actual', () => {
  // 10 a day from Jan 1 2024. To Feb 27: 27 days so far, Feb 28 and 29 to come → 290. To Feb 29: all 29 days, nothing to forecast.
  const toFeb27 = projectPeriodTotal(daily(31 + 27, () => 10), 'month');
  assert.deepEqual([toFeb27.periodEnd.toISOString().slice(0, 10), toFeb27.actualToDate], ['2024-03-01', 270]);
  assert.ok(Math.abs(toFeb27.total - 290) < 1e-6, `${toFeb27.total}`);
  const toFeb29 = projectPeriodTotal(daily(31 + 29, () => 10), 'month');
  assert.deepEqual([toFeb29.model, toFeb29.actualToDate, toFeb29.total, toFeb29.hi95], ['actual', 290, 290, 290]);
  // Hourly to 22:00 on Feb 29: 695 hours so far (28 × 24 + 23), one to come.
  const hours = Array.from({ length: 24 * 40 }, (_, i) => new Date(Date.UTC(2024, 1, 29, 22) - (24 * 40 - 1 - i) * 3_600_000));
  const h = projectPeriodTotal({ timestamps: hours, values: hours.map(() => 1) }, 'month');
  assert.equal(h.actualToDate, 695);
  assert.ok(Math.abs(h.total - 696) < 1e-6, `${h.total}`);
});

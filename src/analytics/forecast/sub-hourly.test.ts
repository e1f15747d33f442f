import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, forecast } from './index.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 4); // a Monday, 00:00 UTC

/** Points every `minutes` from T0 for `count` points, value f(i). */
function series(minutes: number, count: number, f: (i: number) => number) {
  return {
    timestamps: Array.from({ length: count }, (_, i) => new Date(T0 + i * minutes * MIN)),
    values: Array.from({ length: count }, (_, i) => f(i)),
  };
}

test('15-minute points with a flat hourly level keep their within-hour shape', () => {
  // Every hour is 50 on average; its four quarters are +3, -1, -1, -1 around it (a job at :00).
  const shape = [3, -1, -1, -1];
  const res = forecast(series(15, 4 * 24 * 5, (i) => 50 + shape[i % 4]!), { horizon: 8 });
  assert.equal(res.stepMs, 15 * MIN);
  assert.equal(res.points.length, 8);
  res.points.forEach((p, k) => {
    assert.equal(p.timestamp.getTime(), T0 + (4 * 24 * 5 + k) * 15 * MIN);
    assert.ok(Math.abs(p.value - (50 + shape[k % 4]!)) < 1e-6, `quarter ${k}: ${p.value}`);
    assert.ok(p.lo95 <= p.value && p.value <= p.hi95);
  });
  assert.match(res.model, /on hourly means \+ 15-minute profile/);
});

test('a series that stops mid-hour continues from its next slot, not from the next whole hour', () => {
  // Four days of 5-minute points plus 4 more: the data end at 00:15 of day five.
  const res = forecast(series(5, 288 * 4 + 4, (i) => 10 + (i % 288) / 288), { horizon: 3 });
  const last = T0 + (288 * 4 + 3) * 5 * MIN;
  assert.deepEqual(res.points.map((p) => p.timestamp.getTime()), [last + 5 * MIN, last + 10 * MIN, last + 15 * MIN]);
});

test('a daily ramp at 10-minute spacing keeps its sharp restart at midnight', () => {
  // value = minute of the day / 10: each slot 1 above the one before, back to 0 at midnight.
  const perDay = 144;
  const res = forecast(series(10, perDay * 6, (i) => i % perDay), { horizon: 6 });
  // Next day 00:00 … 00:50 is 0 … 5; the line through hourly means would bend down from 23:30's 140.5 instead.
  res.points.forEach((p, k) => assert.ok(Math.abs(p.value - k) < 0.5, `slot ${k}: ${p.value}`));
});

test('a smooth daily curve at 10-minute spacing is followed slot by slot, not as an hourly staircase', () => {
  const perDay = 144;
  const curve = (i: number) => 100 + 10 * Math.sin((2 * Math.PI * i) / perDay);
  const res = forecast(series(10, perDay * 6, curve), { horizon: perDay });
  // Slot-to-slot steps follow the curve's (up to 0.44 per slot); a staircase of hourly values would step 0 within each hour.
  for (let k = 1; k < perDay; k++) {
    const step = res.points[k]!.value - res.points[k - 1]!.value;
    const truth = curve(perDay * 6 + k) - curve(perDay * 6 + k - 1);
    assert.ok(Math.abs(step - truth) < 0.15, `slot ${k}: step ${step.toFixed(3)}, curve ${truth.toFixed(3)}`);
  }
});

test('a spacing that does not divide an hour is refused with the spacing named', () => {
  assert.throws(() => forecast(series(7, 500, () => 1), { horizon: 3 }), /points every 7 minutes do not divide an hour/);
});

test('backtest of 30-minute data scores seasonal naive one day of slots back', () => {
  // A pure daily pattern: seasonal naive 48 slots back is exact, so its MAPE and MASE are 0.
  const res = backtest(series(30, 48 * 8, (i) => 20 + 10 * Math.sin((2 * Math.PI * (i % 48)) / 48)), { horizon: 48, origins: 2 });
  assert.equal(res.period, 48);
  const naive = res.models.find((m) => m.model === 'seasonal_naive')!;
  assert.ok(naive.mape < 1e-9, `seasonal naive MAPE ${naive.mape}`);
  const auto = res.models.find((m) => m.model === 'auto')!;
  assert.ok(auto.mape < 2, `auto MAPE ${auto.mape}`);
});

test('a job that runs at 02:05 every night is forecast slot for slot from the day before', () => {
  // 5-minute points, 10 all day except 100 at 02:05: hourly means would smear the job over every hour's second slot.
  const job = (i: number) => (i % 288 === 25 ? 100 : 10);
  const res = forecast(series(5, 288 * 6, job), { horizon: 288 });
  assert.match(res.model, /same 5-minute slot a day earlier/);
  res.points.forEach((p, k) => assert.ok(Math.abs(p.value - job(k)) < 1e-9, `slot ${k}: ${p.value}`));
  // Every day repeated exactly, so the day-over-day spread, and the intervals, are zero.
  assert.equal(res.points[25]!.hi95 - res.points[25]!.lo95, 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectAnomalies } from './detect.ts';
import { zscoreAlerts } from './zscore.ts';
import type { Series } from '../forecast/index.ts';

const DAY = 86_400_000;
const WEEK = [100, 120, 130, 125, 110, 40, 30];
/** Deterministic noise in [-1, 1]. */
const noise = (i: number) => (Math.sin(i * 12.9898) * 43758.5453) % 1;
const base = (i: number) => WEEK[i % 7]! * (1 + 0.04 * noise(i));

function daily(n: number, f: (i: number) => number): Series {
  return { timestamps: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * DAY)), values: Array.from({ length: n }, (_, i) => f(i)) };
}
const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * DAY).toISOString().slice(0, 10);

test('a clean weekly series raises no alerts', () => {
  assert.deepEqual(detectAnomalies(daily(300, base)).anomalies, []);
});

test('an injected spike is one alert at its onset with its dollar impact', () => {
  const res = detectAnomalies(daily(200, (i) => base(i) + (i === 100 ? 200 : 0)));
  assert.equal(res.anomalies.length, 1);
  const a = res.anomalies[0]!;
  assert.equal(a.timestamp.toISOString().slice(0, 10), day(100));
  assert.equal(a.kind, 'spike');
  assert.equal(a.direction, 'up');
  assert.equal(a.status, 'closed');
  assert.ok(Math.abs(a.expected - WEEK[100 % 7]!) < 8, `expected ${a.expected}`);
  assert.ok(Math.abs(a.actual - base(100) - 200) < 1e-9);
  assert.ok(Math.abs(a.impact - 200) < 10, `impact ${a.impact}`);
  assert.ok(a.severity === 'high' || a.severity === 'critical', a.severity);
});

test('a level shift is one level_shift alert dated at the change', () => {
  const res = detectAnomalies(daily(200, (i) => base(i) * (i >= 120 ? 1.6 : 1)));
  assert.equal(res.anomalies.length, 1, JSON.stringify(res.anomalies));
  const a = res.anomalies[0]!;
  assert.equal(a.kind, 'level_shift');
  assert.ok(Math.abs(Math.round((a.timestamp.getTime() - Date.UTC(2024, 0, 1)) / DAY) - 120) <= 1, a.timestamp.toISOString());
  assert.equal(a.status, 'rebaselined'); // it persisted, so it became the new normal
});

test('spend that falls back after a shift that became normal is the shift ending, not a new alert', () => {
  // +60 % from day 120 to day 135 (rebaselined after a week), back to normal from day 135.
  const res = detectAnomalies(daily(220, (i) => base(i) * (i >= 120 && i < 135 ? 1.6 : 1)));
  assert.deepEqual(res.anomalies.map((a) => [a.kind, a.direction]), [['level_shift', 'up']]);
  // A fall far below the earlier level is not a recovery: it is reported.
  const deeper = detectAnomalies(daily(220, (i) => base(i) * (i >= 120 && i < 135 ? 1.6 : i >= 135 ? 0.4 : 1)));
  assert.deepEqual(deeper.anomalies.map((a) => [a.kind, a.direction]), [['level_shift', 'up'], ['level_shift', 'down']]);
});

test('an earlier outage does not poison the baseline for later points', () => {
  const res = detectAnomalies(daily(200, (i) => (i === 100 ? 0 : base(i)) + (i === 107 ? 60 : 0)));
  assert.deepEqual(res.anomalies.map((a) => [a.timestamp.toISOString().slice(0, 10), a.direction]), [[day(100), 'down'], [day(107), 'up']]);
  assert.ok(Math.abs(res.trace[107]!.expected - WEEK[107 % 7]!) < 8, `expected ${res.trace[107]!.expected}`);
});

test('decisions use only the past: appending data does not change earlier alerts', () => {
  const f = (i: number) => base(i) + (i === 60 ? 150 : 0) + (i >= 130 ? 80 : 0);
  const short = detectAnomalies(daily(100, f)).anomalies;
  const long = detectAnomalies(daily(200, f)).anomalies.filter((a) => a.timestamp < new Date(Date.UTC(2024, 0, 1) + 100 * DAY));
  assert.deepEqual(long, short);
});

test('minImpact and sensitivity filter alerts', () => {
  const s = daily(200, (i) => base(i) + (i === 100 ? 40 : 0) + (i === 150 ? 300 : 0));
  assert.equal(detectAnomalies(s).anomalies.length, 2);
  assert.equal(detectAnomalies(s, { minImpact: 100 }).anomalies.length, 1);
  assert.equal(detectAnomalies(s, { sensitivity: 0.2 }).anomalies.length, 1);
});

test('a sensitivity past 1000 is refused naming the field: scores of z × 1e308 overflowed to Infinity (null in JSON)', () => {
  const s = daily(200, (i) => base(i) + (i === 150 ? 300 : 0));
  assert.throws(() => detectAnomalies(s, { sensitivity: 1e308 }), { code: 'INPUT_INVALID', details: { field: 'sensitivity' } });
  const loud = detectAnomalies(s, { sensitivity: 1000 }).anomalies;
  assert.ok(loud.length > 0 && loud.every((a) => Number.isFinite(a.score)));
});

test('a ramp (+2 % a day from day 150) is reported once, as a drift dated near its start', () => {
  const res = detectAnomalies(daily(260, (i) => base(i) * (i < 150 ? 1 : Math.min(2, 1 + (i - 150) * 0.02))));
  assert.equal(res.anomalies.length, 1, JSON.stringify(res.anomalies.map((a) => [a.kind, a.timestamp])));
  const a = res.anomalies[0]!;
  assert.equal(a.kind, 'drift');
  assert.equal(a.direction, 'up');
  assert.ok(Math.abs((a.timestamp.getTime() - Date.UTC(2024, 0, 1)) / DAY - 150) <= 10, a.timestamp.toISOString());
});

test('the 3-sigma z-score baseline flags a jump and merges consecutive points', () => {
  const y = [...new Array<number>(10).fill(0).map((_, i) => i % 2), 50, 50, 0.5];
  assert.deepEqual(zscoreAlerts(y, 10), [{ onset: 10, end: 10 }]);
});

test('five-minute metrics are judged at their own spacing', () => {
  const n = 12 * 24 * 21; // three weeks of 5-minute samples, one missing
  const ts = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 300_000)).filter((_, i) => i !== 1000);
  const level = (i: number) => 50 + 20 * Math.sin((2 * Math.PI * (i % 288)) / 288) + 2 * noise(i);
  const values = ts.map((d) => { const i = Math.round((d.getTime() - Date.UTC(2024, 0, 1)) / 300_000); return level(i) + (i >= 4800 && i < 4806 ? 80 : 0); });
  const res = detectAnomalies({ timestamps: ts, values });
  assert.equal(res.values.length, n); // the missing sample is interpolated
  assert.deepEqual(res.anomalies.map((a) => [a.timestamp.toISOString(), a.kind, a.points]), [[new Date(Date.UTC(2024, 0, 1) + 4800 * 300_000).toISOString(), 'spike', 6]]);
});

test('a series that starts mid-history is new spend: no incident until it has a history of its own', () => {
  // Nothing for 60 days, then the usual weekly spend: the step from zero is its start, not a level shift.
  const res = detectAnomalies(daily(200, (i) => (i < 60 ? 0 : base(i))));
  assert.deepEqual(res.anomalies, []);
  // Once it has a history, it is judged like any other: +200 on day 150 is a spike.
  const later = detectAnomalies(daily(200, (i) => (i < 60 ? 0 : base(i)) + (i === 150 ? 200 : 0)));
  assert.deepEqual(later.anomalies.map((a) => [a.timestamp.toISOString().slice(0, 10), a.kind]), [[day(150), 'spike']]);
});

test('steady organic growth is not a drift; growth well beyond the series\' own rate is', () => {
  // 10 % a week, compounded, from day 0: 1.1^4 = +46 % over four weeks, past the 45 % drift threshold
  // if growth were measured against a flat past; against the series' own rate it is nothing new.
  const growth = (i: number) => 1.1 ** (i / 7);
  assert.deepEqual(detectAnomalies(daily(200, (i) => base(i) * growth(i))).anomalies, []);
  // The same growth, then from day 120 an extra ramp to +100 % over four weeks: a drift near day 120.
  const ramp = (i: number) => (i < 120 ? 1 : 1 + Math.min(1, (i - 120) / 28));
  const res = detectAnomalies(daily(200, (i) => base(i) * growth(i) * ramp(i)));
  const drifts = res.anomalies.filter((a) => a.kind === 'drift' || a.kind === 'level_shift');
  assert.ok(drifts.length >= 1, JSON.stringify(res.anomalies.map((a) => [a.kind, a.timestamp])));
  assert.ok(Math.abs((drifts[0]!.timestamp.getTime() - Date.UTC(2024, 0, 1)) / DAY - 120) <= 14, drifts[0]!.timestamp.toISOString());
});

test('a slow creep that the fast CUSUM misses is found by the slow one near its onset', () => {
  // Flat hourly metric, 2 % Gaussian noise (fixed-seed generator), creeping up 0.15 % an hour
  // (0.075 sigma) from hour 700. Each hour's score stays under 1 sigma, so only the slow CUSUM adds up.
  let seed = 777;
  const uniform = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const n = 24 * 7 * 6;
  const values = Array.from({ length: n }, (_, i) => 50 * (1 + 0.02 * gauss()) * (i >= 700 ? 1 + 0.0015 * Math.min(i - 700, 150) : 1));
  const res = detectAnomalies({ timestamps: values.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000)), values });
  const hour = (d: Date) => (d.getTime() - Date.UTC(2024, 0, 1)) / 3_600_000;
  assert.ok(res.anomalies.length >= 1, 'the creep is found');
  const first = res.anomalies[0]!;
  assert.equal(first.direction, 'up');
  assert.ok(hour(first.timestamp) >= 700 && hour(first.timestamp) <= 748, `onset at hour ${hour(first.timestamp)}`);
  assert.ok(hour(first.detectedAt) <= 700 + 72, `raised at hour ${hour(first.detectedAt)}`);
  assert.ok(res.anomalies.every((a) => hour(a.timestamp) >= 700), 'nothing before the creep');
});

test('a much larger jump inside an open incident is an alert of its own', () => {
  // +40 % from day 100 (a shift, still open), then day 104 at five times normal: two alerts.
  const res = detectAnomalies(daily(200, (i) => base(i) * (i >= 100 && i < 110 ? 1.4 : 1) * (i === 104 ? 5 / 1.4 : 1)));
  const onsets = res.anomalies.map((a) => [a.timestamp.toISOString().slice(0, 10), a.direction]);
  assert.deepEqual(onsets.slice(0, 2), [[day(100), 'up'], [day(104), 'up']]);
});

test('two points in a row well out the same way are one spike dated at the first; one such point alone is not', () => {
  // Daily noise here is ±4 % uniform (robust sigma about 4 % with the seasonal estimate's own error):
  // +20 % is about 4.5 sigma, under the 5-sigma bar on its own, but two such days in a row are reported.
  const one = detectAnomalies(daily(200, (i) => base(i) * (i === 120 ? 1.2 : 1)));
  assert.deepEqual(one.anomalies, []);
  const two = detectAnomalies(daily(200, (i) => base(i) * (i === 120 || i === 121 ? 1.2 : 1)));
  assert.deepEqual(two.anomalies.map((a) => [a.timestamp.toISOString().slice(0, 10), a.kind, a.direction]), [[day(120), 'spike', 'up']]);
});

const FIVE_MIN = 300_000;
const fiveMinute = (n: number, f: (i: number) => number): Series => ({
  timestamps: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * FIVE_MIN)),
  values: Array.from({ length: n }, (_, i) => f(i)),
});
const at5 = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * FIVE_MIN).toISOString();

test('a five-minute metric is watched from its first quarter day, not its third day', () => {
  // 50 ± 1 for ten hours, then one point at 150 (hour 10, point 120): a spike on the metric's first day.
  const res = detectAnomalies(fiveMinute(12 * 24, (i) => 50 + noise(i) + (i === 120 ? 100 : 0)));
  assert.deepEqual(res.anomalies.map((a) => [a.timestamp.toISOString(), a.kind, a.direction]), [[at5(120), 'spike', 'up']]);
});

test('bursts that stop for far longer than any earlier pause are one silence alert, dated when the pause became unusual', () => {
  // Two points at 100 every two hours (pauses of 22 zero points) for three days, then nothing.
  // The longest pause seen is 22 points; a pause is a silence once it is longer than 1.5 × 22 = 33,
  // i.e. at the 34th zero after the last burst point.
  const lastBurst = 24 * 36 + 1; // the second point of the last burst, at hour 72
  const res = detectAnomalies(fiveMinute(12 * 24 * 4, (i) => (i <= lastBurst && i % 24 < 2 ? 100 : 0)));
  const down = res.anomalies.filter((a) => a.direction === 'down');
  assert.deepEqual(down.map((a) => [a.timestamp.toISOString(), a.kind]), [[at5(lastBurst + 34), 'level_shift']]);
  assert.equal(down[0]!.actual, 0);
  // A pause as long as the usual ones is no alert.
  const regular = detectAnomalies(fiveMinute(12 * 24 * 4, (i) => (i % 24 < 2 ? 100 : 0)));
  assert.deepEqual(regular.anomalies.filter((a) => a.direction === 'down'), []);
});

test('a burst that builds up over a few samples is one alert', () => {
  // 50 ± 1 every five minutes for ten days; at point 2700 (day 9) a burst of 70, 150, 450, 450, each
  // at least twice as far out as the one before: one spike at point 2700, not one per doubling.
  const burst: Record<number, number> = { 2700: 70, 2701: 150, 2702: 450, 2703: 450 };
  const res = detectAnomalies(fiveMinute(12 * 24 * 10, (i) => burst[i] ?? 50 + noise(i)));
  assert.deepEqual(res.anomalies.map((a) => [a.timestamp.toISOString(), a.direction]), [[at5(2700), 'up']]);
});

test('on a five-minute metric, a burst of a size it has shown often lately is routine; a larger one is not', () => {
  // A flat 50 (robust scale at its 1 % floor, 0.5) with a burst every 20 points from point 600, each a
  // little smaller than the one before: +3.45 (6.9σ) down to +2.58 (5.2σ) at point 1180, then +6 at 1200.
  // A spike needs fewer than 2 % of the last three days (17.28 of 864 points) as far out the same way:
  // bursts 0..17 (points 600..940) pass, from the 18th (point 960) every earlier burst counts against
  // it, and the +6 burst is news again. Of the 18 that pass, a smaller burst within 12 hours (144
  // points) of the last reported one is its echo: 600, then 760 and 920 (160 points after the last).
  const burst = (i: number) => (i === 1200 ? 6 : i >= 600 && i < 1200 && i % 20 === 0 ? 3.45 - 0.03 * ((i - 600) / 20) : 0);
  const res = detectAnomalies(fiveMinute(1300, (i) => 50 + burst(i)));
  const at = res.anomalies.map((a) => Math.round((a.timestamp.getTime() - Date.UTC(2024, 0, 1)) / FIVE_MIN));
  assert.deepEqual(at, [600, 760, 920, 1200]);
});

test('a smaller burst within half a day of one just reported the same way is its echo; a larger or later one is news', () => {
  // 50 ± 1 every five minutes for eleven days (one point a burst, each alone and closed within the hour):
  // +100 at point 2700 (day 9, 09:00), +60 two hours later (an echo: within 12 hours and smaller),
  // +200 two hours after that (larger: news, and now the reference), +60 12.5 hours after the +200
  // (past the 12 hours: news again) and a -60 dip 2.7 hours later (the other way: no echo of an up burst).
  const burst: Record<number, number> = { 2700: 100, 2724: 60, 2748: 200, 2898: 60, 2930: -60 };
  const res = detectAnomalies(fiveMinute(12 * 24 * 11, (i) => 50 + noise(i) + (burst[i] ?? 0)));
  assert.deepEqual(res.anomalies.map((a) => [a.timestamp.toISOString(), a.direction]), [
    [at5(2700), 'up'], [at5(2748), 'up'], [at5(2898), 'up'], [at5(2930), 'down'],
  ]);
});

test('on a five-minute metric, a burst like one at the same time a week earlier is the weekly pattern; a new time or a larger one is news', () => {
  // A flat 50 every five minutes for 31 days (robust scale at its 1 % floor, 0.5); +3 (6σ) on day 9
  // at 10:00, day 16 at 10:30 (within the hour of last week's), day 23 at 10:00; +3 on day 23 at 18:00
  // (no burst then a week or two before) and +3.3 (6.6σ) on day 30 at 10:30, larger than the earlier
  // ones: alerts on day 9, day 23 18:00 and day 30. (At 10:00 on day 30 the hour-of-week median of
  // three weeks would already expect the burst.) Bursts stay under the fast CUSUM's alarm (7σ),
  // which opens an incident however routine the burst. (The first burst comes after the first week:
  // before the weekly profile exists a spike stays in the history, and the next day expects it.)
  const p = (d: number, h: number, m = 0) => d * 288 + h * 12 + m / 5;
  const burst: Record<number, number> = { [p(9, 10)]: 3, [p(16, 10, 30)]: 3, [p(23, 10)]: 3, [p(23, 18)]: 3, [p(30, 10, 30)]: 3.3 };
  const res = detectAnomalies(fiveMinute(288 * 31, (i) => 50 + (burst[i] ?? 0)));
  assert.deepEqual(res.anomalies.map((a) => a.timestamp.toISOString()), [at5(p(9, 10)), at5(p(23, 18)), at5(p(30, 10, 30))]);
});

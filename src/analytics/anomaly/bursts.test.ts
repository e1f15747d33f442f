import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectAnomalies } from './detect.ts';
import { burstNoise, createBursts, recordPoint } from './bursts.ts';
import type { Series } from '../forecast/index.ts';

const FIVE_MIN = 300_000;
const T0 = Date.UTC(2024, 0, 1);
/** Burst sizes cycle through these (mean 100), one burst an hour (every 12th five-minute point). */
const SIZES = [95, 100, 105, 98, 102];
const burstAt = (i: number) => (i % 12 === 0 ? SIZES[(i / 12) % SIZES.length]! : 0);

function fiveMinute(n: number, f: (i: number) => number): Series {
  return { timestamps: Array.from({ length: n }, (_, i) => new Date(T0 + i * FIVE_MIN)), values: Array.from({ length: n }, (_, i) => f(i)) };
}

test('the noise of an intermittent window is its standard deviation, zeros included', () => {
  // Window [0, 4): 0, 10, 0, 10 -> mean 5, mean square 50, variance 25, sd 5 (half are zeros: intermittent).
  const b = createBursts();
  [0, 10, 0, 10, 10, 10, 10, 10].forEach((v, t) => recordPoint(b, t, v, v));
  assert.equal(burstNoise(b, 0, 4, 4), 5);
  // Window [4, 8): no zeros, not intermittent.
  assert.equal(burstNoise(b, 0, 8, 4), 0);
});

test('routine bursts of similar size raise no alert; a burst ten times the usual is one alert at its timestamp', () => {
  const n = 6 * 288; // six days of five-minute points
  const big = 5 * 288 + 12 * 7; // an on-the-hour burst on day six
  assert.deepEqual(detectAnomalies(fiveMinute(n, burstAt)).anomalies, []);
  const res = detectAnomalies(fiveMinute(n, (i) => (i === big ? 1000 : burstAt(i))));
  assert.equal(res.anomalies.length, 1, JSON.stringify(res.anomalies));
  const a = res.anomalies[0]!;
  assert.equal(a.timestamp.getTime(), T0 + big * FIVE_MIN);
  assert.equal(a.kind, 'spike');
  assert.equal(a.direction, 'up');
});

test('a burst after a long stretch of zeros scores against the earlier bursts, not against zero', () => {
  // Three days of hourly bursts, four days of zeros (longer than the three-day window), then one usual burst.
  const quietFrom = 3 * 288;
  const after = 7 * 288;
  const res = detectAnomalies(fiveMinute(after + 12, (i) => (i < quietFrom ? burstAt(i) : i === after ? 100 : 0)));
  // Bursts of 100 in one point of 12: sd = 100·√(1/12·11/12) ≈ 27.6, so z ≈ 100 / 27.6 ≈ 3.6.
  const z = res.trace[after]!.z;
  assert.ok(Number.isFinite(z) && z > 2 && z < 6, `z ${z}`);
});

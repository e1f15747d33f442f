import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etsFilter, etsForecast } from './ets.ts';
import { autoEts, fitEts } from './ets-fit.ts';

const ann = { error: 'A' as const, trend: 'N' as const, season: 'N' as const, m: 1, m2: 0 };
const none = { beta: 0, gamma: 0, gamma2: 0, phi: 1 };

test('simple exponential smoothing recursion matches hand computation', () => {
  // l0 = 1, α = 0.5: errors 0, 1, 1.5 → levels 1, 1.5, 2.25.
  const init = { l: 1, b: 0, s: new Float64Array(1), s2: new Float64Array(1) };
  const run = etsFilter(ann, { alpha: 0.5, ...none }, init, [1, 2, 3], 0);
  assert.equal(run.final.l, 2.25);
  assert.equal(run.sse, 0 + 1 + 2.25);
  assert.deepEqual(etsForecast(ann, { alpha: 0.5, ...none }, run.final, 3, 2), [2.25, 2.25]);
});

test('additive Holt–Winters reproduces a trending weekly pattern', () => {
  const pattern = [0, 5, 10, 5, 0, -20, -25];
  const y = Array.from({ length: 140 }, (_, i) => 100 + 0.5 * i + pattern[i % 7]!);
  const fit = fitEts({ error: 'A', trend: 'A', season: 'A', m: 7, m2: 0 }, y);
  const f = fit.predict(Array.from({ length: 7 }, () => new Date(0)));
  f.forEach((v, k) => assert.ok(Math.abs(v - (100 + 0.5 * (140 + k) + pattern[(140 + k) % 7]!)) < 0.5, `step ${k}: ${v}`));
});

test('AICc picks a multiplicative season when the weekly swing grows with the level', () => {
  const factors = [1, 1.2, 1.4, 1.2, 1, 0.6, 0.5];
  const y = Array.from({ length: 210 }, (_, i) => (100 + 2 * i) * factors[i % 7]! * (1 + 0.02 * Math.sin(i * 1.7)));
  assert.equal(autoEts(y, 7).spec.season, 'M');
});

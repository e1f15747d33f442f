import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalWidths, normalQuantile, tQuantile } from './intervals.ts';

test('normal and Student-t quantiles match the tables', () => {
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.1) + 1.281552) < 1e-6);
  assert.ok(Math.abs(tQuantile(0.975, 4) - 2.776) < 0.01); // t table, ν = 4
  assert.ok(Math.abs(tQuantile(0.9, 10) - 1.372) < 0.005); // t table, ν = 10
});

test('interval widths grow with the step and never fall below the t floor', () => {
  // Five origins, errors ±1 at step 1 growing to ±3 at step 3 (alternating sign).
  const rows = [0, 1, 2, 3, 4].map((o) => [1, 2, 3].map((m) => (o % 2 ? m : -m)));
  const w = intervalWidths(rows, Number.NaN, 3, [80, 95], 100);
  const w95 = w.get(95)!;
  assert.ok(w95[0]! < w95[1]! && w95[1]! < w95[2]!);
  // Least squares on squared errors 1, 4, 9 gives a < 0, so a = 0 and b = mean(e²)/mean(j) = (14/3)/2:
  // s_3 = √7. The standardised errors (≤ 1.14) are below the t floor t(0.975, ν = 4).
  assert.ok(Math.abs(w95[2]! - tQuantile(0.975, 4) * Math.sqrt(7)) < 1e-9, `${w95[2]}`);
});

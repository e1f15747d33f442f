import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seasonalNaiveForecast } from './seasonal-naive.ts';
import { nelderMead } from './nelder-mead.ts';

test('seasonal naive repeats the last season', () => {
  assert.deepEqual(seasonalNaiveForecast([1, 2, 3, 4, 5, 6, 7], 3, 5), [5, 6, 7, 5, 6]);
  assert.deepEqual(seasonalNaiveForecast([4, 9], 7, 2), [9, 9]); // shorter than a season: naive
});

test('Nelder–Mead finds the Rosenbrock minimum at (1, 1)', () => {
  const r = nelderMead(([x = 0, y = 0]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], { maxEvals: 2000, tol: 1e-14, step: 0.5 });
  assert.ok(Math.abs(r.x[0]! - 1) < 1e-3 && Math.abs(r.x[1]! - 1) < 1e-3, `got ${r.x}`);
});

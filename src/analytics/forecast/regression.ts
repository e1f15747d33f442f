/**
 * A decomposable additive regression in the spirit of Prophet (Taylor &
 * Letham 2018): y = trend(t) + seasonality(calendar) + holidays + noise, with
 * a piecewise-linear trend whose slope may change at many candidate
 * changepoints. Prophet puts a sparse Laplace prior on the slope changes; we
 * use a ridge (Gaussian) penalty, which has a closed-form solution and keeps a
 * fit to a few milliseconds, so "automatic changepoints" means: many
 * candidates, shrunk towards no change unless the data insist.
 */
import { designRow, makeLayout } from './regression-features.ts';
import { ridge } from './linalg.ts';
import { mean } from './model.ts';
import type { Fitted, FitInput, ModelSpec } from './model.ts';

/**
 * Ridge penalties per history point on standardised y: slope changes shrink
 * hard (a change must be supported by many points), seasonality lightly.
 */
const CHANGEPOINT_PENALTY = 0.05;
const SEASON_PENALTY = 0.001;

function scaleOf(y: readonly number[]): number {
  const mu = mean(y);
  const sd = Math.sqrt(mean(y.map((v) => (v - mu) ** 2)));
  return sd > 0 ? sd : Math.abs(mu) > 0 ? Math.abs(mu) : 1;
}

export function regressionModel(): ModelSpec {
  return {
    name: 'regression',
    minLength: (periods) => Math.max(8, (periods[0] ?? 1) + 2),
    fit(input: FitInput): Fitted {
      const n = input.y.length;
      const layout = makeLayout(n, input.grain, input.holidays);
      const X = input.timestamps.map((d, i) => designRow(layout, i, d));
      const scale = scaleOf(input.y);
      const mu = mean(input.y);
      const ys = input.y.map((v) => (v - mu) / scale);
      const penalty = layout.kinds.map((k) => n * (k === 'changepoint' ? CHANGEPOINT_PENALTY : k === 'season' || k === 'holiday' ? SEASON_PENALTY : 0));
      const beta = ridge(X, ys, penalty);
      const dot = (row: Float64Array): number => {
        let s = 0; // a plain loop: this runs for every history point at every CV refit
        for (let j = 0; j < row.length; j++) s += row[j]! * beta[j]!;
        return s;
      };
      let sse = 0;
      X.forEach((row, i) => { sse += ((input.y[i]! - mu) / scale - dot(row)) ** 2; });
      return {
        name: 'regression',
        sigma2: (sse / Math.max(1, n - beta.length)) * scale * scale,
        predict: (future) => future.map((d, k) => mu + scale * dot(designRow(layout, n + k, d))),
      };
    },
  };
}

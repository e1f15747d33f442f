/**
 * A seasonal-difference autoregression, i.e. ARIMA(p,0,0)(1,1,0)_m with
 * drift, fitted by least squares. Seasonal naive assumes this week's change on
 * last week is noise; this model forecasts that change from the last few
 * changes. It keeps seasonal naive's strength (it carries the most recent
 * profile forward, which matters when the daily shape drifts, as in M4's
 * hourly series) while correcting for the level moving since last season.
 */
import { ridge } from './linalg.ts';
import type { Fitted, FitInput, ModelSpec } from './model.ts';

const P = 3;

function lagsRow(z: readonly number[], t: number, m: number): Float64Array {
  const row = new Float64Array(P + 2);
  row[0] = 1;
  for (let i = 1; i <= P; i++) row[i] = z[t - i]!;
  row[P + 1] = z[t - m]!;
  return row;
}

export function seasonalArModel(): ModelSpec {
  return {
    name: 'seasonal_ar',
    minLength: (periods) => 3 * (periods[0] ?? 1) + 2 * P + 10,
    fit(input: FitInput): Fitted {
      const m = input.periods[0] ?? 1;
      const y = input.y;
      const z = y.map((v, t) => (t >= m ? v - y[t - m]! : 0)).slice(m);
      const start = Math.max(P, m);
      const X: Float64Array[] = [];
      const target: number[] = [];
      for (let t = start; t < z.length; t++) { X.push(lagsRow(z, t, m)); target.push(z[t]!); }
      const scale = Math.max(1e-9, Math.sqrt(target.reduce((s, v) => s + v * v, 0) / Math.max(1, target.length)));
      // Light ridge on the AR terms guards against near-unit-root explosions over long horizons.
      const beta = ridge(X.map((r) => r.map((v, j) => (j === 0 ? v : v / scale))), target.map((v) => v / scale), [0, ...new Array<number>(P + 1).fill(target.length * 1e-3)]);
      let sse = 0;
      X.forEach((r, i) => { const f = r.reduce((s, v, j) => s + (j === 0 ? v : v / scale) * beta[j]!, 0); sse += (target[i]! / scale - f) ** 2; });
      return {
        name: 'seasonal_ar',
        sigma2: (sse / Math.max(1, X.length)) * scale * scale,
        predict(future) {
          const zz = z.slice();
          const yy = y.slice();
          for (let k = 0; k < future.length; k++) {
            const row = lagsRow(zz, zz.length, m);
            const next = scale * row.reduce((s, v, j) => s + (j === 0 ? v : v / scale) * beta[j]!, 0);
            zz.push(next);
            yy.push(yy[yy.length - m]! + next);
          }
          return yy.slice(y.length);
        },
      };
    },
  };
}

/**
 * Dynamic harmonic regression for hourly data: a level plus Fourier terms for
 * the day (24) and, with two weeks of history, the week (168), fitted by
 * discounted least squares so that the shape and the level follow the last
 * few weeks rather than the whole history; then a short-memory model of what
 * is left. This is what makes TBATS strong on hourly series (trigonometric
 * seasonality whose shape adapts slowly, with correlated errors), in closed
 * form and without a trend to extrapolate.
 *
 * What is left (the residual) is forecast one of two ways, whichever
 * predicted the next day better over the recent history: an AR(2) that lets
 * the current deviation fade (a busy afternoon), or a smoothed level that
 * keeps it (the series has moved since the weighted fit's centre).
 */
import { ridge } from './linalg.ts';
import { fourier } from './regression-features.ts';
import type { Fitted, FitInput, ModelSpec } from './model.ts';

/** Weights halve every two weeks back from the end of the history. */
const HALF_LIFE = 336;
/** Fourier pairs for the day and the week: enough for a morning and evening peak, few enough to stay smooth. */
const ORDERS = [6, 4];
const AR = 2;
const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];

/** Intercept, then sin/cos of 2πkt/m for k = 1 … order of each period m, at position t. */
export function harmonicRow(t: number, periods: readonly number[], orders: readonly number[]): Float64Array {
  const row = [1];
  periods.forEach((m, p) => fourier(t / m, orders[p] ?? 0, row));
  return Float64Array.from(row);
}

/** Least-squares coefficients of y on its rows after weighting each point by w; a light ridge keeps harmonics that coincide (week k = 7 is day k = 1) solvable. */
export function discountedFit(y: readonly number[], rows: readonly Float64Array[], halfLife: number): number[] {
  const n = y.length;
  const X: Float64Array[] = [];
  const yw: number[] = [];
  let weight = 0;
  for (let t = 0; t < n; t++) {
    const w = 0.5 ** ((n - 1 - t) / halfLife);
    const s = Math.sqrt(w);
    weight += w;
    X.push(rows[t]!.map((v) => v * s));
    yw.push(y[t]! * s);
  }
  return ridge(X, yw, Array.from(rows[0]!, (_, j) => (j === 0 ? 0 : weight * 1e-4)));
}

/** AR(p) coefficients of r by least squares on its last `window` points, scaled back so the sum stays below 0.98 (a near-unit root would carry a step on for ever). */
export function residualAr(r: readonly number[], p: number, window: number): number[] {
  const X: Float64Array[] = [];
  const y: number[] = [];
  for (let t = Math.max(p, r.length - window); t < r.length; t++) {
    X.push(Float64Array.from({ length: p }, (_, i) => r[t - 1 - i]!));
    y.push(r[t]!);
  }
  if (y.length < 3 * p) return new Array<number>(p).fill(0);
  const phi = ridge(X, y, new Array<number>(p).fill(1e-3 * y.reduce((s, v) => s + v * v, 0)));
  const sum = phi.reduce((s, v) => s + v, 0);
  return sum > 0.98 ? phi.map((v) => (v * 0.98) / sum) : phi;
}

/** The next `h` values of the AR recursion after `tail` (oldest first). */
export function arPath(tail: readonly number[], phi: readonly number[], h: number): number[] {
  const r = tail.slice();
  for (let k = 0; k < h; k++) r.push(phi.reduce((s, c, i) => s + c * r[r.length - 1 - i]!, 0));
  return r.slice(tail.length);
}

/** Simple exponential smoothing constant whose level best predicts the next `lead` points of r from `from` on (summed absolute error), and that level at the end. */
export function sesLevel(r: readonly number[], from: number, lead: number): { alpha: number; level: number; error: number } {
  let best = { alpha: 1, level: 0, error: Infinity };
  for (const alpha of ALPHAS) {
    let level = r[from - 1]!;
    let error = 0;
    for (let t = from; t < r.length; t++) {
      for (let j = 0; j < lead && t + j < r.length; j++) error += Math.abs(r[t + j]! - level);
      level += alpha * (r[t]! - level);
    }
    if (error < best.error) best = { alpha, level, error };
  }
  return best;
}

export function harmonicModel(): ModelSpec {
  return {
    name: 'harmonic',
    minLength: (periods) => 2 * (periods[0] ?? 1) + 10,
    fit(input: FitInput): Fitted {
      const y = input.y;
      const n = y.length;
      const periods = input.periods.filter((m) => m > 1);
      const orders = periods.map((m, p) => Math.min(ORDERS[p] ?? 0, Math.floor((m - 1) / 2)));
      const rows = y.map((_, t) => harmonicRow(t, periods, orders));
      const beta = discountedFit(y, rows, HALF_LIFE);
      const at = (row: Float64Array): number => row.reduce((s, v, j) => s + v * beta[j]!, 0);
      const resid = y.map((v, t) => v - at(rows[t]!));
      const lead = periods[0] ?? 24;
      // Both residual models are judged on the same recent stretch, a day ahead from every point of it.
      const from = Math.max(AR, n - 2 * HALF_LIFE);
      const phi = residualAr(resid, AR, Math.max(4 * lead, HALF_LIFE));
      const ses = sesLevel(resid, from, lead);
      let arError = 0;
      for (let t = from; t < n; t++) {
        const path = arPath(resid.slice(t - AR, t), phi, Math.min(lead, n - t));
        path.forEach((v, j) => { arError += Math.abs(resid[t + j]! - v); });
      }
      const useLevel = ses.error < arError;
      const recent = resid.slice(-HALF_LIFE);
      const label = `harmonic(${orders.join(',')})+${useLevel ? `level α=${ses.alpha}` : `ar(${AR})`}`;
      return {
        name: label,
        sigma2: recent.reduce((s, v) => s + v * v, 0) / recent.length,
        predict(future) {
          const rest = useLevel ? future.map(() => ses.level) : arPath(resid.slice(-AR), phi, future.length);
          return future.map((_, k) => at(harmonicRow(n + k, periods, orders)) + rest[k]!);
        },
      };
    },
  };
}

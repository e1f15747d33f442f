/**
 * Prediction intervals from cross-validation errors. Model-based variances
 * assume the model is right; h-step CV errors measure how wrong it actually
 * was, which is better calibrated on real spend (Hyndman & Athanasopoulos,
 * FPP3 §5.5). With only a few origins we pool the steps: the error spread is
 * modelled as s_j² = a + b·j, and the multiplier is the empirical quantile of
 * the pooled standardised errors, at least a Student-t quantile.
 */
import { quantile } from './model.ts';

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((s, v) => s * x + v, 0);
  if (p < pl) { const q = Math.sqrt(-2 * Math.log(p)); return poly(c, q) / (poly(d, q) * q + 1); }
  if (p > 1 - pl) { const q = Math.sqrt(-2 * Math.log(1 - p)); return -poly(c, q) / (poly(d, q) * q + 1); }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * Student-t quantile by the Cornish–Fisher expansion around the normal one
 * (Abramowitz & Stegun 26.7.5); within 1 % for ν ≥ 3.
 */
export function tQuantile(p: number, nu: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}

/** Half-widths per step j = 1..h for each central level (in percent, e.g. 80). */
export type Widths = Map<number, number[]>;

/** Fit s_j² = a + b·j (a, b ≥ 0) to squared errors by least squares. */
function spreadBySteps(rows: readonly number[][], h: number): number[] {
  const pts: Array<[number, number]> = [];
  rows.forEach((r) => r.forEach((e, j) => pts.push([j + 1, e * e])));
  const n = pts.length;
  const mj = pts.reduce((s, p) => s + p[0], 0) / n;
  const me = pts.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [j, e2] of pts) { num += (j - mj) * (e2 - me); den += (j - mj) ** 2; }
  let b = den > 0 ? Math.max(0, num / den) : 0;
  let a = me - b * mj;
  if (a < 0) { a = 0; b = me / mj; }
  return Array.from({ length: h }, (_, k) => Math.sqrt(a + b * (k + 1)));
}

/**
 * Interval half-widths for a forecast of `h` steps. `rows` are CV errors
 * (actual − forecast) per origin per step; beyond the CV horizon the spread
 * keeps growing along the fitted line. Without CV errors we fall back on the
 * one-step variance growing like a random walk, inflated because a short
 * history also leaves the model itself uncertain.
 */
export function intervalWidths(rows: readonly number[][], sigma2: number, h: number, levels: readonly number[], n: number): Widths {
  const count = rows.reduce((s, r) => s + r.length, 0);
  const out: Widths = new Map();
  if (count < 4) {
    const inflate = 1 + 10 / Math.max(n, 1);
    const sd = Math.sqrt(Number.isFinite(sigma2) && sigma2 > 0 ? sigma2 : 0);
    for (const level of levels) {
      const z = normalQuantile(0.5 + level / 200);
      out.set(level, Array.from({ length: h }, (_, k) => z * sd * Math.sqrt(k + 1) * inflate));
    }
    return out;
  }
  const spread = spreadBySteps(rows, h);
  const z: number[] = [];
  rows.forEach((r) => r.forEach((e, j) => { const s = spread[Math.min(j, h - 1)]!; if (s > 0) z.push(Math.abs(e) / s); }));
  // The errors of one origin move together, so there are about as many independent
  // samples as origins, and the chosen model's CV errors are its luckiest: the floor
  // is a Student-t quantile with (origins − 1) degrees of freedom, not the normal.
  const nu = Math.max(2, rows.length - 1);
  for (const level of levels) {
    const floor = tQuantile(0.5 + level / 200, nu);
    const empirical = z.length > 0 ? quantile(z, level / 100) : floor;
    out.set(level, spread.map((s) => Math.max(empirical, floor) * s));
  }
  return out;
}

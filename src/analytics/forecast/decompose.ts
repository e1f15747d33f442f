/**
 * Classical decomposition helpers: a centred moving average for the trend,
 * seasonal indices averaged per position, and the autocorrelation test that
 * the M4 benchmarks use to decide whether a series is seasonal at all.
 */
import { mean, median } from './model.ts';

export type SeasonMode = 'add' | 'mult';

/** Centred moving average of order m (2×m for even m); NaN where the window does not fit. */
export function centredMovingAverage(y: readonly number[], m: number): number[] {
  const n = y.length;
  const out = new Array<number>(n).fill(Number.NaN);
  const half = Math.floor(m / 2);
  for (let i = half; i < n - half; i++) {
    let s = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) s += y[i + k]!;
      out[i] = s / m;
    } else {
      for (let k = -half + 1; k < half; k++) s += y[i + k]!;
      s += 0.5 * (y[i - half]! + y[i + half]!);
      out[i] = s / m;
    }
  }
  return out;
}

/**
 * Seasonal indices of period m; index p applies to every y[i] with i % m === p.
 * Uses the median per position so one anomalous week does not become part of the pattern.
 */
export function seasonalIndices(y: readonly number[], m: number, mode: SeasonMode): number[] {
  const trend = centredMovingAverage(y, m);
  const byPos: number[][] = Array.from({ length: m }, () => []);
  y.forEach((v, i) => {
    const t = trend[i]!;
    if (!Number.isFinite(t)) return;
    if (mode === 'mult' && t === 0) return;
    byPos[i % m]!.push(mode === 'add' ? v - t : v / t);
  });
  const raw = byPos.map((vals) => (vals.length ? median(vals) : mode === 'add' ? 0 : 1));
  const c = mean(raw);
  return mode === 'add' ? raw.map((s) => s - c) : raw.map((s) => (c === 0 ? 1 : s / c));
}

/** Autocorrelation at lags 1..maxLag. */
export function acf(y: readonly number[], maxLag: number): number[] {
  const mu = mean(y);
  let den = 0;
  for (const v of y) den += (v - mu) ** 2;
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let num = 0;
    for (let i = k; i < y.length; i++) num += (y[i]! - mu) * (y[i - k]! - mu);
    out.push(den === 0 ? 0 : num / den);
  }
  return out;
}

/**
 * 90 % test that the lag-m autocorrelation is non-zero (Bartlett's variance),
 * as in the M4 competition's Theta and Naive2 benchmarks.
 */
export function isSeasonal(y: readonly number[], m: number): boolean {
  if (m <= 1 || y.length < 3 * m) return false;
  const r = acf(y, m);
  let s = 0;
  for (let k = 0; k < m - 1; k++) s += r[k]! ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * s) / y.length);
  return Math.abs(r[m - 1]!) > limit;
}

/** Remove seasonality with the given indices; `offset` is the series position of y[0]. */
export function deseasonalise(y: readonly number[], idx: readonly number[], mode: SeasonMode, offset = 0): number[] {
  const m = idx.length;
  return y.map((v, i) => { const s = idx[(i + offset) % m]!; return mode === 'add' ? v - s : v / s; });
}

/** Put seasonality back onto forecasts that start at series position `offset`. */
export function reseasonalise(f: readonly number[], idx: readonly number[], mode: SeasonMode, offset: number): number[] {
  const m = idx.length;
  return f.map((v, k) => { const s = idx[(offset + k) % m]!; return mode === 'add' ? v + s : v * s; });
}

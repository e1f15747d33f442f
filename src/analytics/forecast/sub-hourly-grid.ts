/**
 * Metrics often arrive every few minutes (CloudWatch, traffic counters). They
 * are put on a grid of their own spacing (the median gap, whole minutes) with
 * the mean per cell, so a short burst keeps its height instead of being
 * averaged into an hour; gaps are interpolated linearly. The anomaly detector
 * runs on this grid directly; the forecaster models its hourly means
 * (sub-hourly.ts).
 */
import type { Series } from './series.ts';

const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** Median spacing between sorted distinct timestamps, in ms. */
export function medianSpacing(timestamps: readonly Date[]): number {
  const t = [...new Set(timestamps.map((d) => d.getTime()))].sort((a, b) => a - b);
  const diffs = t.slice(1).map((v, i) => v - t[i]!).sort((a, b) => a - b);
  return diffs[Math.floor((diffs.length - 1) / 2)] ?? HOUR;
}

export interface Grid {
  step: number;
  timestamps: Date[];
  values: number[];
}

/** A median spacing this far under an hour makes a series sub-hourly (for the forecaster and the anomaly detector alike). */
export const isSubHourly = (spacing: number): boolean => spacing < 0.75 * HOUR;

/** The grid spacing for a median spacing: whole minutes, at least one. */
export const subHourlyStep = (spacing: number): number => Math.max(MINUTE, Math.round(spacing / MINUTE) * MINUTE);

export function subHourlyGrid(series: Series, spacing: number): Grid {
  const step = subHourlyStep(spacing);
  const cells = new Map<number, [number, number]>();
  series.timestamps.forEach((d, i) => {
    const v = series.values[i]!;
    if (!Number.isFinite(v)) return;
    const k = Math.floor(d.getTime() / step) * step;
    const c = cells.get(k) ?? [0, 0];
    cells.set(k, [c[0] + v, c[1] + 1]);
  });
  const keys = [...cells.keys()].sort((a, b) => a - b);
  const timestamps: Date[] = [];
  const values: number[] = [];
  for (let k = keys[0] ?? 0; k <= (keys[keys.length - 1] ?? -1); k += step) {
    const c = cells.get(k);
    timestamps.push(new Date(k));
    values.push(c ? c[0] / c[1] : Number.NaN);
  }
  interpolate(values);
  return { step, timestamps, values };
}

function interpolate(values: number[]): void {
  let i = 0;
  while (i < values.length) {
    if (!Number.isNaN(values[i]!)) { i++; continue; }
    let j = i;
    while (j < values.length && Number.isNaN(values[j]!)) j++;
    const a = i > 0 ? values[i - 1]! : values[j]!;
    const b = j < values.length ? values[j]! : a;
    for (let k = i; k < j; k++) values[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    i = j;
  }
}

/**
 * Batch entry point over a plain series: regularise, run the live detector
 * over the whole history, and report one alert per incident at its onset.
 */
import { OutlayError } from '../../core/index.ts';
import { regularise } from '../forecast/index.ts';
import type { Grain, Series } from '../forecast/index.ts';
import { runDetector, rulesFor } from './detector.ts';
import { toAnomaly } from './incident.ts';
import type { Anomaly, DetectOptions, PointTrace } from './types.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Median spacing between sorted distinct timestamps, in ms. */
function medianSpacing(timestamps: readonly Date[]): number {
  const t = [...new Set(timestamps.map((d) => d.getTime()))].sort((a, b) => a - b);
  const diffs = t.slice(1).map((v, i) => v - t[i]!).sort((a, b) => a - b);
  return diffs[Math.floor((diffs.length - 1) / 2)] ?? HOUR;
}

/**
 * Metrics often arrive every few minutes (CloudWatch, traffic counters). The
 * seasonal baseline works on hourly cells, so sub-hourly points are averaged
 * per hour: a mean, not a sum, so an hour with a missing sample does not look
 * like a dip. (Spend callers pass hourly or daily sums already.)
 */
export function toHourlyMeans(series: Series): Series {
  if (medianSpacing(series.timestamps) >= 0.75 * HOUR) return series;
  const cells = new Map<number, [number, number]>();
  series.timestamps.forEach((d, i) => {
    const v = series.values[i]!;
    if (!Number.isFinite(v)) return;
    const k = Math.floor(d.getTime() / HOUR) * HOUR;
    const c = cells.get(k) ?? [0, 0];
    cells.set(k, [c[0] + v, c[1] + 1]);
  });
  const keys = [...cells.keys()].sort((a, b) => a - b);
  return { timestamps: keys.map((k) => new Date(k)), values: keys.map((k) => cells.get(k)![0] / cells.get(k)![1]) };
}

export interface DetectResult {
  /** Grain the detector worked at (sub-hourly input is reported hourly). */
  grain: Grain;
  anomalies: Anomaly[];
  /** Per grid point: expected value, scale, score, whether it was anomalous. */
  trace: PointTrace[];
  timestamps: Date[];
  values: number[];
}

/**
 * Find spikes, level shifts and drifts in `series`, each decided using only
 * the points before it. Sub-hourly data are averaged per hour first.
 * @example detectAnomalies({ timestamps, values }, { minImpact: 100 }).anomalies
 */
export function detectAnomalies(series: Series, opts: DetectOptions = {}): DetectResult {
  const sensitivity = opts.sensitivity ?? 1;
  if (!(sensitivity > 0)) throw new OutlayError('INPUT_INVALID', `sensitivity must be positive, got ${sensitivity}`, { field: 'sensitivity' });
  const reg = regularise(toHourlyMeans(series));
  const holidays = new Set((opts.holidays ?? []).map((d) => Math.floor(d.getTime() / DAY)));
  const excluded = (t: number) => holidays.has(Math.floor(reg.timestamps[t]!.getTime() / DAY));
  const run = runDetector(reg.values, reg.grain, { sensitivity, driftThreshold: opts.driftThreshold ?? 0.45, excluded });
  const spikeMax = rulesFor(reg.grain).spikeMax;
  const all = [
    ...run.incidents.map((inc) => toAnomaly(inc, reg.timestamps, spikeMax, false)),
    ...(run.open ? [toAnomaly(run.open, reg.timestamps, spikeMax, true)] : []),
  ];
  const minImpact = opts.minImpact ?? 0;
  return {
    grain: reg.grain,
    anomalies: all.filter((a) => Math.abs(a.impact) >= minImpact),
    trace: run.trace,
    timestamps: reg.timestamps,
    values: reg.values,
  };
}

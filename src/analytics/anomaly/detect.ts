/**
 * Batch entry point over a plain series: regularise, run the live detector
 * over the whole history, and report one alert per incident at its onset.
 */
import { OutlayError } from '../../core/index.ts';
import { isSubHourly, medianSpacing, regularise, subHourlyGrid } from '../forecast/index.ts';
import type { Grain, Series } from '../forecast/index.ts';
import { runDetector, rulesFor } from './detector.ts';
import { toAnomaly } from './incident.ts';
import type { Anomaly, DetectOptions, PointTrace } from './types.ts';

const DAY = 86_400_000;
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
  const spacing = medianSpacing(series.timestamps);
  // Sub-hourly metrics keep their own spacing; they format like hourly data (full date-times).
  const reg = isSubHourly(spacing)
    ? { ...subHourlyGrid(series, spacing), grain: 'hourly' as const }
    : { step: undefined, ...regularise(series) };
  const holidays = new Set((opts.holidays ?? []).map((d) => Math.floor(d.getTime() / DAY)));
  const excluded = (t: number) => holidays.has(Math.floor(reg.timestamps[t]!.getTime() / DAY));
  const run = runDetector(reg.values, reg.grain, { sensitivity, driftThreshold: opts.driftThreshold ?? 0.45, excluded, stepMs: reg.step });
  const spikeMax = rulesFor(reg.grain, reg.step).spikeMax;
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

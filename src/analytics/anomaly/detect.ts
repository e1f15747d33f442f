/**
 * Batch entry point over a plain series: regularise, run the live detector
 * over the whole history, and report one alert per incident at its onset.
 */
import { OutlayError } from '../../core/index.ts';
import { isSubHourly, medianSpacing, monthlyCharges, regularise, subHourlyGrid } from '../forecast/index.ts';
import type { Grain, Series } from '../forecast/index.ts';
import { runDetector, rulesFor, type RunResult } from './detector.ts';
import { toAnomaly } from './incident.ts';
import type { Anomaly, DetectOptions, PointTrace } from './types.ts';

const DAY = 86_400_000;
/**
 * Sensitivity multiplies every score: at 1000 a point a two-hundredth of a
 * noise unit out already alerts, and far beyond it (1e308) the scores
 * overflowed to Infinity.
 */
export const MAX_SENSITIVITY = 1000;
export interface DetectResult {
  /** Grain the detector worked at (sub-hourly input is reported hourly). */
  grain: Grain;
  anomalies: Anomaly[];
  /** Per grid point: expected value, scale, score, whether it was anomalous. */
  trace: PointTrace[];
  /**
   * Points the detector judged: the warm-up (two weeks of daily data, two days
   * of hourly, from the first spend) is learnt as history, never alerted on, so
   * "no anomalies" in a series shorter than that says nothing.
   */
  judged: number;
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
  if (!(sensitivity > 0 && sensitivity <= MAX_SENSITIVITY)) {
    throw new OutlayError('INPUT_INVALID', `sensitivity must be positive and at most ${MAX_SENSITIVITY}, got ${sensitivity}`, { field: 'sensitivity' });
  }
  const spacing = medianSpacing(series.timestamps);
  // Sub-hourly metrics keep their own spacing; they format like hourly data (full date-times).
  const reg = isSubHourly(spacing)
    ? { ...subHourlyGrid(series, spacing), grain: 'hourly' as const }
    : { step: undefined, ...regularise(series) };
  const holidays = new Set((opts.holidays ?? []).map((d) => Math.floor(d.getTime() / DAY)));
  const excluded = (t: number) => holidays.has(Math.floor(reg.timestamps[t]!.getTime() / DAY));
  // A charge billed on a day of every month (monthly-charges.ts) is expected there, once known from earlier months.
  const charge = reg.step === undefined ? monthlyCharges(reg.timestamps, reg.values, reg.grain).expected : undefined;
  const y = charge?.some((c) => c !== 0) ? reg.values.map((v, t) => v - charge[t]!) : reg.values;
  const run = runDetector(y, reg.grain, { sensitivity, driftThreshold: opts.driftThreshold ?? 0.45, excluded, stepMs: reg.step });
  if (y !== reg.values) withCharges(run, charge!);
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
    judged: run.judged,
    timestamps: reg.timestamps,
    values: reg.values,
  };
}

/** The detector saw the series less its monthly charges: put them back into what it expected and saw, so alerts read in the series' own amounts. */
function withCharges(run: RunResult, charge: readonly number[]): void {
  run.trace.forEach((p, t) => { p.expected += charge[t]!; });
  for (const inc of [...run.incidents, ...(run.open ? [run.open] : [])]) {
    let sum = 0;
    for (let t = inc.onset; t <= inc.last; t++) sum += charge[t]!;
    inc.expectedSum += sum;
    inc.actualSum += sum;
  }
}

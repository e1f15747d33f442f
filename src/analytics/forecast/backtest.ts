/**
 * Out-of-sample evaluation: hold out the last few horizons, forecast each
 * from the history before it, and score every family plus the automatic
 * selection ("auto", which runs its own inner CV on the training part only,
 * so it is judged exactly as it would run live).
 */
import { OutlayError } from '../../core/index.ts';
import { BASELINE, MEDIAN_ALL, candidateModels, combinationMembers, combine } from './candidates.ts';
import { fitInputOf, forecast, magnitudeScale } from './forecast.ts';
import { seasonalNaiveForecast } from './seasonal-naive.ts';
import { isSubHourly, medianSpacing, subHourlyGrid } from './sub-hourly-grid.ts';
import { mape, mase, smape, totalError } from './metrics.ts';
import { regularise } from './series.ts';
import type { Grain, RegularSeries, Series } from './series.ts';

export interface BacktestOptions {
  horizon: number;
  /** Number of non-overlapping test windows at the end (default 3). */
  origins?: number;
}

export interface ModelScore {
  model: string;
  mape: number;
  smape: number;
  mase: number;
  /** Mean absolute error of the horizon total, percent of the actual total. */
  totalError: number;
}

export interface BacktestResult {
  grain: Grain;
  /** Spacing of the points in ms when finer than the grain (sub-hourly series). */
  stepMs?: number;
  horizon: number;
  origins: number[];
  /** Seasonal period used by MASE. */
  period: number;
  models: ModelScore[];
  /** Share of held-out actuals inside the automatic forecast's 80 % and 95 % intervals. */
  coverage: { p80: number; p95: number };
}

type Forecasts = Map<string, number[]>;
const DAY = 86_400_000;
type Bounds = Array<{ lo80: number; hi80: number; lo95: number; hi95: number }>;

interface Scored { out: Forecasts; bounds: Bounds }

function forecastsAt(reg: RegularSeries, o: number, horizon: number): Scored {
  const y = reg.values;
  const input = fitInputOf({ ...reg, values: y.slice(0, o), timestamps: reg.timestamps.slice(0, o), filled: reg.filled.slice(0, o) });
  const future = reg.timestamps.slice(o, o + horizon);
  const out: Forecasts = new Map();
  for (const model of candidateModels(input.grain, o, input.periods)) {
    if (o < model.minLength(input.periods)) continue;
    try { out.set(model.name, model.fit(input).predict(future)); } catch { /* family sits out */ }
  }
  const members = combinationMembers([...out.keys()]);
  if (members.length >= 2) out.set(MEDIAN_ALL, combine(members.map((m) => out.get(m)!)));
  const auto = forecast({ timestamps: reg.timestamps.slice(0, o), values: y.slice(0, o) }, { horizon });
  out.set('auto', auto.points.map((p) => p.value));
  return { out, bounds: auto.points };
}

/**
 * Sub-hourly series: the families work on hourly means, so only the automatic
 * forecast (at the series' own spacing) is scored, against seasonal naive one
 * day of slots back.
 */
function subHourlyBacktest(series: Series, spacing: number): { reg: RegularSeries; step: number; period: number; at: (o: number, horizon: number) => Scored } {
  const grid = subHourlyGrid(series, spacing);
  const perDay = DAY / grid.step;
  const reg: RegularSeries = { grain: 'hourly', timestamps: grid.timestamps, values: grid.values, filled: grid.values.map(() => false) };
  const at = (o: number, horizon: number): Scored => {
    const auto = forecast({ timestamps: grid.timestamps.slice(0, o), values: grid.values.slice(0, o) }, { horizon });
    const out: Forecasts = new Map([[BASELINE, seasonalNaiveForecast(grid.values.slice(0, o), perDay, horizon)], ['auto', auto.points.map((p) => p.value)]]);
    return { out, bounds: auto.points };
  };
  return { reg, step: grid.step, period: grid.values.length >= 2 * perDay ? perDay : 1, at };
}

/** Backtest every family and the automatic choice on the last `origins` windows of `horizon` points. */
export function backtest(input: Series, opts: BacktestOptions): BacktestResult {
  // Every score is relative (MAPE, MASE, % of the total), so amounts too large or small for squared errors are scored at a safe scale.
  const k = magnitudeScale(input.values);
  const series = k === 1 ? input : { timestamps: input.timestamps, values: input.values.map((v) => v * k) };
  const spacing = medianSpacing(series.timestamps);
  const sub = series.timestamps.length > 1 && isSubHourly(spacing) ? subHourlyBacktest(series, spacing) : undefined;
  const reg = sub?.reg ?? regularise(series);
  const y = reg.values;
  const count = opts.origins ?? 3;
  const origins: number[] = [];
  for (let k = count; k >= 1; k--) { const o = y.length - k * opts.horizon; if (o >= 8) origins.push(o); }
  if (origins.length === 0) throw new OutlayError('INPUT_INVALID', `series of ${y.length} points is too short to backtest a horizon of ${opts.horizon}`);
  const period = sub?.period ?? fitInputOf(reg).periods[0] ?? 1;
  const scores = new Map<string, Array<[number, number, number, number]>>();
  const inside = { p80: 0, p95: 0, n: 0 };
  for (const o of origins) {
    const actual = y.slice(o, o + opts.horizon);
    const insample = y.slice(0, o);
    const { out, bounds } = sub ? sub.at(o, opts.horizon) : forecastsAt(reg, o, opts.horizon);
    actual.forEach((a, j) => {
      const b = bounds[j]!;
      inside.n++;
      if (a >= b.lo80 && a <= b.hi80) inside.p80++;
      if (a >= b.lo95 && a <= b.hi95) inside.p95++;
    });
    for (const [model, f] of out) {
      const row: [number, number, number, number] = [mape(actual, f), smape(actual, f), mase(actual, f, insample, period), Math.abs(totalError(actual, f))];
      scores.set(model, [...(scores.get(model) ?? []), row]);
    }
  }
  const avg = (rows: Array<[number, number, number, number]>, i: number) => {
    const ok = rows.map((r) => r[i]!).filter(Number.isFinite);
    return ok.length ? ok.reduce((s, v) => s + v, 0) / ok.length : Number.NaN;
  };
  const models = [...scores.entries()]
    .filter(([, rows]) => rows.length === origins.length)
    .map(([model, rows]) => ({ model, mape: avg(rows, 0), smape: avg(rows, 1), mase: avg(rows, 2), totalError: avg(rows, 3) }))
    .sort((a, b) => (a.model === BASELINE ? -1 : b.model === BASELINE ? 1 : a.mase - b.mase));
  const coverage = { p80: inside.p80 / inside.n, p95: inside.p95 / inside.n };
  return { grain: reg.grain, ...(sub ? { stepMs: sub.step } : {}), horizon: opts.horizon, origins, period, models, coverage };
}

/**
 * Rolling-origin cross-validation (Tashman 2000): refit each model on the
 * history up to several origins and score its next-h forecasts. Cheap refits
 * keep it fast enough for thousands of series; the errors also calibrate the
 * prediction intervals.
 */
import { COMBINATION } from './candidates.ts';
import { naiveScale } from './metrics.ts';
import type { FitInput, ModelSpec } from './model.ts';

export interface CvPlan {
  /** Training lengths (history y[0..o) is used to forecast y[o..o+horizon)). */
  origins: number[];
  horizon: number;
  /**
   * Per origin, the in-sample seasonal-naive MAE of y[0..o): errors are
   * divided by it when models are ranked, so the ranking is by MASE, the
   * measure the forecasts are judged on, and a volatile stretch of history
   * does not outweigh all the calm ones.
   */
  scales: number[];
}

/** Errors (actual − forecast) per model, per origin, per step. */
export type CvErrors = Map<string, number[][]>;

/**
 * Up to `maxOrigins` origins (12: with 5 or 8, which model won on the M4
 * hourly fixtures was close to a coin toss), each leaving at least
 * `minTrain` points to fit on and none in the first half of a long history (its end is what the
 * forecast continues). Origins are half a horizon apart, but at least one
 * season apart: with hourly data and a short horizon, origins a few hours
 * apart would all score the same day, and which model wins one particular
 * day is mostly luck. The CV horizon is the requested one capped at a
 * quarter of the history so short series still get scored. `minStep`
 * overrides that season floor: weekly data's season is a year, and origins a
 * year apart would leave a two- to four-year history one or two of them.
 */
export function planOrigins(y: readonly number[], horizon: number, minTrain: number, period: number, maxOrigins = 12, minStep = period): CvPlan {
  const n = y.length;
  const h = Math.max(1, Math.min(horizon, Math.floor(n / 4)));
  const step = Math.max(1, Math.ceil(h / 2), minStep);
  const earliest = Math.max(minTrain, Math.floor(n / 2));
  const origins: number[] = [];
  for (let k = 0; k < maxOrigins; k++) {
    const o = n - h - k * step;
    if (o < earliest && k > 0) break; // a short history still gets its one latest origin
    if (o < minTrain) break;
    origins.push(o);
  }
  return { origins, horizon: h, scales: origins.map((o) => scaleOf(y.slice(0, o), period)) };
}

/** Seasonal-naive MAE, or a stand-in when that is 0 (a perfectly periodic history) or undefined. */
function scaleOf(y: readonly number[], period: number): number {
  const s = naiveScale(y, period);
  if (s > 0) return s;
  const level = y.reduce((a, v) => a + Math.abs(v), 0) / Math.max(1, y.length);
  return level > 0 ? level : 1;
}

function slice(input: FitInput, o: number): FitInput {
  return { ...input, y: input.y.slice(0, o), timestamps: input.timestamps.slice(0, o) };
}

/**
 * Forecast at every origin with every model that has enough history there.
 * A model that fails (e.g. a singular fit) or is too data-hungry for any
 * origin drops out rather than being scored on fewer origins than the rest.
 */
export function crossValidate(input: FitInput, models: readonly ModelSpec[], plan: CvPlan): CvErrors {
  const errors: CvErrors = new Map();
  for (const model of models) {
    const rows: number[][] = [];
    for (const o of plan.origins) {
      if (o < model.minLength(input.periods)) break;
      const future = input.timestamps.slice(o, o + plan.horizon);
      const actual = input.y.slice(o, o + plan.horizon);
      try {
        const f = model.fit(slice(input, o)).predict(future);
        if (!f.every(Number.isFinite)) break;
        rows.push(actual.map((a, j) => a - f[j]!));
      } catch {
        break;
      }
    }
    if (rows.length === plan.origins.length && rows.length > 0) errors.set(model.name, rows);
  }
  return errors;
}

/**
 * The combination's members and CV errors. Members are the best few base
 * models by CV error; its error at each point is actual − mean(f) = mean(actual − f).
 * (Choosing members on the same CV flatters the combination slightly; we
 * accept that because averaging the few best is rarely much worse than the
 * best and often better, Makridakis et al. 2020.)
 */
export function addCombination(errors: CvErrors, plan: CvPlan, size = 3): string[] {
  const ranked = rankByCv(errors, plan).map((r) => r.model).filter((m) => m !== COMBINATION);
  const members = ranked.slice(0, size);
  if (members.length < 2) return [];
  errors.set(COMBINATION, plan.origins.map((_, oi) => average(members.map((m) => errors.get(m)![oi]!))));
  return members;
}

export function average(forecasts: ReadonlyArray<readonly number[]>): number[] {
  const h = forecasts[0]?.length ?? 0;
  return Array.from({ length: h }, (_, k) => forecasts.reduce((s, f) => s + f[k]!, 0) / forecasts.length);
}

export interface CvScore {
  model: string;
  /** Mean absolute CV error, in the series' units. */
  mae: number;
  /** Mean absolute scaled CV error (each origin's errors over its scale): the ranking key. */
  mase: number;
}

/** CV scores per model, lowest scaled error first. */
export function rankByCv(errors: CvErrors, plan: CvPlan): CvScore[] {
  return [...errors.entries()]
    .map(([model, rows]) => {
      let abs = 0;
      let scaled = 0;
      let count = 0;
      rows.forEach((row, oi) => row.forEach((e) => { abs += Math.abs(e); scaled += Math.abs(e) / plan.scales[oi]!; count++; }));
      return { model, mae: abs / count, mase: scaled / count };
    })
    .sort((a, b) => a.mase - b.mase);
}

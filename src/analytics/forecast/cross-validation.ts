/**
 * Rolling-origin cross-validation (Tashman 2000): refit each model on the
 * history up to a few origins near the end and score its next-h forecasts.
 * Few origins and cheap refits keep it fast enough for thousands of series;
 * the errors also calibrate the prediction intervals.
 */
import { COMBINATION } from './candidates.ts';
import { mae } from './metrics.ts';
import type { FitInput, ModelSpec } from './model.ts';

export interface CvPlan {
  /** Training lengths (history y[0..o) is used to forecast y[o..o+horizon)). */
  origins: number[];
  horizon: number;
}

/** Errors (actual − forecast) per model, per origin, per step. */
export type CvErrors = Map<string, number[][]>;

/**
 * Up to `maxOrigins` origins, half a horizon apart, each leaving at least
 * `minTrain` points to fit on; the CV horizon is the requested one capped at a
 * quarter of the history so short series still get scored.
 */
export function planOrigins(n: number, horizon: number, minTrain: number, maxOrigins = 3): CvPlan {
  const h = Math.max(1, Math.min(horizon, Math.floor(n / 4)));
  const step = Math.max(1, Math.ceil(h / 2));
  const origins: number[] = [];
  for (let k = 0; k < maxOrigins; k++) {
    const o = n - h - k * step;
    if (o < minTrain) break;
    origins.push(o);
  }
  return { origins, horizon: h };
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
  const ranked = rankByCv(errors).map((r) => r.model).filter((m) => m !== COMBINATION);
  const members = ranked.slice(0, size);
  if (members.length < 2) return [];
  errors.set(COMBINATION, plan.origins.map((_, oi) => average(members.map((m) => errors.get(m)![oi]!))));
  return members;
}

export function average(forecasts: ReadonlyArray<readonly number[]>): number[] {
  const h = forecasts[0]?.length ?? 0;
  return Array.from({ length: h }, (_, k) => forecasts.reduce((s, f) => s + f[k]!, 0) / forecasts.length);
}

/** Mean absolute CV error per model, lowest first. */
export function rankByCv(errors: CvErrors): Array<{ model: string; mae: number }> {
  return [...errors.entries()]
    .map(([model, rows]) => {
      const flat = rows.flat();
      return { model, mae: mae(flat, new Array<number>(flat.length).fill(0)) };
    })
    .sort((a, b) => a.mae - b.mae);
}

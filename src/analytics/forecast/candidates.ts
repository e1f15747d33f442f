/**
 * The model families competing for every series, and the combination that
 * averages them. The list is the same for every series (only what the grain
 * and history length allow changes), so selection is a method, not tuning.
 */
import { seasonalNaive } from './seasonal-naive.ts';
import { doubleSeasonalModel, etsModel } from './ets-fit.ts';
import { thetaModel } from './theta.ts';
import { regressionModel } from './regression.ts';
import { seasonalArModel } from './seasonal-ar.ts';
import { seasonalArimaModel } from './seasonal-arima.ts';
import { harmonicModel } from './harmonic.ts';
import { median } from './model.ts';
import { yearlyAdjusted } from './yearly-adjusted.ts';
import type { ModelSpec } from './model.ts';
import type { Grain } from './series.ts';

export const BASELINE = 'seasonal_naive';
export const COMBINATION = 'combination';
/** The backtest's fixed combination: median of every family. */
export const MEDIAN_ALL = 'median_all';

/** Fresh model instances (ETS keeps per-series state, so never share them between series). */
export function candidateModels(grain: Grain, n: number, periods: readonly number[]): ModelSpec[] {
  // Hourly data get the discounted harmonic regression instead of the Prophet-like one: a fixed
  // daily/weekly shape and a piecewise trend lost to it on real hourly series (bench/RESULTS.md, 23 Nov).
  const calendar = grain === 'hourly' ? harmonicModel() : regressionModel();
  const models = [seasonalNaive(), etsModel(), thetaModel(), calendar, seasonalArModel(), seasonalArimaModel()];
  // Local-level families that also know the time of year, once two years of daily history exist.
  if (grain === 'daily') models.push(yearlyAdjusted(etsModel()), yearlyAdjusted(thetaModel()));
  if (grain === 'hourly' && periods.length > 1) {
    const dshw = doubleSeasonalModel();
    if (n >= dshw.minLength(periods)) models.push(dshw);
    models.push(seasonalNaive(periods[1]));
  }
  return models;
}

/**
 * Element-wise median of several forecasts: the fixed-membership combination
 * that the backtest reports beside the CV-chosen one.
 */
export function combine(forecasts: ReadonlyArray<readonly number[]>): number[] {
  const h = forecasts[0]?.length ?? 0;
  return Array.from({ length: h }, (_, k) => median(forecasts.map((f) => f[k]!)));
}

/** Families that enter the fixed median combination. */
export function combinationMembers(names: readonly string[]): string[] {
  return names.filter((n) => n !== COMBINATION && n !== MEDIAN_ALL);
}

/**
 * The model families competing for every series, and the combination that
 * averages them. The list is the same for every series (only what the grain
 * and history length allow changes), so selection is a method, not tuning.
 */
import { seasonalNaive } from './seasonal-naive.ts';
import { doubleSeasonalModel, etsModel } from './ets-fit.ts';
import { thetaModel } from './theta.ts';
import { regressionModel } from './regression.ts';
import { median } from './model.ts';
import type { ModelSpec } from './model.ts';
import type { Grain } from './series.ts';

export const BASELINE = 'seasonal_naive';
export const COMBINATION = 'combination';

/** Fresh model instances (ETS keeps per-series state, so never share them between series). */
export function candidateModels(grain: Grain, n: number, periods: readonly number[]): ModelSpec[] {
  const models = [seasonalNaive(), etsModel(), thetaModel(), regressionModel()];
  if (grain === 'hourly' && periods.length > 1) {
    const dshw = doubleSeasonalModel();
    if (n >= dshw.minLength(periods)) models.push(dshw);
  }
  return models;
}

/**
 * Element-wise median of the members' forecasts: robust to one member that
 * extrapolates wildly (M4 showed simple combinations beat most single models).
 */
export function combine(forecasts: ReadonlyArray<readonly number[]>): number[] {
  const h = forecasts[0]?.length ?? 0;
  return Array.from({ length: h }, (_, k) => median(forecasts.map((f) => f[k]!)));
}

/** Members of the combination: every fitted family except the baseline. */
export function combinationMembers(names: readonly string[]): string[] {
  return names.filter((n) => n !== BASELINE && n !== COMBINATION);
}

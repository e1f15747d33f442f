/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) in the form shown by
 * Hyndman & Billah (2003) to be simple exponential smoothing with a drift of
 * half the series' linear-trend slope. Seasonality is removed first by
 * classical decomposition when the M4 autocorrelation test finds it, one
 * period after another (hour of day, then day of week for hourly data).
 */
import { deseasonalise, isSeasonal, reseasonalise, seasonalIndices } from './decompose.ts';
import type { SeasonMode } from './decompose.ts';
import { fitEts } from './ets-fit.ts';
import { mean, strictlyPositive } from './model.ts';
import type { Fitted, FitInput, ModelSpec } from './model.ts';

interface SeasonLayer { idx: number[]; mode: SeasonMode }

/** Strip each seasonal period the data shows, returning the adjusted series and the layers removed. */
export function stripSeasons(y: readonly number[], periods: readonly number[]): { adjusted: number[]; layers: SeasonLayer[] } {
  const mode: SeasonMode = strictlyPositive(y) ? 'mult' : 'add';
  let adjusted = y.slice();
  const layers: SeasonLayer[] = [];
  for (const m of periods) {
    if (!isSeasonal(adjusted, m)) continue;
    const idx = seasonalIndices(adjusted, m, mode);
    if (mode === 'mult' && idx.some((s) => !(s > 0))) continue;
    adjusted = deseasonalise(adjusted, idx, mode);
    layers.push({ idx, mode });
  }
  return { adjusted, layers };
}

export function restoreSeasons(f: readonly number[], layers: readonly SeasonLayer[], offset: number): number[] {
  let out = f.slice();
  for (const layer of layers) out = reseasonalise(out, layer.idx, layer.mode, offset);
  return out;
}

/** OLS slope of y against 0..n−1. */
export function slope(y: readonly number[]): number {
  const n = y.length;
  const tm = (n - 1) / 2;
  const ym = mean(y);
  let num = 0;
  let den = 0;
  y.forEach((v, i) => { num += (i - tm) * (v - ym); den += (i - tm) ** 2; });
  return den > 0 ? num / den : 0;
}

export function thetaModel(): ModelSpec {
  return {
    name: 'theta',
    minLength: () => 4,
    fit(input: FitInput): Fitted {
      const n = input.y.length;
      const { adjusted, layers } = stripSeasons(input.y, input.periods);
      const ses = fitEts({ error: 'A', trend: 'N', season: 'N', m: 1, m2: 0 }, adjusted, undefined, 60);
      const alpha = ses.params.alpha;
      const b = slope(adjusted);
      return {
        name: 'theta',
        sigma2: ses.sigma2,
        predict(future) {
          const level = ses.predict(future);
          const drift = level.map((l, k) => l + (b / 2) * (k + 1 / alpha - (1 - alpha) ** n / alpha));
          return restoreSeasons(drift, layers, n);
        },
      };
    },
  };
}

/**
 * Seasonal naive: tomorrow looks like the same day last week. The baseline
 * every other model must beat, and the scale of MASE.
 */
import type { Fitted, FitInput, ModelSpec } from './model.ts';

export function seasonalNaiveForecast(y: readonly number[], m: number, h: number): number[] {
  const n = y.length;
  if (n === 0) return new Array<number>(h).fill(0);
  if (n < m) return new Array<number>(h).fill(y[n - 1]!);
  return Array.from({ length: h }, (_, k) => y[n - m + (k % m)]!);
}

/** One-step in-sample residual variance of the seasonal naive method. */
function residualVariance(y: readonly number[], m: number): number {
  const lag = y.length > m ? m : 1;
  let ss = 0;
  let n = 0;
  for (let i = lag; i < y.length; i++) { ss += (y[i]! - y[i - lag]!) ** 2; n++; }
  return n > 0 ? ss / n : 0;
}

export function seasonalNaive(period?: number): ModelSpec {
  return {
    name: period === undefined ? 'seasonal_naive' : `seasonal_naive_${period}`,
    minLength: () => 1,
    fit(input: FitInput): Fitted {
      const m = period ?? input.periods[0] ?? 1;
      return {
        name: this.name,
        predict: (future) => seasonalNaiveForecast(input.y, m, future.length),
        sigma2: residualVariance(input.y, m),
      };
    },
  };
}

/**
 * A family fitted to daily data with its yearly swing taken out, and the
 * swing put back on the forecast. ETS and Theta follow the level but know
 * nothing of the time of year, so over a four-week horizon they miss a
 * decline that comes every winter (bike rentals, page views of a seasonal
 * topic); the regression knows the year but extrapolates its trend. Here the
 * yearly component is estimated as in classical decomposition: the trend is
 * a centred 365-day moving average, and low-order Fourier terms of the day of
 * the year are fitted by least squares to what is left over the interior
 * points where that average exists. Needs two years of daily history.
 */
import { ridge } from './linalg.ts';
import { fourier } from './regression-features.ts';
import type { FitInput, Fitted, ModelSpec } from './model.ts';

const DAY = 86_400_000;
const YEAR = 365;
const ORDER = 3;

export const YEARLY_SUFFIX = '_yearly';

function fourierRow(d: Date): Float64Array {
  const row: number[] = [];
  fourier(d.getTime() / DAY / 365.25, ORDER, row);
  return Float64Array.from(row);
}

/** Yearly component as a function of the date, or undefined when the history is too short. */
export function yearlyComponent(y: readonly number[], timestamps: readonly Date[]): ((d: Date) => number) | undefined {
  const n = y.length;
  if (n < 2 * YEAR) return undefined;
  const half = Math.floor(YEAR / 2);
  const X: Float64Array[] = [];
  const target: number[] = [];
  let window = 0;
  for (let i = 0; i < YEAR; i++) window += y[i]!;
  for (let c = half; c + half < n; c++) {
    if (c > half) window += y[c + half]! - y[c - half - 1]!;
    X.push(fourierRow(timestamps[c]!));
    target.push(y[c]! - window / YEAR);
  }
  const beta = ridge(X, target, new Array<number>(2 * ORDER).fill(0));
  return (d) => fourierRow(d).reduce((s, x, j) => s + x * beta[j]!, 0);
}

export function yearlyAdjusted(inner: ModelSpec): ModelSpec {
  return {
    name: `${inner.name}${YEARLY_SUFFIX}`,
    minLength: () => 2 * YEAR,
    fit(input: FitInput): Fitted {
      const season = input.grain === 'daily' ? yearlyComponent(input.y, input.timestamps) : undefined;
      if (!season) throw new Error('needs two years of daily history');
      const fitted = inner.fit({ ...input, y: input.y.map((v, i) => v - season(input.timestamps[i]!)) });
      return {
        name: `${fitted.name} + yearly`,
        predict: (future) => fitted.predict(future).map((v, k) => v + season(future[k]!)),
        ...(fitted.sigma2 === undefined ? {} : { sigma2: fitted.sigma2 }),
      };
    },
  };
}

/**
 * Forecast accuracy metrics (Hyndman & Koehler 2006 definitions). Percent
 * metrics are in percent (100 = 100 %).
 */

/** Mean absolute percentage error; points where the actual is 0 are skipped (undefined there). */
export function mape(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    if (a === 0) return;
    sum += Math.abs((a - forecast[i]!) / a);
    n++;
  });
  return n === 0 ? Number.NaN : (100 * sum) / n;
}

/** Symmetric MAPE in [0, 200]; a 0/0 pair counts as a perfect forecast. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length === 0) return Number.NaN;
  let sum = 0;
  actual.forEach((a, i) => {
    const f = forecast[i]!;
    const den = Math.abs(a) + Math.abs(f);
    sum += den === 0 ? 0 : (2 * Math.abs(a - f)) / den;
  });
  return (100 * sum) / actual.length;
}

/**
 * In-sample mean absolute error of the seasonal naive forecast with period
 * `m` (falls back to the naive lag-1 when the history is shorter than m + 1).
 */
export function naiveScale(insample: readonly number[], m: number): number {
  const lag = insample.length > m ? m : 1;
  let sum = 0;
  for (let i = lag; i < insample.length; i++) sum += Math.abs(insample[i]! - insample[i - lag]!);
  const n = insample.length - lag;
  return n > 0 ? sum / n : Number.NaN;
}

/**
 * Mean absolute scaled error: MAE of the forecast divided by the in-sample
 * MAE of the seasonal naive method. Below 1 beats seasonal naive in sample.
 */
export function mase(actual: readonly number[], forecast: readonly number[], insample: readonly number[], m: number): number {
  const scale = naiveScale(insample, m);
  return mae(actual, forecast) / scale;
}

export function mae(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length === 0) return Number.NaN;
  let sum = 0;
  actual.forEach((a, i) => { sum += Math.abs(a - forecast[i]!); });
  return sum / actual.length;
}

/** Error of the horizon total in percent of the actual total (signed: positive = over-forecast). */
export function totalError(actual: readonly number[], forecast: readonly number[]): number {
  const a = actual.reduce((s, v) => s + v, 0);
  const f = forecast.reduce((s, v) => s + v, 0);
  return a === 0 ? Number.NaN : (100 * (f - a)) / Math.abs(a);
}

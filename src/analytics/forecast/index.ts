/**
 * Forecasting for spend series: seasonal naive, ETS, Theta, a Prophet-like
 * regression and their combination, chosen per series by rolling-origin CV.
 * Works on plain `{ timestamps, values }` series (UTC, hourly/daily/monthly).
 */
export { forecast, usablePeriods } from './forecast.ts';
export type { ForecastOptions, ForecastPoint, ForecastResult, Candidate } from './forecast.ts';
export { backtest } from './backtest.ts';
export type { BacktestOptions, BacktestResult, ModelScore } from './backtest.ts';
export { projectPeriodTotal } from './period-total.ts';
export type { PeriodKind, PeriodProjection } from './period-total.ts';
export { mape, smape, mase, mae, totalError, naiveScale } from './metrics.ts';
export { inferGrain, regularise, seasonalPeriods, stepDate, futureTimestamps, formatTimestamp } from './series.ts';
export type { Grain, Series, RegularSeries } from './series.ts';
export { HOUR, isSubHourly, medianSpacing, subHourlyGrid, subHourlyStep } from './sub-hourly-grid.ts';
export { seasonalNaiveForecast } from './seasonal-naive.ts';
export { monthlyCharges } from './monthly-charges.ts';
export type { MonthlyCharges } from './monthly-charges.ts';
export { median, quantile, mean } from './model.ts';
export { normalQuantile } from './intervals.ts';
export { seasonalIndices, isSeasonal } from './decompose.ts';

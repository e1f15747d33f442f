/**
 * Series from the cost explorer: one plain `{ timestamps, values }` series per
 * group of a store query, zero-filled inside its own span, per currency, for
 * the forecasting and anomaly engines (CLI and server alike).
 */
export { querySeries, zeroFilledGrid, groupKeys, groupLabel, unfinishedWeek, setWeekApart, GRAIN_MS, ENGINE_GRAIN } from './query-series.ts';
export type { GroupSeries, SeriesGrain, SeriesQuery } from './query-series.ts';
export { SERIES_GRAINS } from './query-series.ts';

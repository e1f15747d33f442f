/**
 * Anomaly detection on spend series: spikes, level shifts and drifts against
 * a robust seasonal baseline, decided point by point from the past only, one
 * alert per incident; plus a root-cause ranking over dimension breakdowns.
 */
export { detectAnomalies, MAX_SENSITIVITY } from './detect.ts';
export type { DetectResult } from './detect.ts';
export type { Anomaly, AnomalyKind, DetectOptions, PointTrace, Severity } from './types.ts';
export { rootCause, rankContributors } from './root-cause.ts';
export type { Breakdown, ContributorScore, DimensionScore, RootCauseOptions } from './root-cause.ts';
export { zscoreAlerts } from './zscore.ts';
export type { ZscoreAlert } from './zscore.ts';

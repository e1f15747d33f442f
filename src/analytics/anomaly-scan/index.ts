/**
 * Anomaly scanning on the store: total and per-dimension series from the
 * cost explorer, the anomaly engine on each with per-scope thresholds, root
 * cause from per-dimension breakdowns, one incident per deviation (related
 * scopes listed), stored with a lifecycle; false positives raise thresholds.
 */
export { scanAnomalies, scanFilters, DEFAULT_SCAN_DIMENSIONS, HOURLY_HISTORY_MS } from './scan.ts';
export type { ScanGrain, ScanOptions, ScanReport, ScannedIncident } from './scan.ts';
export { SCAN_GRAINS } from './scan.ts';
export { attribute, CAUSE_DIMENSIONS } from './attribute.ts';
export type { AttributionWindow, CauseAmounts } from './attribute.ts';
export { absentBefore, startedResource, NEW_SPEND_GRACE_MS, NEW_SPEND_SHARE } from './new-spend.ts';
export type { NewSpend } from './new-spend.ts';
export { cubeAmounts } from './cause-cube.ts';
export { dedupe, causeNames } from './dedupe.ts';
export type { Detection, Kept } from './dedupe.ts';
export { falsePositiveSettings, thresholdsFor, FALSE_POSITIVE_IMPACT_FACTOR, FALSE_POSITIVE_SENSITIVITY_FACTOR } from './settings.ts';
export type { Thresholds } from './settings.ts';
export { changeIncidentStatus, FEEDBACK_DEFAULTS } from './lifecycle.ts';
export type { StatusChange } from './lifecycle.ts';

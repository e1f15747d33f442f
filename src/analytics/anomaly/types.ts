/**
 * Shapes shared by the anomaly detector and its callers. Values are in the
 * series' own units (dollars for spend), timestamps UTC.
 */

export type AnomalyKind = 'spike' | 'level_shift' | 'drift';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface DetectOptions {
  /**
   * Multiplies how readily points count as anomalous: 1 is the default, 2
   * halves every threshold (more alerts), 0.5 doubles them (fewer alerts).
   */
  sensitivity?: number;
  /** Incidents whose absolute value impact stays below this are not reported (series units). */
  minImpact?: number;
  /** Relative level change over four seasons that counts as a drift (default 0.45 = 45 %). */
  driftThreshold?: number;
  /**
   * Dates (UTC days) when spend is expected to be unusual, e.g. company
   * holidays: points on them raise no alert and do not shape the baseline.
   */
  holidays?: Date[];
}

export interface Anomaly {
  /** Onset: first point of the incident (for shifts, the estimated change point). */
  timestamp: Date;
  /** When a live detector would have raised the alert (≥ onset). */
  detectedAt: Date;
  /** Last anomalous point; undefined while the incident is still going on at the end of the data. */
  end?: Date;
  /** open: still anomalous at the end; closed: back to normal; rebaselined: persisted long enough to become the new normal. */
  status: 'open' | 'closed' | 'rebaselined';
  kind: AnomalyKind;
  direction: 'up' | 'down';
  /** Mean expected and actual value per point over the incident. */
  expected: number;
  actual: number;
  /** Σ(actual − expected) over the incident so far: the dollar impact for spend. */
  impact: number;
  /** Peak robust z-score (deviation in robust standard deviations). */
  score: number;
  severity: Severity;
  /** Number of grid points in the incident. */
  points: number;
}

/** Per-point trace, for charts and tests: what the detector expected at each point. */
export interface PointTrace {
  expected: number;
  /** Robust residual scale used for the score. */
  scale: number;
  z: number;
  anomalous: boolean;
}

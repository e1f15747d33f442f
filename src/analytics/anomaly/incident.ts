/**
 * One incident: consecutive anomalous points reported as a single alert.
 * It accumulates expected and actual values while it lasts, and is classified
 * and graded when reported.
 */
import type { Anomaly, AnomalyKind, Severity } from './types.ts';

export interface Incident {
  onset: number;
  detected: number;
  last: number;
  /** How the incident was first detected: one large point, a sustained shift, or a slow drift. */
  trigger: 'point' | 'cusum' | 'drift' | 'silence';
  direction: 'up' | 'down';
  expectedSum: number;
  actualSum: number;
  peakZ: number;
  quiet: number;
  rebaselined: boolean;
  /** A return to the level before an earlier incident that became the new normal: followed, never reported. */
  recovery: boolean;
  /** A smaller repeat of an incident just reported the same way: followed, reported only once it outgrows that one (echo() in the detector). */
  echo: boolean;
}

export function openIncident(onset: number, detected: number, trigger: Incident['trigger'], direction: Incident['direction']): Incident {
  return { onset, detected, last: detected, trigger, direction, expectedSum: 0, actualSum: 0, peakZ: 0, quiet: 0, rebaselined: false, recovery: false, echo: false };
}

export function addPoint(inc: Incident, t: number, expected: number, actual: number, z: number): void {
  inc.expectedSum += expected;
  inc.actualSum += actual;
  inc.peakZ = Math.max(inc.peakZ, Math.abs(z));
  inc.last = t;
}

/**
 * Spikes are short; anything longer that started abruptly is a level shift;
 * a drift is found by the slow level comparison.
 */
export function classify(inc: Incident, spikeMax: number): AnomalyKind {
  if (inc.trigger === 'drift') return 'drift';
  if (inc.trigger === 'silence') return 'level_shift';
  return inc.last - inc.onset + 1 <= spikeMax ? 'spike' : 'level_shift';
}

/** Grade by how extreme the peak is and how large the deviation is relative to normal spend. */
export function severityOf(peakZ: number, relative: number): Severity {
  if (peakZ >= 20 || relative >= 2) return 'critical';
  if (peakZ >= 10 || relative >= 1) return 'high';
  if (peakZ >= 6 || relative >= 0.3) return 'medium';
  return 'low';
}

export function toAnomaly(inc: Incident, timestamps: readonly Date[], spikeMax: number, ongoing: boolean): Anomaly {
  const points = inc.last - inc.onset + 1;
  const impact = inc.actualSum - inc.expectedSum;
  const relative = inc.expectedSum !== 0 ? Math.abs(impact / inc.expectedSum) : Math.abs(impact) > 0 ? Infinity : 0;

  return {
    timestamp: timestamps[inc.onset]!,
    detectedAt: timestamps[inc.detected]!,
    end: ongoing && !inc.rebaselined ? undefined : timestamps[inc.last]!,
    status: inc.rebaselined ? 'rebaselined' : ongoing ? 'open' : 'closed',
    kind: classify(inc, spikeMax),
    direction: inc.direction,
    expected: inc.expectedSum / points,
    actual: inc.actualSum / points,
    impact,
    score: inc.peakZ,
    severity: severityOf(inc.peakZ, relative),
    points,
  };
}

/**
 * Root cause of one incident from the store: amounts per value of each cause
 * dimension (team, project, service, model, resource, SKU) in the incident's
 * window and in the baseline before it, ranked by the anomaly engine's
 * Adtributor-style `rootCause`. The baseline is scaled to what the detector
 * expected over the window, so a night-time spike is compared with a
 * night-time normal, not with the average hour.
 */
import type { AnomalyScope, CauseDimension } from '../../store/index.ts';
import { rootCause } from '../anomaly/index.ts';
import type { Breakdown } from '../anomaly/index.ts';

export const CAUSE_DIMENSIONS = ['team', 'project', 'service', 'model', 'resource', 'sku'] as const;

/** Values listed per dimension in a stored root cause. */
const TOP_VALUES = 5;

export interface AttributionWindow {
  readonly scope: AnomalyScope;
  readonly measure: string;
  readonly currency: string | null;
  /** [onset, end) of the incident and [baselineStart, onset) before it, UTC. */
  readonly onset: Date;
  readonly end: Date;
  readonly baselineStart: Date;
  /** What the detector expected over the whole window (mean expected × points). */
  readonly expectedTotal: number;
  /**
   * Set when the amounts come in whole days around a shorter window (an
   * hourly incident read from the daily cube): what was expected over those
   * days is then their actual total less this impact.
   */
  readonly dayRoundedImpact?: number;
}

/** Amounts per cause dimension value for a window's scope and currency over [from, to). */
export type CauseAmounts = (w: AttributionWindow, from: Date, to: Date) => Promise<Breakdown>;

/** Adds one row's amount to every dimension's value. */
export function addRow(out: Breakdown, dims: readonly string[], keys: readonly string[], row: Readonly<Record<string, string | null>>, amount: number): void {
  dims.forEach((dim, i) => {
    const values = (out[dim] ??= {});
    const v = row[keys[i]!] ?? '';
    values[v] = (values[v] ?? 0) + amount;
  });
}

/**
 * Ranked cause dimensions for the window; each lists the values that explain
 * most of its change, largest share first.
 */
export async function attribute(amounts: CauseAmounts, w: AttributionWindow, dims: readonly string[] = CAUSE_DIMENSIONS): Promise<CauseDimension[]> {
  const anomalous = await amounts(w, w.onset, w.end);
  const baseline = await amounts(w, w.baselineStart, w.onset);
  const first = dims[0];
  const sum = (b: Breakdown) => (first ? Object.values(b[first] ?? {}).reduce((s, v) => s + v, 0) : 0);
  const baseTotal = sum(baseline);
  const windowShare = (w.end.getTime() - w.onset.getTime()) / Math.max(1, w.onset.getTime() - w.baselineStart.getTime());
  const expectedTotal = w.dayRoundedImpact === undefined ? w.expectedTotal : sum(anomalous) - w.dayRoundedImpact;
  const baselineScale = baseTotal > 0 && expectedTotal > 0 ? expectedTotal / baseTotal : windowShare;
  return rootCause(anomalous, baseline, { baselineScale }).map((d) => ({
    dimension: d.dimension,
    surprise: d.surprise,
    values: d.contributors.slice(0, TOP_VALUES).map((c) => ({ value: c.value, actual: c.actual, expected: c.expected, delta: c.delta, share: c.share })),
  }));
}

/** Share of a scope's spend that must lie inside another scope for it to count as part of it. */
const CONTAINED_SHARE = 0.9;

/**
 * Does the window's own spend (`inner`, its breakdown over [onset, end))
 * lie inside `outer`? Every dimension value of `outer` must hold at least
 * CONTAINED_SHARE of it; a dimension the breakdown lacks cannot be judged (no).
 */
export function liesInside(inner: Breakdown, outer: AnomalyScope): boolean {
  return Object.entries(outer).every(([dim, v]) => {
    const values = inner[dim];
    if (!values) return false;
    const total = Object.values(values).reduce((s, x) => s + Math.abs(x), 0);
    return total > 0 && Math.abs(values[v ?? ''] ?? 0) / total >= CONTAINED_SHARE;
  });
}

/**
 * Does a root cause put (nearly) all of the change inside `outer`? Then the
 * deviation is the same event as `outer`'s, even when the scope's spend is
 * shared (a model used by many teams whose rise is one team's new key).
 */
export function changeInside(cause: readonly CauseDimension[], outer: AnomalyScope): boolean {
  return Object.entries(outer).every(([dim, v]) => {
    const top = cause.find((c) => c.dimension === dim)?.values[0];
    return top !== undefined && top.value === (v ?? '') && top.share >= CONTAINED_SHARE;
  });
}

/** Share of a change one value may explain for the change still to count as broad. */
const BROAD_SHARE = 0.5;

/**
 * Is a change spread over many values of the top scanned dimension (every
 * team dips on a holiday; an outage of something everyone uses) rather than
 * one team's? Only then does the total's incident take in every detection at
 * its onset; a concentrated one takes in what its root cause names.
 */
export function broad(cause: readonly CauseDimension[], dimension: string): boolean {
  const top = cause.find((c) => c.dimension === dimension)?.values[0];
  return top !== undefined && top.share < BROAD_SHARE;
}

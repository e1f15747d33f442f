/**
 * Root cause of one incident from the store: amounts per value of each cause
 * dimension (team, project, service, model, resource, SKU) in the incident's
 * window and in the baseline before it, ranked by the anomaly engine's
 * Adtributor-style `rootCause`. The baseline is scaled to what the detector
 * expected over the window, so a night-time spike is compared with a
 * night-time normal, not with the average hour.
 */
import { resolveDimension, resolveMeasure } from '../../core/index.ts';
import type { AccessScope, AnomalyScope, CauseDimension, QueryFilter, Store } from '../../store/index.ts';
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
}

/** Filters that select a scope's rows (null: unallocated) in one currency. */
export function scopeFilters(scope: AnomalyScope, currency: string | null): QueryFilter[] {
  const filters: QueryFilter[] = Object.entries(scope).map(([dimension, v]) => (v == null ? { dimension, op: 'is_null', values: [] } : { dimension, op: 'in', values: [v] }));
  if (currency) filters.push({ dimension: 'currency', op: 'in', values: [currency] });
  return filters;
}

function keyOf(dimension: string): string {
  const d = resolveDimension(dimension);
  return d.kind === 'column' ? d.spec.key : d.key;
}

/**
 * One query grouped by every cause dimension at once (rows are about one per
 * resource and SKU), summed per dimension value here: two store queries per
 * incident instead of two per dimension.
 */
async function amounts(store: Store, access: AccessScope, w: AttributionWindow, extra: readonly QueryFilter[], dims: readonly string[], from: Date, to: Date): Promise<Breakdown> {
  const filters = [...scopeFilters(w.scope, w.currency), ...extra];
  const measureKey = resolveMeasure(w.measure).key;
  const keys = dims.map(keyOf);
  const { rows } = await store.query({ measures: [w.measure], groupBy: dims, filters, from, to }, access);
  const out: Breakdown = Object.fromEntries(dims.map((d) => [d, {}]));
  for (const r of rows) {
    const amount = Number(r[measureKey] ?? 0);
    dims.forEach((dim, i) => {
      const values = out[dim]!;
      const v = r[keys[i]!] ?? '';
      values[v] = (values[v] ?? 0) + amount;
    });
  }
  return out;
}

/**
 * Ranked cause dimensions for the window; each lists the values that explain
 * most of its change, largest share first.
 */
export async function attribute(store: Store, access: AccessScope, w: AttributionWindow, extra: readonly QueryFilter[] = [], dims: readonly string[] = CAUSE_DIMENSIONS): Promise<CauseDimension[]> {
  const anomalous = await amounts(store, access, w, extra, dims, w.onset, w.end);
  const baseline = await amounts(store, access, w, extra, dims, w.baselineStart, w.onset);
  const first = dims[0];
  const baseTotal = first ? Object.values(baseline[first] ?? {}).reduce((s, v) => s + v, 0) : 0;
  const windowShare = (w.end.getTime() - w.onset.getTime()) / Math.max(1, w.onset.getTime() - w.baselineStart.getTime());
  const baselineScale = baseTotal > 0 && w.expectedTotal > 0 ? w.expectedTotal / baseTotal : windowShare;
  return rootCause(anomalous, baseline, { baselineScale }).map((d) => ({
    dimension: d.dimension,
    surprise: d.surprise,
    values: d.contributors.slice(0, TOP_VALUES).map((c) => ({ value: c.value, actual: c.actual, expected: c.expected, delta: c.delta, share: c.share })),
  }));
}

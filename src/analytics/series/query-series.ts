/**
 * Cost-explorer query → plain series, one per group (and per currency for
 * money: amounts in different currencies are never added). A missing hour,
 * day or week inside a series is zero spend, so the grid is filled with 0 between the
 * series' own first and last point, never before it started or after it ended.
 */
import { dimensionKey, OutlayError, resolveMeasure } from '../../core/index.ts';
import type { AccessScope, QueryFilter, QueryRow, Store } from '../../store/index.ts';

/** Cost-explorer grains a series can be built at (weeks start on Monday, UTC, as the store's date_trunc('week') does). */
export const SERIES_GRAINS = ['day', 'hour', 'week'] as const;
export type SeriesGrain = (typeof SERIES_GRAINS)[number];

export interface SeriesQuery {
  /** One measure: billed, effective, gpu_hours, tokens … */
  readonly measure: string;
  /** Dimensions, one series per combination of their values (empty: the total). */
  readonly groupBy: readonly string[];
  readonly filters?: readonly QueryFilter[];
  /** Inclusive start and exclusive end of ChargePeriodStart (UTC). */
  readonly from?: Date;
  readonly to?: Date;
  readonly grain: SeriesGrain;
}

export interface GroupSeries {
  /** Dimension output key (x_Team, ServiceName …) → value; null is unallocated. */
  readonly group: Readonly<Record<string, string | null>>;
  /** Output key of the measure (EffectiveCost, x_GpuHours …). */
  readonly measure: string;
  readonly kind: 'money' | 'quantity';
  /** BillingCurrency for money, null for quantities. */
  readonly currency: string | null;
  readonly grain: SeriesGrain;
  /** First point of this series (its spend starts here; earlier points are absent, not zero). */
  readonly start: Date;
  readonly timestamps: Date[];
  readonly values: number[];
  /** Grid points filled with 0 because the store had no row there. */
  readonly zeroFilled: number;
  readonly total: number;
}

export const GRAIN_MS: Readonly<Record<SeriesGrain, number>> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** Forecast/anomaly engines name grains hourly/daily/weekly. */
export const ENGINE_GRAIN = { hour: 'hourly', day: 'daily', week: 'weekly' } as const;

/** The output keys of the dimensions, in the order given. */
export function groupKeys(groupBy: readonly string[]): string[] {
  return groupBy.map(dimensionKey);
}

/** "team=search, service=Amazon EC2"; "total" for no dimensions. */
export function groupLabel(group: Readonly<Record<string, string | null>>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${v ?? ''}`);
  return parts.length ? parts.join(', ') : 'total';
}

/**
 * Points on a regular grid from `first` to `last` (inclusive), 0 where
 * `byTime` has none.
 */
export function zeroFilledGrid(byTime: ReadonlyMap<number, number>, stepMs: number): { timestamps: Date[]; values: number[]; filled: number } {
  const keys = [...byTime.keys()].sort((a, b) => a - b);
  const timestamps: Date[] = [];
  const values: number[] = [];
  let filled = 0;
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (first === undefined || last === undefined) return { timestamps, values, filled };
  for (let t = first; t <= last; t += stepMs) {
    const v = byTime.get(t);
    if (v === undefined) filled++;
    timestamps.push(new Date(t));
    values.push(v ?? 0);
  }
  return { timestamps, values, filled };
}

/**
 * One series per group (and currency) from `store.query`, in the caller's
 * access scope, sorted by total descending.
 * @example await querySeries(store, { measure: 'effective', groupBy: ['team'], grain: 'day' }, FULL_ACCESS)
 */
export async function querySeries(store: Pick<Store, 'query'>, q: SeriesQuery, scope: AccessScope): Promise<GroupSeries[]> {
  const spec = resolveMeasure(q.measure);
  if (spec.id === 'rows') throw new OutlayError('QUERY_INVALID', 'rows is not a series measure; pick a cost, GPU-hours or token measure', { field: 'measure' });
  const keys = groupKeys(q.groupBy);
  const { rows } = await store.query({
    measures: [spec.id], groupBy: q.groupBy, filters: q.filters, from: q.from, to: q.to, grain: q.grain,
    orderBy: 'ChargePeriodStart', order: 'asc',
  }, scope);
  const money = spec.kind === 'money';
  const buckets = new Map<string, { group: Record<string, string | null>; currency: string | null; byTime: Map<number, number> }>();
  for (const row of rows) {
    const group = Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
    const currency = money ? row.BillingCurrency ?? null : null;
    const id = JSON.stringify([...keys.map((k) => group[k]), currency]);
    const b = buckets.get(id) ?? { group, currency, byTime: new Map<number, number>() };
    buckets.set(id, b);
    const t = periodMs(row);
    b.byTime.set(t, (b.byTime.get(t) ?? 0) + Number(row[spec.key] ?? '0'));
  }
  const step = GRAIN_MS[q.grain];
  return [...buckets.values()].map((b) => {
    const grid = zeroFilledGrid(b.byTime, step);
    return {
      group: b.group, measure: spec.key, kind: spec.kind, currency: b.currency, grain: q.grain,
      start: grid.timestamps[0]!, timestamps: grid.timestamps, values: grid.values, zeroFilled: grid.filled,
      total: grid.values.reduce((s, v) => s + v, 0),
    };
  }).sort((a, b) => b.total - a.total || groupLabel(a.group).localeCompare(groupLabel(b.group)));
}

/**
 * Monday of the week the data end in, when they end before its Sunday: that
 * week's total so far is not a week total, and learning it as one pulls the
 * forecast down (data to a Wednesday hold three days of seven). The end is
 * the last day any series of the query has, so a group that stopped earlier
 * keeps its whole last week.
 */
export function unfinishedWeek(daily: ReadonlyArray<{ readonly timestamps: readonly Date[] }>): Date | undefined {
  const last = daily.reduce((m, d) => Math.max(m, d.timestamps[d.timestamps.length - 1]?.getTime() ?? -Infinity), -Infinity);
  if (!Number.isFinite(last)) return undefined;
  const weekday = new Date(last).getUTCDay(); // 0 = Sunday, the week's last day
  return weekday === 0 ? undefined : new Date(last - ((weekday + 6) % 7) * GRAIN_MS.day);
}

/**
 * The series without its last point when that point is the unfinished week
 * (see unfinishedWeek), and that point apart: it is forecast, not learnt.
 */
export function setWeekApart<S extends { readonly timestamps: readonly Date[]; readonly values: readonly number[] }>(
  s: S, week: Date | undefined,
): { series: S; partial?: { timestamp: Date; value: number } } {
  const n = s.timestamps.length;
  if (!week || s.timestamps[n - 1]?.getTime() !== week.getTime()) return { series: s };
  return { series: { ...s, timestamps: s.timestamps.slice(0, -1), values: s.values.slice(0, -1) }, partial: { timestamp: week, value: s.values[n - 1]! } };
}

function periodMs(row: QueryRow): number {
  const t = Date.parse(row.ChargePeriodStart ?? '');
  if (!Number.isFinite(t)) throw new OutlayError('STORE_ERROR', `query row without a period: ${JSON.stringify(row)}`);
  return t;
}

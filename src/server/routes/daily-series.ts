/**
 * A cost-explorer series for the analytics routes: the caller's scoped
 * totals of one measure per day (or hour, or week), with the explorer's
 * filters, in one currency. Scope applies in the store query, before any
 * model sees a number.
 */
import { z } from 'zod';
import { OutlayError, resolveMeasure } from '../../core/index.ts';
import type { AccessScope } from '../../store/index.ts';
import { querySeries, type SeriesGrain } from '../../analytics/series/index.ts';
import type { QueryCache } from '../query-cache.ts';
import { costFilterFields, toCostQuery } from './cost-query.ts';

export const seriesQueryFields = {
  measure: z.string().default('billed').describe('One measure (default billed)'),
  ...costFilterFields,
  currency: z.string().length(3).optional().describe('Needed when the series has several billing currencies'),
};

export interface SeriesParams { measure: string; filter?: string[]; from?: string; to?: string; currency?: string; grain?: SeriesGrain }

/** The `grain` query field of a route that takes the given grains (day by default). */
export function grainField<G extends SeriesGrain>(grains: readonly [G, ...G[]]) {
  return z.enum(grains).default(grains[0]).describe(`Points of the series: ${grains.join(', ')} (default ${grains[0]}; weeks start on Monday, UTC)`);
}

export interface DailySeries {
  readonly measure: string;
  readonly currency: string | null;
  readonly timestamps: Date[];
  readonly values: number[];
}

/**
 * The series comes from the analytics' `querySeries` (through the cache): one
 * per currency, a day without rows inside the history counted as zero spend.
 */
export async function dailySeries(cache: QueryCache, scope: AccessScope, p: SeriesParams, minPoints: number): Promise<DailySeries> {
  const spec = resolveMeasure(p.measure);
  const grain = p.grain ?? 'day';
  const q = toCostQuery({ measure: [spec.id], filter: p.filter, from: p.from, to: p.to, grain });
  const all = await querySeries(cache, { measure: spec.id, groupBy: [], filters: q.filters, from: q.from, to: q.to, grain }, scope);
  const currencies = [...new Set(all.map((s) => s.currency))];
  const money = spec.kind === 'money';
  if (money && currencies.length > 1 && !p.currency) {
    throw new OutlayError('INPUT_INVALID', `the series has several currencies (${currencies.join(', ')}); pick one with currency=`, { field: 'currency' });
  }
  const currency = money ? (p.currency?.toUpperCase() ?? currencies[0] ?? null) : null;
  if (money && p.currency && currencies.length > 0 && !currencies.includes(currency ?? '')) {
    throw new OutlayError('INPUT_INVALID', `currency ${p.currency}: the series has ${currencies.join(', ')} only`, { field: 'currency', value: p.currency });
  }
  const picked = all.find((s) => !money || s.currency === currency);
  const points = picked?.values.length ?? 0;
  if (points < minPoints) {
    throw new OutlayError('INPUT_INVALID', `not enough history (${points} ${grain}(s) you can see; need ${minPoints})`, { field: 'from' });
  }
  return { measure: spec.key, currency, timestamps: picked?.timestamps ?? [], values: picked?.values ?? [] };
}

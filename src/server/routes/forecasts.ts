/**
 * Forecast of a cost-explorer series: the caller's scoped totals per day,
 * hour or week, then the forecasting capability's model selection and
 * intervals.
 */
import { z } from 'zod';
import { forecast } from '../../analytics/forecast/index.ts';
import { SERIES_GRAINS, setWeekApart, unfinishedWeek } from '../../analytics/series/index.ts';
import { OutlayError } from '../../core/index.ts';
import type { AccessScope } from '../../store/index.ts';
import type { QueryCache } from '../query-cache.ts';
import { defineRoute } from './route.ts';
import { dailySeries, grainField, seriesQueryFields, type DailySeries, type SeriesParams } from './daily-series.ts';

const PointSchema = z.object({ timestamp: z.string(), value: z.number(), lo80: z.number(), hi80: z.number(), lo95: z.number(), hi95: z.number() });

/**
 * The series the forecast learns from: by week, an unfinished last week (the
 * data end before its Sunday) is set apart, since its spend so far is not a
 * week total and would pull the forecast down.
 */
async function learnt(cache: QueryCache, scope: AccessScope, query: SeriesParams): Promise<DailySeries & { partialWeek?: { timestamp: Date; value: number } }> {
  // forecast() needs three points; asking for them here names the field (from) the caller can widen.
  if (query.grain !== 'week') return dailySeries(cache, scope, query, 3);
  const weeks = await dailySeries(cache, scope, query, 1);
  const week = unfinishedWeek([await dailySeries(cache, scope, { ...query, grain: 'day' }, 1)]);
  const { series: s, partial } = setWeekApart(weeks, week);
  if (s.values.length < 3) {
    throw new OutlayError('INPUT_INVALID', `not enough history (${s.values.length} whole week(s) you can see; need 3)`, { field: 'from' });
  }
  return partial ? { ...s, partialWeek: partial } : s;
}

export const getForecast = defineRoute({
  method: 'get',
  path: '/api/v1/forecasts',
  operationId: 'forecastCosts',
  tag: 'analytics',
  summary: 'Forecast of one measure of the cost explorer by day, hour or week, with 80 % and 95 % intervals',
  permission: 'costs:read',
  query: z.object({
    ...seriesQueryFields,
    grain: grainField(SERIES_GRAINS),
    horizon: z.coerce.number().int('must be a whole number').min(1).max(2000).default(30).describe('Points to forecast, in the grain (default 30)'),
  }).strict(),
  responses: {
    200: {
      description: 'History used and forecast points',
      schema: z.object({
        measure: z.string(), currency: z.string().nullable(), model: z.string(), grain: z.string(),
        history: z.array(z.object({ timestamp: z.string(), value: z.number() })),
        partialWeek: z.object({ timestamp: z.string(), value: z.number() }).nullable()
          .describe('grain=week when the data end before a Sunday: the unfinished week and its spend so far, left out of the history and forecast as the first point'),
        points: z.array(PointSchema),
      }),
    },
  },
  async handler({ c, deps, scope, query }) {
    const s = await learnt(deps.cache, scope, query);
    const result = forecast({ timestamps: s.timestamps, values: s.values }, { horizon: query.horizon });
    return c.json({
      measure: s.measure, currency: s.currency, model: result.model, grain: result.grain,
      history: s.timestamps.map((t, i) => ({ timestamp: t.toISOString(), value: s.values[i] ?? 0 })),
      partialWeek: s.partialWeek ? { timestamp: s.partialWeek.timestamp.toISOString(), value: s.partialWeek.value } : null,
      points: result.points.map((p) => ({ timestamp: p.timestamp.toISOString(), value: p.value, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 })),
    });
  },
});

/**
 * Forecast of a cost-explorer series: the caller's scoped totals per day,
 * hour or week, then the forecasting capability's model selection and
 * intervals.
 */
import { z } from 'zod';
import { forecast } from '../../analytics/forecast/index.ts';
import { SERIES_GRAINS } from '../../analytics/series/index.ts';
import { defineRoute } from './route.ts';
import { dailySeries, grainField, seriesQueryFields } from './daily-series.ts';

const PointSchema = z.object({ timestamp: z.string(), value: z.number(), lo80: z.number(), hi80: z.number(), lo95: z.number(), hi95: z.number() });

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
        points: z.array(PointSchema),
      }),
    },
  },
  async handler({ c, deps, scope, query }) {
    // forecast() needs three points; asking for them here names the field (from) the caller can widen.
    const s = await dailySeries(deps.cache, scope, query, 3);
    const result = forecast({ timestamps: s.timestamps, values: s.values }, { horizon: query.horizon });
    return c.json({
      measure: s.measure, currency: s.currency, model: result.model, grain: result.grain,
      history: s.timestamps.map((t, i) => ({ timestamp: t.toISOString(), value: s.values[i] ?? 0 })),
      points: result.points.map((p) => ({ timestamp: p.timestamp.toISOString(), value: p.value, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 })),
    });
  },
});

/**
 * Forecast of a cost-explorer series: the caller's scoped daily totals of one
 * measure (with the explorer's filters), then the forecasting capability's
 * model selection and intervals. Scope applies before forecasting, so a
 * member's forecast is built from its teams' numbers only.
 */
import { z } from 'zod';
import { OutlayError, resolveMeasure } from '../../core/index.ts';
import { forecast } from '../../analytics/forecast/index.ts';
import { defineRoute } from './route.ts';
import { costFilterFields, toCostQuery } from './cost-query.ts';

const PointSchema = z.object({ timestamp: z.string(), value: z.number(), lo80: z.number(), hi80: z.number(), lo95: z.number(), hi95: z.number() });

export const getForecast = defineRoute({
  method: 'get',
  path: '/api/v1/forecasts',
  operationId: 'forecastCosts',
  tag: 'forecasts',
  summary: 'Daily forecast of one measure of the cost explorer, with 80 % and 95 % intervals',
  permission: 'costs:read',
  query: z.object({
    measure: z.string().default('billed').describe('One measure (default billed)'),
    ...costFilterFields,
    currency: z.string().length(3).optional().describe('Needed when the series has several billing currencies'),
    horizon: z.coerce.number().int('must be a whole number').min(1).max(366).default(30).describe('Days to forecast (default 30)'),
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
    const spec = resolveMeasure(query.measure);
    const q = toCostQuery({ measure: [spec.id], filter: query.filter, from: query.from, to: query.to, grain: 'day' });
    const { rows } = await deps.store.query({ ...q, orderBy: 'ChargePeriodStart', order: 'asc' }, scope);
    const currencies = [...new Set(rows.map((r) => r.BillingCurrency ?? null))];
    const currency = spec.kind === 'money' ? (query.currency?.toUpperCase() ?? (currencies.length === 1 ? currencies[0] ?? null : null)) : null;
    if (spec.kind === 'money' && currencies.length > 1 && !query.currency) {
      throw new OutlayError('INPUT_INVALID', `the series has several currencies (${currencies.join(', ')}); pick one with currency=`, { field: 'currency' });
    }
    const series = rows.filter((r) => spec.kind !== 'money' || r.BillingCurrency === currency);
    if (series.length < 2) throw new OutlayError('INPUT_INVALID', 'not enough daily history to forecast (need at least 2 days of cost you can see)', { field: 'from' });
    const result = forecast({ timestamps: series.map((r) => new Date(r.ChargePeriodStart ?? '')), values: series.map((r) => Number(r[spec.key] ?? '0')) }, { horizon: query.horizon });
    return c.json({
      measure: spec.key, currency, model: result.model, grain: result.grain,
      history: series.map((r) => ({ timestamp: r.ChargePeriodStart ?? '', value: Number(r[spec.key] ?? '0') })),
      points: result.points.map((p) => ({ timestamp: p.timestamp.toISOString(), value: p.value, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 })),
    });
  },
});

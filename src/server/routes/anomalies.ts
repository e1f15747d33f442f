/**
 * Anomalies (spikes, level shifts, drifts) in a cost-explorer series, from the
 * anomaly capability, on the caller's scoped daily or hourly totals.
 */
import { z } from 'zod';
import { detectAnomalies, MAX_SENSITIVITY } from '../../analytics/anomaly/index.ts';
import { SCAN_GRAINS } from '../../analytics/anomaly-scan/index.ts';
import { defineRoute } from './route.ts';
import { dailySeries, grainField, seriesQueryFields } from './daily-series.ts';
import { limitParam, nextOffsetSchema, offsetParam, paged } from './params.ts';

const AnomalySchema = z.object({
  timestamp: z.string(), detectedAt: z.string(), end: z.string().nullable(),
  status: z.enum(['open', 'closed', 'rebaselined']), kind: z.enum(['spike', 'level_shift', 'drift']), direction: z.enum(['up', 'down']),
  expected: z.number(), actual: z.number(), impact: z.number().describe('Σ(actual − expected) over the incident, series units'),
  score: z.number(), severity: z.enum(['low', 'medium', 'high', 'critical']), points: z.number().int(),
});

export const listAnomalies = defineRoute({
  method: 'get',
  path: '/api/v1/anomalies',
  operationId: 'listAnomalies',
  tag: 'analytics',
  summary: 'Anomalies in the daily or hourly series of one measure, newest first, one per incident',
  permission: 'costs:read',
  query: z.object({
    ...seriesQueryFields,
    grain: grainField(SCAN_GRAINS),
    sensitivity: z.coerce.number().positive().max(MAX_SENSITIVITY).default(1).describe(`2 = twice as ready to alert, 0.5 = half (at most ${MAX_SENSITIVITY})`),
    min_impact: z.coerce.number().min(0).default(0).describe('Hide incidents whose absolute impact is below this'),
    limit: limitParam(100, 1000),
    offset: offsetParam,
  }).strict(),
  responses: {
    200: {
      description: 'Incidents',
      schema: z.object({
        measure: z.string(), currency: z.string().nullable(),
        judged: z.number().int().describe('Points judged: the warm-up (two weeks of days, two days of hours, from the first spend) is learnt as history, so no items over a shorter series is no verdict'),
        items: z.array(AnomalySchema), next_offset: nextOffsetSchema,
      }),
    },
  },
  async handler({ c, deps, scope, query }) {
    const s = await dailySeries(deps.cache, scope, query, 2);
    const res = detectAnomalies({ timestamps: s.timestamps, values: s.values }, { sensitivity: query.sensitivity, minImpact: query.min_impact });
    const found = res.anomalies
      .map((a) => ({ ...a, timestamp: a.timestamp.toISOString(), detectedAt: a.detectedAt.toISOString(), end: a.end?.toISOString() ?? null }))
      .reverse();
    const page = await paged(query.limit, query.offset, async (l, o) => found.slice(o, o + l));
    return c.json({ measure: s.measure, currency: s.currency, judged: res.judged, ...page });
  },
});

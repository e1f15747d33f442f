/**
 * Reconciliation (as `outlay reconcile`): per source file, billing period and
 * currency, file vs stored vs allocated totals with each difference flagged.
 * Whole-organisation numbers, so finops and admin only (as sources).
 */
import { z } from 'zod';
import { failing, reconcile } from '../../analytics/reconcile/index.ts';
import { defineRoute } from './route.ts';

export const getReconciliation = defineRoute({
  method: 'get',
  path: '/api/v1/reconcile',
  operationId: 'getReconciliation',
  tag: 'ingestion',
  summary: 'File total vs stored total vs allocated total per source, billing period and currency',
  permission: 'sources:read',
  query: z.object({
    source: z.string().min(1).optional().describe('Only files whose path contains this text'),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a billing period YYYY-MM (month 01–12)').optional().describe('Only this billing period'),
    all: z.enum(['true', 'false']).default('false').describe('Include files whose rows were all replaced by newer versions'),
  }).strict(),
  responses: {
    200: {
      description: 'ok is false when a line is rejected (quarantine) or a mismatch; restated lines are explained, not failing',
      schema: z.object({ ok: z.boolean(), failing: z.number().int(), lines: z.array(z.record(z.string(), z.unknown())) }),
    },
  },
  async handler({ c, deps, query }) {
    const lines = reconcile(await deps.store.reconciliation(), { source: query.source, period: query.period, all: query.all === 'true' });
    const bad = failing(lines);
    return c.json({ ok: bad.length === 0, failing: bad.length, lines });
  },
});

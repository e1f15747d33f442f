/** Ingested files with their totals: whole-organisation numbers, so finops and admin only. */
import { z } from 'zod';
import { defineRoute } from './route.ts';
import { nextOffsetSchema, pageQuery, paged } from './params.ts';

export const listSources = defineRoute({
  method: 'get',
  path: '/api/v1/sources',
  operationId: 'listSources',
  tag: 'ingestion',
  summary: 'Ingested files: billing periods, rows, totals per currency, status, SHA-256',
  permission: 'sources:read',
  query: pageQuery().extend({ all: z.enum(['true', 'false']).default('false').describe('Include files whose rows were all replaced') }).strict(),
  responses: {
    200: { description: 'Sources, oldest first', schema: z.object({ items: z.array(z.record(z.string(), z.unknown())), next_offset: nextOffsetSchema }) },
  },
  async handler({ c, deps, query }) {
    const all = (await deps.store.listSources()).filter((s) => query.all === 'true' || s.status === 'active');
    return c.json(await paged(query.limit, query.offset, async (l, o) => all.slice(o, o + l)));
  },
});

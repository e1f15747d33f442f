/**
 * The cost explorer over HTTP. Rows are exactly `outlay query --format json`'s
 * (store.query rows), read through the caller's scope.
 */
import { z } from 'zod';
import { DIMENSIONS, MEASURES } from '../../core/index.ts';
import type { CostQuery, QueryRow, Store, AccessScope } from '../../store/index.ts';
import { defineRoute } from './route.ts';
import { costQueryFields, toCostQuery } from './cost-query.ts';
import { limitParam, nextOffsetSchema, offsetParam } from './params.ts';
import { renderCsvLine } from './csv.ts';

const RowSchema = z.record(z.string(), z.string().nullable()).describe('Dimension keys → value (null = empty), measure keys → decimal string, ChargePeriodStart → ISO');

export const costs = defineRoute({
  method: 'get',
  path: '/api/v1/costs',
  operationId: 'queryCosts',
  tag: 'costs',
  summary: 'Cost explorer: sum measures grouped by dimensions over a range, at a grain',
  description: 'Money measures are always grouped by BillingCurrency as well. Members and viewers see only their teams.',
  permission: 'costs:read',
  query: z.object({ ...costQueryFields, limit: limitParam(1000, 10_000), offset: offsetParam }).strict(),
  responses: {
    200: {
      description: 'One page of rows',
      schema: z.object({ columns: z.array(z.string()), rows: z.array(RowSchema), next_offset: nextOffsetSchema }),
    },
  },
  async handler({ c, deps, scope, query }) {
    const q = toCostQuery(query);
    const r = await deps.cache.query({ ...q, limit: query.limit + 1, offset: query.offset }, scope);
    const more = r.rows.length > query.limit;
    return c.json({ columns: r.columns, rows: r.rows.slice(0, query.limit), next_offset: more ? query.offset + query.limit : null });
  },
});

const EXPORT_PAGE = 5000;

/** Pages through the query so memory stays flat however large the answer. */
function exportStream(store: Store, q: CostQuery, scope: AccessScope, format: 'csv' | 'ndjson'): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let offset = 0;
  let columns: readonly string[] | null = null;
  return new ReadableStream({
    async pull(ctrl) {
      const r = await store.query({ ...q, limit: EXPORT_PAGE, offset }, scope);
      const lines: string[] = [];
      if (format === 'csv' && columns === null) lines.push(renderCsvLine(r.columns));
      columns = r.columns;
      for (const row of r.rows) lines.push(format === 'csv' ? renderCsvLine(r.columns.map((k) => (row as QueryRow)[k] ?? null)) : JSON.stringify(row));
      if (lines.length) ctrl.enqueue(enc.encode(`${lines.join('\n')}\n`));
      offset += EXPORT_PAGE;
      if (r.rows.length < EXPORT_PAGE) ctrl.close();
    },
  });
}

export const costsExport = defineRoute({
  method: 'get',
  path: '/api/v1/costs/export',
  operationId: 'exportCosts',
  tag: 'costs',
  summary: 'Every row of a cost query, streamed as CSV or NDJSON (audited)',
  permission: 'costs:export',
  query: z.object({ ...costQueryFields, format: z.enum(['csv', 'ndjson']).default('csv') }).strict(),
  responses: {
    200: { description: 'Streamed rows', contentType: 'text/csv' },
  },
  async handler({ deps, scope, query, audit }) {
    const q = toCostQuery(query);
    // Validate before the stream starts, so a bad query is a 400, not a cut stream.
    await deps.store.query({ ...q, limit: 0 }, scope);
    await audit('costs.export', 'costs', { query: { ...query }, format: query.format });
    const type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
    return new Response(exportStream(deps.store, q, scope, query.format), {
      headers: { 'content-type': type, 'content-disposition': `attachment; filename="outlay-costs.${query.format}"` },
    });
  },
});

export const dimensions = defineRoute({
  method: 'get',
  path: '/api/v1/dimensions',
  operationId: 'listDimensions',
  tag: 'costs',
  summary: 'The cost explorer vocabulary: dimensions and measures',
  permission: 'costs:read',
  query: z.object({}).strict(),
  responses: {
    200: {
      description: 'Dimensions and measures',
      schema: z.object({
        dimensions: z.array(z.object({ id: z.string(), key: z.string(), doc: z.string() })),
        measures: z.array(z.object({ id: z.string(), key: z.string(), kind: z.string(), doc: z.string() })),
      }),
    },
  },
  async handler({ c }) {
    return c.json({
      dimensions: DIMENSIONS.map((d) => ({ id: d.id, key: d.key, doc: d.doc })),
      measures: MEASURES.map((m) => ({ id: m.id, key: m.key, kind: m.kind, doc: m.doc })),
    });
  },
});

export const dimensionValues = defineRoute({
  method: 'get',
  path: '/api/v1/dimensions/{dimension}/values',
  operationId: 'listDimensionValues',
  tag: 'costs',
  summary: 'Distinct values of a dimension the caller may see (for filters and pickers)',
  permission: 'costs:read',
  params: z.object({ dimension: z.string().min(1).describe('e.g. team, provider, tag:env') }),
  query: z.object({ limit: limitParam(100, 1000) }).strict(),
  responses: { 200: { description: 'Values, sorted', schema: z.object({ values: z.array(z.string()) }) } },
  async handler({ c, deps, scope, params, query }) {
    return c.json({ values: await deps.store.dimensionValues(params.dimension, scope, query.limit) });
  },
});

/** The audit log (admin, auditor): read it page by page, or check its hash chain. */
import { z } from 'zod';
import { verifyAuditChain } from '../../store/index.ts';
import { defineRoute } from './route.ts';
import { nextOffsetSchema, pageQuery, paged } from './params.ts';

const AuditEntrySchema = z.object({
  seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), target: z.string(), origin: z.string(),
  details: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string(),
});

export const listAudit = defineRoute({
  method: 'get',
  path: '/api/v1/audit',
  operationId: 'listAudit',
  tag: 'audit',
  summary: 'Audit log entries in order: who, when, what, from where, chained by SHA-256',
  permission: 'audit:read',
  query: pageQuery(100, 1000),
  responses: { 200: { description: 'Entries', schema: z.object({ items: z.array(AuditEntrySchema), next_offset: nextOffsetSchema }) } },
  async handler({ c, deps, query }) {
    return c.json(await paged(query.limit, query.offset, (limit, offset) => deps.meta.listAudit({ limit, offset })));
  },
});

export const verifyAudit = defineRoute({
  method: 'get',
  path: '/api/v1/audit/verify',
  operationId: 'verifyAudit',
  tag: 'audit',
  summary: 'Check the whole hash chain',
  permission: 'audit:read',
  query: z.object({}).strict(),
  responses: {
    200: {
      description: 'Verification result',
      schema: z.object({ ok: z.boolean(), entries: z.number(), brokenAt: z.number().nullable(), reason: z.string().nullable() }),
    },
  },
  async handler({ c, deps }) {
    return c.json(await verifyAuditChain(deps.meta));
  },
});

/** Health, readiness, Prometheus metrics and the API document itself. */
import { z } from 'zod';
import { OutlayError } from '../../core/index.ts';
import { can } from '../auth/principal.ts';
import { openApiDocument } from '../openapi.ts';
import { referencePage, REFERENCE_CSP } from '../reference-page.ts';
import { defineRoute, type AnyRoute } from './route.ts';

export const API_VERSION = '1.0.0';

export const healthz = defineRoute({
  method: 'get', path: '/healthz', operationId: 'healthz', tag: 'system', permission: null,
  summary: 'Liveness: the process answers',
  responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
  async handler({ c }) {
    return c.json({ status: 'ok' as const });
  },
});

export const readyz = defineRoute({
  method: 'get', path: '/readyz', operationId: 'readyz', tag: 'system', permission: null,
  summary: 'Readiness: the store answers',
  responses: { 200: { description: 'Ready', schema: z.object({ status: z.literal('ready'), schemaVersion: z.number() }) } },
  async handler({ c, deps }) {
    let version: number;
    try {
      version = await deps.store.schemaVersion();
    } catch (e) {
      throw new OutlayError('STORE_LOCKED', 'the store does not answer', {}, { cause: e });
    }
    return c.json({ status: 'ready' as const, schemaVersion: version });
  },
});

export const metrics = defineRoute({
  method: 'get', path: '/metrics', operationId: 'metrics', tag: 'system', permission: 'metrics:read',
  summary: "Prometheus exposition: API latency, process, and spend as the scraper's token may see it",
  description: 'Spend gauges are computed through the caller\'s scope (a member token scrapes only its teams). Ingestion lag is included for roles that may read sources.',
  responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain; version=0.0.4' } },
  async handler({ deps, principal, scope }) {
    const { contentType, body } = await deps.metrics.render(deps.store, scope, can(principal, 'sources:read'));
    return new Response(body, { headers: { 'content-type': contentType } });
  },
});

/** The document needs the whole route list, so it is built per app. */
export function documentRoutes(all: () => readonly AnyRoute[]): AnyRoute[] {
  let cached: unknown;
  return [
    defineRoute({
      method: 'get', path: '/api/v1/openapi.json', operationId: 'openapi', tag: 'system', permission: null,
      summary: 'This API as an OpenAPI 3.1 document',
      responses: { 200: { description: 'OpenAPI document' } },
      async handler({ c }) {
        cached ??= openApiDocument(all(), API_VERSION);
        return c.json(cached as Record<string, unknown>);
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/docs', operationId: 'reference', tag: 'system', permission: null,
      summary: 'Readable API reference (self-contained HTML)',
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      async handler() {
        return new Response(referencePage(), { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': REFERENCE_CSP } });
      },
    }),
  ];
}

/**
 * OpenTelemetry GenAI spans in OTLP/HTTP JSON (a saved export request, or the
 * collector file exporter's one request per line).
 */
import { basename } from 'node:path';
import type { Connector } from '../connector.ts';
import { readJsonDoc, stageRows } from '../row-stage/index.ts';
import { pricingWarnings } from '../token-pricing/index.ts';
import { spanRows } from './map.ts';
import { genAiSpans } from './spans.ts';

export const otelGenAiConnector: Connector = {
  id: 'otel-genai',
  label: 'OpenTelemetry GenAI spans (OTLP/HTTP JSON)',
  detect: (probe) => (probe.container === 'json' && /"(resourceSpans|scopeSpans)"\s*:/.test(probe.head) ? (/gen_ai\./.test(probe.head) ? 0.9 : 0.6) : 0),
  async stage(probe) {
    const doc = readJsonDoc(probe);
    const { spans, skipped, total, duplicates } = genAiSpans(doc);
    // The file is the account: a later file of the same day holds other spans, so
    // charge-day replacement would drop them. Retried spans are dropped within a
    // file (spans.ts); one re-sent in a later file is skipped by the store, by its
    // span id (x_UsageId).
    const { rows, prices } = spanRows(doc, spans, `otel:${basename(probe.path)}`);
    const warnings = [`${rows.length} GenAI model-call span(s) of ${total} span(s), one row each`];
    if (duplicates) warnings.push(`${duplicates} duplicate span(s) (same traceId and spanId, an exporter retry) dropped: each counted once`);
    if (skipped) warnings.push(`${skipped} agent/tool span(s) with usage skipped (their model-call children carry the tokens)`);
    const file = stageRows({ path: probe.path, sha256: probe.sha256, bytes: probe.bytes, format: 'otel-genai' }, rows);
    return { file, notes: { ignoredColumns: [], warnings: [...warnings, ...pricingWarnings(prices)] } };
  },
};

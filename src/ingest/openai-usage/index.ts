/**
 * OpenAI organization Usage API (`/v1/organization/usage/*`) and Costs API
 * (`/v1/organization/costs`) responses, saved as pages or as concatenated
 * bucket arrays (JSON, NDJSON, gzip), and the dashboard's CSV exports of
 * the same (export-csv.ts). Live reading: `outlay collect openai`.
 */
import type { Connector } from '../connector.ts';
import { JsonDoc, readJsonDoc, readProbeText, stageRows, type Json } from '../row-stage/index.ts';
import type { FileProbe } from '../probe.ts';
import { exportBuckets, openAiExportKind } from './export-csv.ts';
import { pricingWarnings } from '../token-pricing/index.ts';
import { costRows } from './costs.ts';
import { readPage, sniffOpenAi, type Bucket } from './page.ts';
import { usageRows } from './usage.ts';

export { collectOpenAi } from './live.ts';
export type { OpenAiCollectOptions } from './live.ts';

/** NDJSON of pages: each line one page; a plain file: one page or one bucket array. */
function buckets(doc: JsonDoc): { buckets: Bucket[]; warnings: string[] } {
  const root = doc.root;
  const pages = Array.isArray(root) && root.every((p: Json) => typeof p === 'object' && p !== null && !Array.isArray(p) && (p as Record<string, Json>).object === 'page')
    && root.length > 0 ? root : [root];
  const out: Bucket[] = [];
  const warnings: string[] = [];
  for (const p of pages) {
    const page = readPage(new JsonDoc(doc.file, { value: p, lineOf: doc.parsed.lineOf }));
    out.push(...page.buckets);
    if (page.hasMore && pages.length === 1) warnings.push(`saved page says has_more = true (next_page ${page.nextPage ?? 'missing'}): later pages are not in this file`);
  }
  return { buckets: out, warnings };
}

/** The file's kind and buckets: an API response (JSON) or the dashboard's CSV export. */
function read(probe: FileProbe): { kind: 'usage' | 'costs' | null; doc: JsonDoc; buckets: Bucket[]; warnings: string[] } {
  if (probe.container === 'csv') {
    const kind = openAiExportKind(probe.columns.map((c) => c.name));
    return { kind, ...exportBuckets(readProbeText(probe), probe.path, kind ?? 'usage'), warnings: [] };
  }
  const doc = readJsonDoc(probe);
  return { kind: sniffOpenAi(probe.head), doc, ...buckets(doc) };
}

export const openAiUsageConnector: Connector = {
  id: 'openai-usage',
  label: 'OpenAI Usage / Costs API responses (JSON), dashboard exports (CSV)',
  detect: (probe) => ((probe.container === 'json' && sniffOpenAi(probe.head)) || (probe.container === 'csv' && openAiExportKind(probe.columns.map((c) => c.name))) ? 0.95 : 0),
  async stage(probe) {
    const { kind, doc, buckets: bs, warnings } = read(probe);
    const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, replaceBy: 'charge-day' as const };
    if (kind === 'costs') {
      return { file: stageRows({ ...meta, format: 'openai-costs' }, costRows(doc, bs)), notes: { ignoredColumns: [], warnings } };
    }
    const { rows, prices } = usageRows(doc, bs);
    return { file: stageRows({ ...meta, format: 'openai-usage' }, rows), notes: { ignoredColumns: [], warnings: [...warnings, ...pricingWarnings(prices)] } };
  },
};

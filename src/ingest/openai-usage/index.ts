/**
 * OpenAI organization Usage API (`/v1/organization/usage/*`) and Costs API
 * (`/v1/organization/costs`) responses, saved as pages or as concatenated
 * bucket arrays (JSON, NDJSON, gzip). Live reading: `outlay collect openai`.
 */
import type { Connector } from '../connector.ts';
import { JsonDoc, readJsonDoc, stageRows, type Json } from '../row-stage/index.ts';
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

export const openAiUsageConnector: Connector = {
  id: 'openai-usage',
  label: 'OpenAI Usage / Costs API responses (JSON)',
  detect: (probe) => (probe.container === 'json' && sniffOpenAi(probe.head) ? 0.95 : 0),
  async stage(probe) {
    const doc = readJsonDoc(probe);
    const kind = sniffOpenAi(probe.head);
    const { buckets: bs, warnings } = buckets(doc);
    const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, replaceBy: 'charge-day' as const };
    if (kind === 'costs') {
      return { file: stageRows({ ...meta, format: 'openai-costs' }, costRows(doc, bs)), notes: { ignoredColumns: [], warnings } };
    }
    const { rows, prices } = usageRows(doc, bs);
    return { file: stageRows({ ...meta, format: 'openai-usage' }, rows), notes: { ignoredColumns: [], warnings: [...warnings, ...pricingWarnings(prices)] } };
  },
};

/**
 * OpenAI organization Usage API (`/v1/organization/usage/*`) and Costs API
 * (`/v1/organization/costs`) responses, saved as pages or as concatenated
 * bucket arrays (JSON, NDJSON, gzip), and the dashboard's CSV exports of
 * the same (export-csv.ts). Live reading: `outlay collect openai`.
 */
import { JsonDoc, type Json } from '../row-stage/index.ts';
import { usageReportConnector } from '../usage-report-connector.ts';
import { exportBuckets, openAiExportKind } from './export-csv.ts';
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
  pages.forEach((p, i) => {
    const page = readPage(new JsonDoc(doc.file, { value: p, lineOf: doc.parsed.lineOf }));
    out.push(...page.buckets);
    // Every page but the last says has_more; the last one saying it means the pull stopped short.
    if (page.hasMore && i === pages.length - 1) warnings.push(`${pages.length === 1 ? 'saved page' : `last of ${pages.length} saved pages`} says has_more = true (next_page ${page.nextPage ?? 'missing'}): later pages are not in this file`);
  });
  return { buckets: out, warnings };
}

export const openAiUsageConnector = usageReportConnector<Bucket>({
  id: 'openai-usage',
  label: 'OpenAI Usage / Costs API responses (JSON), dashboard exports (CSV)',
  formats: { usage: 'openai-usage', cost: 'openai-costs' },
  sniff: sniffOpenAi,
  exportKind: openAiExportKind,
  readExport: exportBuckets,
  readAnswer: buckets,
  costRows,
  usageRows,
});

/**
 * Anthropic Admin API usage report (messages) and cost report, saved as JSON
 * pages, NDJSON of pages or bucket arrays, and the Console's CSV exports of
 * the same (export-csv.ts). Live reading: `outlay collect anthropic`.
 */
import type { Connector } from '../connector.ts';
import type { FileProbe } from '../probe.ts';
import { readJsonDoc, readProbeText, stageRows, type JsonDoc } from '../row-stage/index.ts';
import { anthropicExportKind, exportBuckets } from './export-csv.ts';
import { pricingWarnings } from '../token-pricing/index.ts';
import { costRows, usageRows } from './map.ts';
import { readReport, sniffAnthropic, type ReportBucket } from './report.ts';

export { collectAnthropic } from './live.ts';

/** The file's kind and buckets: an Admin API report (JSON) or the Console's CSV export. */
function read(probe: FileProbe): { kind: 'usage' | 'cost' | null; doc: JsonDoc; buckets: readonly ReportBucket[]; warnings: readonly string[] } {
  if (probe.container === 'csv') {
    const kind = anthropicExportKind(probe.columns.map((c) => c.name));
    return { kind, ...exportBuckets(readProbeText(probe), probe.path, kind ?? 'usage'), warnings: [] };
  }
  const doc = readJsonDoc(probe);
  return { kind: sniffAnthropic(probe.head), doc, ...readReport(doc) };
}

export const anthropicUsageConnector: Connector = {
  id: 'anthropic-usage',
  label: 'Anthropic usage / cost report (JSON), Console exports (CSV)',
  detect: (probe) => ((probe.container === 'json' && sniffAnthropic(probe.head)) || (probe.container === 'csv' && anthropicExportKind(probe.columns.map((c) => c.name))) ? 0.95 : 0),
  async stage(probe) {
    const { kind, doc, buckets, warnings } = read(probe);
    const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, replaceBy: 'charge-day' as const };
    if (kind === 'cost') {
      return { file: stageRows({ ...meta, format: 'anthropic-cost' }, costRows(doc, buckets)), notes: { ignoredColumns: [], warnings: [...warnings] } };
    }
    const { rows, prices } = usageRows(doc, buckets);
    return { file: stageRows({ ...meta, format: 'anthropic-usage' }, rows), notes: { ignoredColumns: [], warnings: [...warnings, ...pricingWarnings(prices)] } };
  },
};

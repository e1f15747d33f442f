/**
 * Anthropic Admin API usage report (messages) and cost report, saved as JSON
 * pages, NDJSON of pages or bucket arrays. Live reading: `outlay collect anthropic`.
 */
import type { Connector } from '../connector.ts';
import { readJsonDoc, stageRows } from '../row-stage/index.ts';
import { pricingWarnings } from '../token-pricing/index.ts';
import { costRows, usageRows } from './map.ts';
import { readReport, sniffAnthropic } from './report.ts';

export { collectAnthropic } from './live.ts';

export const anthropicUsageConnector: Connector = {
  id: 'anthropic-usage',
  label: 'Anthropic usage / cost report (JSON)',
  detect: (probe) => (probe.container === 'json' && sniffAnthropic(probe.head) ? 0.95 : 0),
  async stage(probe) {
    const doc = readJsonDoc(probe);
    const { buckets, warnings } = readReport(doc);
    const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, replaceBy: 'charge-day' as const };
    if (sniffAnthropic(probe.head) === 'cost') {
      return { file: stageRows({ ...meta, format: 'anthropic-cost' }, costRows(doc, buckets)), notes: { ignoredColumns: [], warnings: [...warnings] } };
    }
    const { rows, prices } = usageRows(doc, buckets);
    return { file: stageRows({ ...meta, format: 'anthropic-usage' }, rows), notes: { ignoredColumns: [], warnings: [...warnings, ...pricingWarnings(prices)] } };
  },
};

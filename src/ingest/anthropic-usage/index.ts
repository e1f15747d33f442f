/**
 * Anthropic Admin API usage report (messages) and cost report, saved as JSON
 * pages, NDJSON of pages or bucket arrays, and the Console's CSV exports of
 * the same (export-csv.ts). Live reading: `outlay collect anthropic`.
 */
import { usageReportConnector } from '../usage-report-connector.ts';
import { anthropicExportKind, exportBuckets } from './export-csv.ts';
import { costRows, usageRows } from './map.ts';
import { readReport, sniffAnthropic, type ReportBucket } from './report.ts';

export { collectAnthropic } from './live.ts';

export const anthropicUsageConnector = usageReportConnector<ReportBucket>({
  id: 'anthropic-usage',
  label: 'Anthropic usage / cost report (JSON), Console exports (CSV)',
  formats: { usage: 'anthropic-usage', cost: 'anthropic-cost' },
  sniff: sniffAnthropic,
  exportKind: anthropicExportKind,
  readExport: exportBuckets,
  readAnswer: readReport,
  costRows,
  usageRows,
});

/**
 * Google Cloud billing export (standard and detailed usage cost) as JSON
 * lines, Parquet or CSV, optionally gzip. For JSON the connector builds its
 * own raw stage (one VARCHAR per top-level field, nested values as JSON
 * text); errors there name the record's line and the JSON path.
 */
import type { Connector } from '../connector.ts';
import type { FileProbe, ProbedColumn } from '../probe.ts';
import { billStage } from '../bill-stage.ts';
import { refuseMissingColumns } from '../missing-columns.ts';
import { composeStagedFile, probeMeta } from '../sql.ts';
import { GcpHeader, gcpScore, jsonStage } from './columns.ts';
import { gcpPlans } from './map.ts';

export const gcpBillingConnector: Connector = {
  id: 'gcp-billing',
  label: 'Google Cloud billing export (BigQuery: JSON lines, Parquet, CSV)',
  detect: (probe) => gcpScore(probe),
  async stage(probe) {
    const json = probe.container === 'json';
    const js: { stage: string; columns: ProbedColumn[]; present?: ReadonlySet<string>; physicalLines?: FileProbe['physicalLines'] } = json ? jsonStage(probe) : billStage(probe);
    const header = new GcpHeader(js.columns, json, js.present);
    refuseMissingColumns(probe.path, 'Google Cloud billing export', header.missing(), { noun: 'field(s)', at: json ? 'first record' : 'line 1' });
    const file = composeStagedFile(probeMeta(probe, 'gcp-billing', js.physicalLines), js.stage, gcpPlans(header, probe.path));
    return { file: { ...file, replaceBy: 'billing-period' }, notes: { ignoredColumns: [], warnings: [] } };
  },
};

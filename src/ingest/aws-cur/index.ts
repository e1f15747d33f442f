/**
 * AWS Cost and Usage Report: legacy CUR (CSV or gzip CSV with `lineItem/…`
 * names, or Parquet with Athena-style names and flat `resource_tags_user_*`
 * columns) and CUR 2.0 from Data Exports (Parquet or CSV, one `resource_tags`
 * map). Each file becomes FOCUS rows as AWS's own FOCUS export would write
 * them; the payer account is the BillingAccountId, so a restated month
 * (a newer CUR for the same payer and billing period) replaces the old one.
 */
import type { Connector } from '../connector.ts';
import { billStage } from '../bill-stage.ts';
import { refuseMissingColumns } from '../missing-columns.ts';
import { composeStagedFile, probeMeta, withHelpers } from '../sql.ts';
import { curScore, mapCurHeader } from './columns.ts';
import { withHiveMaps } from './hive-map.ts';
import { manifestWarnings } from './manifest.ts';
import { curHelpers, curPlans } from './map.ts';

export const awsCurConnector: Connector = {
  id: 'aws-cur',
  label: 'AWS Cost and Usage Report (legacy CSV/Parquet, CUR 2.0)',
  detect: (probe) => (probe.container === 'json' ? 0 : curScore(probe.columns)),
  async stage(probe) {
    const { stage, columns, physicalLines } = billStage(probe);
    const header = mapCurHeader(columns);
    refuseMissingColumns(probe.path, 'AWS CUR file', header.missing);
    const file = composeStagedFile(probeMeta(probe, 'aws-cur', physicalLines), withHelpers(withHiveMaps(stage, columns), curHelpers(header)), curPlans(header, probe.path));
    const warnings = await manifestWarnings(probe.path, probe.columns.map((c) => c.name));
    return { file: { ...file, replaceBy: 'billing-period' }, notes: { ignoredColumns: [], warnings } };
  },
};

/**
 * Oracle Cloud (OCI) cost reports (`reports/cost-csv/…`, CSV or gzip CSV).
 * OCI's FOCUS reports load through the FOCUS importer instead.
 */
import { OutlayError } from '../../core/index.ts';
import type { Connector } from '../connector.ts';
import { billStage } from '../bill-stage.ts';
import { composeStagedFile, probeMeta } from '../sql.ts';
import { mapOciHeader, ociScore } from './columns.ts';
import { currencyCell, ociPlans } from './map.ts';

export const ociCostConnector: Connector = {
  id: 'oci-cost',
  label: 'Oracle Cloud (OCI) cost reports (CSV)',
  detect: (probe) => (probe.container === 'json' ? 0 : ociScore(probe.columns)),
  async stage(probe, scratch) {
    const { stage, columns, physicalLines } = billStage(probe);
    const header = mapOciHeader(columns);
    if (header.missing.length > 0) {
      throw new OutlayError('INGEST_MISSING_COLUMN',
        `${probe.path}: OCI cost report lacks mandatory column(s) ${header.missing.join(', ')} (line 1)`,
        { file: probe.path, line: 1, field: header.missing[0] });
    }
    // Once here, not as a window over the whole file inside the load (which would hold every row).
    const [found] = await scratch.all<{ c: string | null }>(`SELECT max(upper(${currencyCell(header)})) AS c FROM (${stage})`)
      .catch(() => [{ c: null }]); // a file the reader refuses is refused by the load itself, with its line
    const file = composeStagedFile(probeMeta(probe, 'oci-cost', physicalLines), stage, ociPlans(header, probe.path, found?.c ?? null));
    // OCI writes several report files a day, each with new lines: a later file adds to the month,
    // and only a file of the same name (downloaded again) replaces what it held.
    return { file: { ...file, replaceBy: 'file' }, notes: { ignoredColumns: [], warnings: [] } };
  },
};

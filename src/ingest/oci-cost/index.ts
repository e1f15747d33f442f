/**
 * Oracle Cloud (OCI) cost reports (`reports/cost-csv/…`, CSV or gzip CSV).
 * OCI's FOCUS reports load through the FOCUS importer instead.
 */
import type { Connector } from '../connector.ts';
import { billStage } from '../bill-stage.ts';
import { refuseMissingColumns } from '../missing-columns.ts';
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
    refuseMissingColumns(probe.path, 'OCI cost report', header.missing);
    // Once here, not as a window over the whole file inside the load (which would hold every row).
    const [found] = await scratch.all<{ c: string | null }>(`SELECT max(upper(${currencyCell(header)})) AS c FROM (${stage})`)
      .catch(() => [{ c: null }]); // a file the reader refuses is refused by the load itself, with its line
    const file = composeStagedFile(probeMeta(probe, 'oci-cost', physicalLines), stage, ociPlans(header, probe.path, found?.c ?? null));
    // OCI writes several report files a day, each with new lines: a later file adds to the month,
    // and only a file of the same name (downloaded again) replaces what it held.
    return { file: { ...file, replaceBy: 'file' }, notes: { ignoredColumns: [], warnings: [] } };
  },
};

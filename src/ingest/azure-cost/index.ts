/**
 * Azure cost details exports (EA and MCA, actual and amortised, CSV, gzip
 * CSV or Parquet) and the legacy pay-as-you-go usage details. Whether a file
 * holds actual or amortised cost decides which FOCUS cost column its cost
 * column is (map.ts): the file name says so when Azure named it
 * (`…AmortizedCost…`, `…ActualCost…`); otherwise its lines do (amortised
 * files charge commitment-covered usage and carry Unused* lines).
 */
import { OutlayError } from '../../core/index.ts';
import type { Connector } from '../connector.ts';
import type { Scratch } from '../scratch.ts';
import { billStage } from '../bill-stage.ts';
import { refuseMissingColumns } from '../missing-columns.ts';
import { composeStagedFile, probeMeta } from '../sql.ts';
import { AZ, azureScore, mapAzureHeader, need, type AzureHeader } from './columns.ts';
import { azurePlans } from './map.ts';

async function isAmortised(path: string, stage: string, a: AzureHeader, scratch: Scratch): Promise<boolean> {
  const name = path.toLowerCase().replace(/^.*[\\/]/, '');
  if (/amorti[sz]ed/.test(name)) return true;
  if (/actual/.test(name)) return false;
  const ct = a.h.col('chargetype');
  const pm = a.h.col('pricingmodel');
  const cost = need(a.h, AZ.cost);
  if (!ct || !cost) return false;
  const covered = pm ? `OR (lower(trim(${pm.raw})) IN ('reservation', 'savingsplan') AND lower(trim(${ct.raw})) = 'usage' AND TRY_CAST(${cost.raw} AS DOUBLE) <> 0)` : '';
  const r = await scratch.all<{ amortised: boolean | null }>(
    `SELECT bool_or(lower(trim(${ct.raw})) IN ('unusedreservation', 'unusedsavingsplan') ${covered}) AS amortised FROM (${stage})`)
    // A file the reader cannot read fails the load too, on the same reader, and the load names the
    // physical line (a record number here would be off after a cell with a line break): defer to it.
    .catch((e: unknown) => {
      if (/CSV Error on Line/.test((e as Error).message)) return [{ amortised: null }];
      throw new OutlayError('INGEST_IO', `${path}: cannot read the file to tell actual from amortised cost (${(e as Error).message.split('\n')[0]}); nothing was stored`, { file: path }, { cause: e });
    });
  return r[0]?.amortised === true;
}

export const azureCostConnector: Connector = {
  id: 'azure-cost',
  label: 'Azure cost details (EA, MCA, pay-as-you-go; actual or amortised)',
  detect: (probe) => (probe.container === 'json' ? 0 : azureScore(probe.columns)),
  async stage(probe, scratch) {
    const { stage, columns, physicalLines } = billStage(probe);
    const header = mapAzureHeader(columns);
    refuseMissingColumns(probe.path, 'Azure cost details file', header.missing, { sep: '; ' });
    const amortised = await isAmortised(probe.path, stage, header, scratch);
    const file = composeStagedFile(probeMeta(probe, 'azure-cost', physicalLines), stage, azurePlans(header, probe.path, amortised));
    const kind = amortised ? 'amortised cost: the cost column is EffectiveCost' : 'actual cost: the cost column is BilledCost';
    return { file: { ...file, replaceBy: 'billing-period' }, notes: { ignoredColumns: [], warnings: [`read as ${kind}`] } };
  },
};

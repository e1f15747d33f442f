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
    .catch((e: unknown) => { throw unreadable(path, e); });
  return r[0]?.amortised === true;
}

/** DuckDB's reader error for a malformed line (e.g. more cells than the header), with the file and line named. */
function unreadable(path: string, e: unknown): OutlayError {
  const text = e instanceof Error ? e.message : String(e);
  const line = Number(/CSV Error on Line: (\d+)/.exec(text)?.[1]) || undefined;
  const why = [text.split('\n')[0], /Expected Number of Columns: \d+ Found: \d+/.exec(text)?.[0]].filter(Boolean).join('; ');
  return new OutlayError('INGEST_BAD_ROW', `${path}${line ? `:${line}` : ''}: cannot read the CSV (${why}); nothing was stored`, { file: path, line, field: '(row)' }, { cause: e });
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

/**
 * The figures behind `outlay reconcile`, one line per (source file, billing
 * period, currency): what the file held when loaded (source_file_totals),
 * what the store holds now and the part of it with a team (one grouped scan
 * of cost_records). Comparing them is analytics' job (analytics/reconcile).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MoneyFigures, SourceReconciliation } from '../types.ts';
import { trimDecimal } from './query-sql.ts';

const SQL = `
WITH stored AS (
  SELECT source_id, strftime("BillingPeriodStart", '%Y-%m') AS period, coalesce("BillingCurrency", '') AS currency,
    count(*) AS s_rows, sum("BilledCost") AS s_billed, sum("EffectiveCost") AS s_effective, sum("ListCost") AS s_list,
    count(*) FILTER (WHERE "x_Team" IS NOT NULL) AS a_rows,
    sum("BilledCost") FILTER (WHERE "x_Team" IS NOT NULL) AS a_billed,
    sum("EffectiveCost") FILTER (WHERE "x_Team" IS NOT NULL) AS a_effective,
    sum("ListCost") FILTER (WHERE "x_Team" IS NOT NULL) AS a_list
  FROM cost_records GROUP BY ALL
), file AS (
  SELECT source_id, billing_period AS period, coalesce(currency, '') AS currency,
    sum(rows) FILTER (WHERE part = 'loaded') AS l_rows, sum(billed) FILTER (WHERE part = 'loaded') AS l_billed,
    sum(effective) FILTER (WHERE part = 'loaded') AS l_effective, sum(list) FILTER (WHERE part = 'loaded') AS l_list,
    sum(rows) FILTER (WHERE part = 'rejected') AS r_rows, sum(billed) FILTER (WHERE part = 'rejected') AS r_billed,
    sum(effective) FILTER (WHERE part = 'rejected') AS r_effective, sum(list) FILTER (WHERE part = 'rejected') AS r_list,
    sum(unreadable_rows) FILTER (WHERE part = 'rejected') AS r_unreadable
  FROM source_file_totals GROUP BY ALL
), keyed AS (
  SELECT coalesce(f.source_id, s.source_id) AS source_id, coalesce(f.period, s.period) AS period,
    coalesce(f.currency, s.currency) AS currency, f.* EXCLUDE (source_id, period, currency), s.* EXCLUDE (source_id, period, currency)
  FROM file f FULL OUTER JOIN stored s
    ON f.source_id = s.source_id AND f.period IS NOT DISTINCT FROM s.period AND f.currency = s.currency
)
SELECT src.id, src.path, src.format, src.status, src.replaced_by,
  EXISTS (SELECT 1 FROM source_file_totals t WHERE t.source_id = src.id) AS recorded,
  k.* EXCLUDE (source_id)
FROM sources src JOIN keyed k ON k.source_id = src.id
-- a recorded file without rows keeps its one empty marker line; other empty markers are dropped
WHERE NOT (k.period IS NULL AND k.currency = '' AND coalesce(k.l_rows, 0) = 0 AND k.r_rows IS NULL AND k.s_rows IS NULL
  AND EXISTS (SELECT 1 FROM source_file_totals t WHERE t.source_id = src.id AND t.rows > 0))
ORDER BY src.ingested_at, src.path, k.period, k.currency`;

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

const dec = (v: Cell): string => (v === null || v === undefined ? '0' : trimDecimal(String(v)));

function figures(r: Row, p: string): MoneyFigures {
  return { rows: Number(r[`${p}_rows`] ?? 0), BilledCost: dec(r[`${p}_billed`]), EffectiveCost: dec(r[`${p}_effective`]), ListCost: dec(r[`${p}_list`]) };
}

export async function readReconciliation(conn: DuckDBConnection): Promise<SourceReconciliation[]> {
  const rows = (await conn.runAndReadAll(SQL)).getRowObjectsJson() as Row[];
  return rows.map((r) => ({
    sourceId: String(r.id),
    path: String(r.path),
    format: String(r.format),
    sourceStatus: r.status === 'replaced' ? 'replaced' : 'active',
    replacedBy: r.replaced_by === null ? null : String(r.replaced_by),
    billingPeriod: r.period === null ? null : String(r.period),
    currency: String(r.currency ?? ''),
    loaded: r.recorded ? figures(r, 'l') : null,
    rejected: r.r_rows === null ? null : { ...figures(r, 'r'), unreadableRows: Number(r.r_unreadable ?? 0) },
    stored: figures(r, 's'),
    allocated: figures(r, 'a'),
  }));
}

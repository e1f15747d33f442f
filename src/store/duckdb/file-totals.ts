/**
 * What each file held when it was loaded, kept for `outlay reconcile`.
 *
 * The rows a new file puts in the store are exactly its rows as read (a load
 * is all or nothing; quarantine leaves out only the bad rows, and a record
 * another file already stored is skipped, not counted twice), and restatement
 * only deletes rows of *earlier* files. So right after a load the per-source
 * summaries of the new files are their file totals: they are copied as part
 * 'loaded' at no extra scan. Under quarantine the refused rows are summed too
 * (part 'rejected', from the table the load staged them in, read leniently from
 * the file: an amount that cannot be read counts in unreadable_rows instead of
 * being guessed); a clean load pays nothing beyond copying a few summary rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from './schema.ts';

/** SELECT of the rejected rows' sums in source_file_totals' column order, without source_id and part. */
function rejectedSumsSql(table: string): string {
  return `SELECT "BillingCurrency" AS currency, "ProviderName" AS provider, strftime("BillingPeriodStart", '%Y-%m') AS billing_period,
      count(*) AS rows, coalesce(sum("BilledCost"), 0), coalesce(sum("EffectiveCost"), 0), coalesce(sum("ListCost"), 0),
      count(*) FILTER (WHERE "BilledCost" IS NULL AND "EffectiveCost" IS NULL) AS unreadable_rows
    FROM ${table} GROUP BY ALL`;
}

/**
 * A file this delivery added: its source id, how many rows quarantine
 * refused, and the table holding those rows (CostRecord columns, lenient
 * values) when there are any.
 */
export interface AddedFile { readonly id: string; readonly rejected: number; readonly rejectedTable: string | null }

/**
 * Records the file totals of the files a delivery added, inside the load's
 * own transaction (after its summaries are refreshed), so a committed load
 * always has them. Files with refused rows read their (small) staged table. Files
 * without rows get one empty 'loaded' row, so "recorded, empty" differs from
 * "never recorded".
 */
export async function recordFileTotals(conn: DuckDBConnection, added: readonly AddedFile[]): Promise<void> {
  for (const a of added) {
    const id = quoteLiteral(a.id);
    await conn.run(`DELETE FROM source_file_totals WHERE source_id = ${id}`);
    await conn.run(`INSERT INTO source_file_totals
      SELECT source_id, 'loaded', currency, provider, billing_period, rows, billed, effective, list, 0
      FROM source_summaries WHERE source_id = ${id}`);
    // A statement that fails inside a DuckDB transaction aborts it, so amounts
    // that cannot be summed must not fail here: the staged rows were read leniently.
    if (a.rejected > 0 && a.rejectedTable) {
      await conn.run(`INSERT INTO source_file_totals SELECT ${id}, 'rejected', * FROM (${rejectedSumsSql(a.rejectedTable)}) WHERE rows > 0`);
    }
    await conn.run(`INSERT INTO source_file_totals
      SELECT ${id}, 'loaded', NULL, NULL, NULL, 0, 0, 0, 0, 0
      WHERE NOT EXISTS (SELECT 1 FROM source_file_totals WHERE source_id = ${id})`);
  }
}

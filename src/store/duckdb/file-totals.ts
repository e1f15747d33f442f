/**
 * What each file held when it was loaded, kept for `outlay reconcile`.
 *
 * The rows a new file puts in the store are exactly its rows as read (a load
 * is all or nothing; quarantine leaves out only the bad rows), and restatement
 * only deletes rows of *earlier* files. So right after a load the per-source
 * summaries of the new files are their file totals: they are copied as part
 * 'loaded' at no extra scan. Under quarantine the refused rows are summed too
 * (part 'rejected', read leniently from the staged file: an amount that cannot be
 * read counts in unreadable_rows instead of being guessed); a clean load
 * pays nothing beyond copying a few summary rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StagedFile } from '../types.ts';
import { quoteLiteral } from './schema.ts';

/** SELECT of the rejected rows' sums in source_file_totals' column order, without source_id and part. */
function rejectedSumsSql(f: StagedFile): string {
  return `SELECT "BillingCurrency" AS currency, "ProviderName" AS provider, strftime("BillingPeriodStart", '%Y-%m') AS billing_period,
      count(*) AS rows, coalesce(sum("BilledCost"), 0), coalesce(sum("EffectiveCost"), 0), coalesce(sum("ListCost"), 0),
      count(*) FILTER (WHERE "BilledCost" IS NULL AND "EffectiveCost" IS NULL) AS unreadable_rows
    FROM (${f.selectRejected}) GROUP BY ALL`;
}

/** A file this delivery added: its staged relations, its source id, and how many rows quarantine refused. */
export interface AddedFile { readonly f: StagedFile; readonly id: string; readonly rejected: number }

/**
 * Records the file totals of the files a delivery added, inside the load's
 * own transaction (after its summaries are refreshed), so a committed load
 * always has them. Only files with refused rows pay an extra scan. Files
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
    if (a.rejected > 0) await recordRejected(conn, a, id);
    await conn.run(`INSERT INTO source_file_totals
      SELECT ${id}, 'loaded', NULL, NULL, NULL, 0, 0, 0, 0, 0
      WHERE NOT EXISTS (SELECT 1 FROM source_file_totals WHERE source_id = ${id})`);
  }
}

async function recordRejected(conn: DuckDBConnection, a: AddedFile, id: string): Promise<void> {
  // The good rows are in; summing the refused ones reads the file again. A
  // statement that fails inside a DuckDB transaction aborts it, so amounts
  // that cannot be summed must not fail here: selectRejected reads leniently.
  if (a.f.selectRejected) {
    await conn.run(`INSERT INTO source_file_totals SELECT ${id}, 'rejected', * FROM (${rejectedSumsSql(a.f)}) WHERE rows > 0`);
  } else {
    // Refused rows whose amounts could not be summed: counted, amounts unknown.
    await conn.run(`INSERT INTO source_file_totals VALUES (${id}, 'rejected', NULL, NULL, NULL, ${a.rejected}, 0, 0, 0, ${a.rejected})`);
  }
}

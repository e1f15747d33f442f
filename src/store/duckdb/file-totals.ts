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
import type { Delivery, LoadResult, StagedFile } from '../types.ts';
import { quoteLiteral } from './schema.ts';

/** Temporary table of rejected-row sums per staged file, keyed by fileKey. */
export type RejectedSums = Map<string, string>;

const fileKey = (f: { path: string; sha256: string }): string => `${f.path}\u0000${f.sha256}`;

/** SELECT of the rejected rows' sums in source_file_totals' column order, without source_id and part. */
function rejectedSumsSql(f: StagedFile): string {
  return `SELECT "BillingCurrency" AS currency, "ProviderName" AS provider, strftime("BillingPeriodStart", '%Y-%m') AS billing_period,
      count(*) AS rows, coalesce(sum("BilledCost"), 0), coalesce(sum("EffectiveCost"), 0), coalesce(sum("ListCost"), 0),
      count(*) FILTER (WHERE "BilledCost" IS NULL AND "EffectiveCost" IS NULL) AS unreadable_rows
    FROM (${f.selectRejected}) GROUP BY ALL`;
}

/**
 * After a quarantine load that refused rows: materialises those files'
 * rejected-row sums in temporary tables (the staged relations still read the
 * files, which a load does not change). Only files with refused rows pay this
 * extra scan. Drop the tables with dropRejectedSums.
 */
export async function stageRejectedSums(conn: DuckDBConnection, d: Delivery, result: LoadResult): Promise<RejectedSums> {
  const out: RejectedSums = new Map();
  if (!d.quarantine) return out;
  const refused = new Set(result.files.filter((f) => f.rejected > 0).map(fileKey));
  for (const [i, f] of d.files.entries()) {
    if (!f.selectRejected || !refused.has(fileKey(f))) continue;
    const table = `outlay_rejected_${i}`;
    // A file the reader cannot read at all fails in the load itself, with the
    // load's own error; here it only means the rejected amount stays unknown.
    const made = await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${rejectedSumsSql(f)}`).then(() => true, () => false);
    if (made) out.set(fileKey(f), table);
  }
  return out;
}

/**
 * After a load: records file totals of the files it added (one transaction).
 * Files without rows get one empty 'loaded'
 * row, so "recorded, empty" differs from "never recorded".
 */
export async function recordFileTotals(conn: DuckDBConnection, result: LoadResult, rejected: RejectedSums): Promise<void> {
  const added = result.files.filter((f) => f.status !== 'unchanged');
  if (added.length === 0) return;
  const ids = (await conn.runAndReadAll('SELECT id, path, sha256 FROM sources WHERE delivery_id = $1', [result.deliveryId]))
    .getRowObjectsJson() as { id: string; path: string; sha256: string }[];
  const refused = new Map(added.map((f) => [fileKey(f), f.rejected]));
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const s of ids) await recordOne(conn, s.id, rejected.get(fileKey(s)), refused.get(fileKey(s)) ?? 0);
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}

export async function dropRejectedSums(conn: DuckDBConnection, rejected: RejectedSums): Promise<void> {
  for (const table of rejected.values()) await conn.run(`DROP TABLE IF EXISTS ${table}`);
}

async function recordOne(conn: DuckDBConnection, sourceId: string, rejectedTable: string | undefined, refusedRows: number): Promise<void> {
  const id = quoteLiteral(sourceId);
  await conn.run(`DELETE FROM source_file_totals WHERE source_id = ${id}`);
  await conn.run(`INSERT INTO source_file_totals
    SELECT source_id, 'loaded', currency, provider, billing_period, rows, billed, effective, list, 0
    FROM source_summaries WHERE source_id = ${id}`);
  if (rejectedTable) {
    await conn.run(`INSERT INTO source_file_totals SELECT ${id}, 'rejected', * FROM ${rejectedTable} WHERE rows > 0`);
  } else if (refusedRows > 0) {
    // Refused rows whose amounts could not be summed: counted, amounts unknown.
    await conn.run(`INSERT INTO source_file_totals VALUES (${id}, 'rejected', NULL, NULL, NULL, ${refusedRows}, 0, 0, 0, ${refusedRows})`);
  }
  await conn.run(`INSERT INTO source_file_totals
    SELECT ${id}, 'loaded', NULL, NULL, NULL, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM source_file_totals WHERE source_id = ${id})`);
}

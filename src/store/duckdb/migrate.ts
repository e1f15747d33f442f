import type { DuckDBConnection } from '@duckdb/node-api';
import { OutlayError } from '../../core/index.ts';
import { COST_COLUMNS } from '../../core/index.ts';
import { MIGRATIONS, SCHEMA_VERSION, quoteIdent, sqlType } from './schema.ts';
import { storeFailure } from './errors.ts';

/** Current schema version of an open store (0 = empty file). */
export async function currentVersion(conn: DuckDBConnection): Promise<number> {
  await conn.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
  const r = await conn.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return Number(r.getRowObjectsJson()[0]?.v ?? 0);
}

/**
 * New CostRecord columns are additive: any column in COST_COLUMNS that an
 * older store lacks is added (NULL for rows loaded before it existed), so
 * extending the cost model needs no hand-written migration.
 */
async function ensureCostColumns(conn: DuckDBConnection): Promise<void> {
  const r = await conn.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = 'cost_records'");
  const have = new Set((r.getRowObjectsJson() as { column_name: string }[]).map((x) => x.column_name));
  for (const c of COST_COLUMNS) {
    if (!have.has(c.name)) await conn.run(`ALTER TABLE cost_records ADD COLUMN ${quoteIdent(c.name)} ${sqlType(c.type)}`);
  }
}

/**
 * Applies every migration not yet recorded, in version order (by set, not by
 * "greater than the latest", so migrations numbered in separate ranges by
 * different capabilities all apply); refuses a store newer than this build.
 */
export async function migrate(conn: DuckDBConnection, location: string): Promise<number> {
  const from = await currentVersion(conn);
  if (from > SCHEMA_VERSION) {
    throw new OutlayError('STORE_ERROR', `store ${location} has schema version ${from}, newer than this Outlay (${SCHEMA_VERSION}); upgrade Outlay`, { file: location });
  }
  const doneRows = (await conn.runAndReadAll('SELECT version FROM schema_migrations')).getRowObjectsJson() as { version: number }[];
  const done = new Set(doneRows.map((x) => Number(x.version)));
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const sql of m.sql) await conn.run(sql);
      await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)', [m.version, m.name]);
      await conn.run('COMMIT');
    } catch (e) {
      // A full disk can end the transaction itself; a failing ROLLBACK must not hide why.
      await conn.run('ROLLBACK').catch(() => undefined);
      throw storeFailure(e, location) ?? new OutlayError('STORE_ERROR', `migration ${m.version} (${m.name}) failed on ${location}: ${(e as Error).message}`, { file: location }, { cause: e });
    }
  }
  await ensureCostColumns(conn);
  return SCHEMA_VERSION;
}

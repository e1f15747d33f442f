import type { DuckDBConnection } from '@duckdb/node-api';
import { OutlayError } from '../../core/index.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

/** Current schema version of an open store (0 = empty file). */
export async function currentVersion(conn: DuckDBConnection): Promise<number> {
  await conn.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
  const r = await conn.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return Number(r.getRowObjectsJson()[0]?.v ?? 0);
}

/** Applies every pending migration in order; refuses a store newer than this build. */
export async function migrate(conn: DuckDBConnection, location: string): Promise<number> {
  const from = await currentVersion(conn);
  if (from > SCHEMA_VERSION) {
    throw new OutlayError('STORE_ERROR', `store ${location} has schema version ${from}, newer than this Outlay (${SCHEMA_VERSION}); upgrade Outlay`, { file: location });
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const sql of m.sql) await conn.run(sql);
      await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)', [m.version, m.name]);
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK');
      throw new OutlayError('STORE_ERROR', `migration ${m.version} (${m.name}) failed on ${location}: ${(e as Error).message}`, { file: location }, { cause: e });
    }
  }
  return SCHEMA_VERSION;
}

/**
 * The store door. `openStore` picks the implementation; today the embedded
 * DuckDB file, later ClickHouse/PostgreSQL behind the same Store interface.
 */
import { DuckDBStore } from './duckdb/store.ts';
import type { Store } from './types.ts';
import type { MetadataProvider } from './metadata.ts';
import { OutlayError } from '../core/index.ts';
import { DuckDBAnomalies } from './duckdb/anomalies.ts';
import type { AnomalyStore } from './anomalies.ts';

export * from './types.ts';
export * from './metadata.ts';
export * from './anomalies.ts';
export { DuckDBStore } from './duckdb/store.ts';

export interface OpenStoreOptions {
  /** Path of the DuckDB file, or ':memory:'. */
  readonly path: string;
  readonly memoryLimit?: string;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store & MetadataProvider & { sql: DuckDBStore['sql'] }> {
  return DuckDBStore.open(opts);
}

/**
 * The anomaly incidents of an open store. The embedded store keeps them in its
 * own file, on its own connection; a scale-out store will bring its own.
 */
export function anomalyStore(store: Store): AnomalyStore {
  if (store instanceof DuckDBStore) return new DuckDBAnomalies((sql, params) => store.sql(sql, params), (fn) => store.transaction(fn));
  throw new OutlayError('STORE_ERROR', `the ${store.kind} store does not keep anomaly incidents yet`);
}

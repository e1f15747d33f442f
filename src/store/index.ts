/**
 * The store door. `openStore` picks the implementation; today the embedded
 * DuckDB file, later ClickHouse/PostgreSQL behind the same Store interface.
 */
import { DuckDBStore } from './duckdb/store.ts';
import type { Store } from './types.ts';
import type { MetadataProvider } from './metadata.ts';

export * from './types.ts';
export * from './metadata.ts';
export { DuckDBStore } from './duckdb/store.ts';

export interface OpenStoreOptions {
  /** Path of the DuckDB file, or ':memory:'. */
  readonly path: string;
  readonly memoryLimit?: string;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store & MetadataProvider & { sql: DuckDBStore['sql'] }> {
  return DuckDBStore.open(opts);
}

/**
 * The embedded store: one DuckDB file holds facts and metadata. One process
 * owns the file at a time (DuckDB's own lock); a second process gets
 * STORE_LOCKED instead of a corrupt file. Failures of the file itself (damaged,
 * disk full, not writable) become STORE_ERROR naming it (errors.ts).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { OutlayError, resolveDimension } from '../../core/index.ts';
import type {
  AccessScope, CostQuery, Delivery, LakeExportResult, LoadResult, QueryResult, QueryRow, SourceInfo, SourceReconciliation, Store,
} from '../types.ts';
import { loadDelivery } from './load.ts';
import { readReconciliation } from './reconcile-sql.ts';
import { currentVersion, migrate } from './migrate.ts';
import { BASE_SOURCE, buildCostQuery, dimensionExpr, scopeClause, trimDecimal } from './query-sql.ts';
import { exportLake } from './lake.ts';
import { ReadPool } from './read-pool.ts';
import { storeFailure } from './errors.ts';
import { ensureRollup, rollupFor } from './rollup.ts';
import { listSources } from './sources.ts';
import { DuckDBMetadata } from './metadata.ts';
import type { MetadataProvider, MetadataStore } from '../metadata.ts';

export interface DuckDBStoreOptions {
  /** File path, or ':memory:' for tests. */
  readonly path: string;
  /** DuckDB memory limit, e.g. '1GB'; larger work spills to disk. */
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** Extra connections for concurrent reads (default 3). */
  readonly readers?: number;
}

const DEFAULT_READERS = 3;

function fileBytes(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

export class DuckDBStore implements Store, MetadataProvider {
  readonly kind = 'duckdb';
  readonly location: string;
  private readonly instance: DuckDBInstance;
  private readonly conn: DuckDBConnection;
  /** DuckDB runs one statement per connection at a time; queue ours. */
  private chain: Promise<unknown> = Promise.resolve();

  private readonly readers: ReadPool;

  private constructor(location: string, instance: DuckDBInstance, conn: DuckDBConnection, readers: ReadPool) {
    this.location = location;
    this.instance = instance;
    this.conn = conn;
    this.readers = readers;
  }

  static async open(opts: DuckDBStoreOptions): Promise<DuckDBStore> {
    const location = opts.path === ':memory:' ? ':memory:' : resolve(opts.path);
    if (location !== ':memory:') {
      try {
        mkdirSync(dirname(location), { recursive: true });
      } catch (e) {
        throw new OutlayError('STORE_ERROR', `cannot create the folder of store ${location}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          { file: location }, { cause: e });
      }
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location, {
        memory_limit: opts.memoryLimit ?? '1GB',
        ...(opts.threads ? { threads: String(opts.threads) } : {}),
      });
    } catch (e) {
      throw storeFailure(e, location, fileBytes(location)) ?? new OutlayError('STORE_ERROR', `cannot open store ${location}: ${(e as Error).message}`, { file: location }, { cause: e });
    }
    try {
      const conn = await instance.connect();
      // Every instant is UTC whatever the host's zone (TimeZone needs ICU loaded first).
      await conn.run("LOAD icu; SET TimeZone = 'UTC'");
      await migrate(conn, location);
      await ensureRollup(conn);
      const readers = await ReadPool.open(instance, opts.readers ?? DEFAULT_READERS);
      return new DuckDBStore(location, instance, conn, readers);
    } catch (e) {
      instance.closeSync();
      throw storeFailure(e, location) ?? e;
    }
  }

  /** A failure of the store file itself as a typed error naming it; anything else as it is. */
  private typed<T>(p: Promise<T>): Promise<T> {
    return p.catch((e: unknown) => { throw storeFailure(e, this.location) ?? e; });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return this.typed(next);
  }

  private read<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.typed(this.readers.run(fn));
  }

  load(delivery: Delivery): Promise<LoadResult> {
    return this.serial(() => loadDelivery(this.conn, delivery, this.location));
  }

  query(q: CostQuery, scope: AccessScope): Promise<QueryResult> {
    const built = buildCostQuery(q, scope, rollupFor(q) ?? BASE_SOURCE);
    return this.read(async (conn) => {
      const r = await conn.runAndReadAll(built.sql, built.params);
      const rows = (r.getRowObjectsJson() as QueryRow[]).map((row) => {
        for (const k of built.decimalKeys) {
          const v = row[k];
          row[k] = v == null ? '0' : trimDecimal(String(v));
        }
        return row;
      });
      return { columns: built.columns, rows };
    });
  }

  listSources(): Promise<readonly SourceInfo[]> {
    return this.read((conn) => listSources(conn));
  }

  reconciliation(): Promise<readonly SourceReconciliation[]> {
    return this.read((conn) => readReconciliation(conn));
  }

  exportLake(dir: string, format: 'parquet' | 'csv', scope: AccessScope): Promise<LakeExportResult> {
    return this.serial(() => exportLake(this.conn, dir, format, scope));
  }

  dimensionValues(dimension: string, scope: AccessScope, limit = 1000): Promise<readonly string[]> {
    const params: string[] = [];
    const expr = dimensionExpr(resolveDimension(dimension));
    const scoped = scopeClause(scope, params);
    const sql = `SELECT DISTINCT ${expr} AS v FROM cost_records WHERE ${expr} IS NOT NULL${scoped ? ` AND ${scoped}` : ''} ORDER BY v LIMIT ${Math.floor(limit)}`;
    return this.read(async (conn) => {
      const r = await conn.runAndReadAll(sql, params);
      return (r.getRowObjectsJson() as { v: string }[]).map((x) => x.v);
    });
  }

  schemaVersion(): Promise<number> {
    return this.serial(() => currentVersion(this.conn));
  }

  /**
   * Tokens, audit log and settings in the same file, on the same connection
   * and serial queue (the only connection this process may hold).
   */
  metadata(): MetadataStore {
    return new DuckDBMetadata((fn) => this.serial(() => fn(this.conn)));
  }

  /** Raw SQL for benchmarks and contract tests (not part of the Store interface). */
  sql(sql: string, params: string[] = []): Promise<Record<string, unknown>[]> {
    return this.serial(async () => (await this.conn.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[]);
  }

  /**
   * Runs `fn` as one transaction on the store's connection, holding its queue
   * so no other statement lands between BEGIN and COMMIT; rolls back on error.
   */
  transaction<T>(fn: (sql: (sql: string, params: string[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const run = async (sql: string, params: string[]) => (await this.conn.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[];
      await this.conn.run('BEGIN TRANSACTION');
      try {
        const out = await fn(run);
        await this.conn.run('COMMIT');
        return out;
      } catch (e) {
        await this.conn.run('ROLLBACK').catch(() => undefined); // never hides why it failed
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.readers.close();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

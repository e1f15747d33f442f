/**
 * Read connections. DuckDB runs one statement per connection at a time, but
 * several connections of one instance run statements concurrently on the
 * shared thread pool, each seeing the last committed state (MVCC). Reads go
 * to the least busy reader; writes stay on the store's own connection, so a
 * long load never blocks the cost explorer.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

interface Reader {
  readonly conn: DuckDBConnection;
  chain: Promise<unknown>;
  pending: number;
}

export class ReadPool {
  private constructor(private readonly readers: Reader[]) {}

  static async open(instance: DuckDBInstance, size: number): Promise<ReadPool> {
    const readers: Reader[] = [];
    for (let i = 0; i < size; i++) {
      const conn = await instance.connect();
      await conn.run("SET TimeZone = 'UTC'");
      readers.push({ conn, chain: Promise.resolve(), pending: 0 });
    }
    return new ReadPool(readers);
  }

  run<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const reader = this.readers.reduce((a, b) => (b.pending < a.pending ? b : a));
    reader.pending++;
    const next = reader.chain.then(() => fn(reader.conn), () => fn(reader.conn)).finally(() => {
      reader.pending--;
    });
    reader.chain = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.chain));
    for (const r of this.readers) r.conn.closeSync();
  }
}

/**
 * An in-memory DuckDB used by ingest to look inside files (Parquet schemas,
 * JSON shapes) before the store loads them. It never holds facts.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export class Scratch {
  private constructor(private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection) {}

  static async open(): Promise<Scratch> {
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '512MB' });
    const conn = await instance.connect();
    await conn.run("LOAD icu; SET TimeZone = 'UTC'");
    return new Scratch(instance, conn);
  }

  async all<T>(sql: string, params: string[] = []): Promise<T[]> {
    return (await this.conn.runAndReadAll(sql, params)).getRowObjectsJson() as unknown as T[];
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Test support for the cloud-bill mappings: ingest files into a fresh
 * in-memory store and read every stored CostRecord back (through the lake
 * export, so a test sees each FOCUS column of each row as stored), keyed by
 * a column the test made unique per row (e.g. ResourceId).
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS, openStore } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { tempDir } from './helpers.ts';

export type StoredRow = Record<string, string | null>;

/** Every stored row of `paths`, keyed by `key`; money as plain decimal text without trailing zeros. */
export async function storedRows(paths: readonly string[], key: string): Promise<Record<string, StoredRow>> {
  const store = await openStore({ path: ':memory:' });
  const { dir, cleanup } = tempDir('outlay-rows-');
  try {
    await ingest(store, [...paths]);
    const lake = join(dir, 'lake');
    await store.exportLake(lake, 'parquet', FULL_ACCESS);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const r = await conn.runAndReadAll(`SELECT * FROM read_parquet('${lake}/**/*.parquet', hive_partitioning = false)`);
      const out: Record<string, StoredRow> = {};
      for (const row of r.getRowObjectsJson()) {
        const flat: StoredRow = {};
        for (const [k, v] of Object.entries(row)) flat[k] = v === null || v === undefined ? null : plain(String(v));
        out[String(flat[key])] = flat;
      }
      return out;
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  } finally {
    await store.close();
    cleanup();
  }
}

/** "12.500000000000" → "12.5", "-0.000" → "0"; other text unchanged. */
function plain(v: string): string {
  if (!/^-?\d+\.\d+$/.test(v)) return v;
  const t = v.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

/**
 * What every command needs: the store location (--store, $OUTLAY_STORE, or
 * ./.outlay/outlay.duckdb), an open store for the duration of one command,
 * and the one logger. The store (DuckDB) and the price catalogues are loaded
 * only when a command uses them, so `outlay --help` does not wait for them.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { jsonLogger, OutlayError, type Logger, type LogLevel } from '../core/index.ts';
import type { Store } from '../store/index.ts';

export const DEFAULT_STORE = '.outlay/outlay.duckdb';

/** The store's file, absolute; ':memory:' stays DuckDB's in-memory store (empty each command, kept nowhere), not a file of that name. */
export function storePath(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ store?: string }>();
  const path = opts.store ?? process.env.OUTLAY_STORE ?? DEFAULT_STORE;
  return path === ':memory:' ? path : resolve(path);
}

export function cliLogger(): Logger {
  const level = (process.env.OUTLAY_LOG_LEVEL ?? 'warn') as LogLevel;
  return jsonLogger(level, (line) => process.stderr.write(line));
}

/**
 * The store's DuckDB memory limit from $OUTLAY_MEMORY_LIMIT (e.g. 4GB); work
 * beyond it spills to disk. Default 1GB keeps a 10M-row ingest under 2 GB of RSS.
 */
export function storeMemoryLimit(): string | undefined {
  const v = process.env.OUTLAY_MEMORY_LIMIT?.trim();
  if (!v) return undefined;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(v)) {
    throw new OutlayError('INPUT_INVALID', `OUTLAY_MEMORY_LIMIT: "${v}" is not a size like 512MB or 4GB`, { field: 'OUTLAY_MEMORY_LIMIT', value: v });
  }
  return v;
}

export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/index.ts');
  const store = await openStore({ path: storePath(cmd), memoryLimit: storeMemoryLimit() });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Commands that price usage (ingest, collect, prices) apply the organisation's
 * price overrides named by $OUTLAY_PRICE_OVERRIDES; a bad file stops them
 * before anything is priced.
 */
export async function installPriceOverrides(path = process.env.OUTLAY_PRICE_OVERRIDES): Promise<void> {
  const { loadPriceOverrides, usePriceOverrides } = await import('../pricing/index.ts');
  usePriceOverrides(path ? loadPriceOverrides(resolve(path)) : null);
}

/**
 * What every command needs: the store location (--store, $OUTLAY_STORE, or
 * ./.outlay/outlay.duckdb), an open store for the duration of one command,
 * and the one logger.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { jsonLogger, type Logger, type LogLevel } from '../core/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { loadPriceOverrides, usePriceOverrides } from '../pricing/index.ts';

export const DEFAULT_STORE = '.outlay/outlay.duckdb';

export function storePath(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ store?: string }>();
  return resolve(opts.store ?? process.env.OUTLAY_STORE ?? DEFAULT_STORE);
}

export function cliLogger(): Logger {
  const level = (process.env.OUTLAY_LOG_LEVEL ?? 'warn') as LogLevel;
  return jsonLogger(level, (line) => process.stderr.write(line));
}

export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ path: storePath(cmd) });
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
export function installPriceOverrides(path = process.env.OUTLAY_PRICE_OVERRIDES): void {
  usePriceOverrides(path ? loadPriceOverrides(resolve(path)) : null);
}

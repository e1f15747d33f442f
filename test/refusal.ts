/**
 * Store fixtures and bad-input checks shared by the importer tests: a fresh
 * in-memory store per case, one that already holds a delivery (so "nothing
 * stored" is checked against a real prior state, not an empty store), a
 * snapshot of what a store holds, and one assertion that a refusal names the
 * file, the line or JSON path and the field and leaves the store as it was.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isOutlayError, type OutlayError } from '../src/core/index.ts';
import { FULL_ACCESS, openStore, type Store } from '../src/store/index.ts';
import { ingest, type IngestOptions } from '../src/ingest/index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv } from './helpers.ts';

/** Sources (path, hash, rows, status) and stored totals per currency, as one comparable value. */
export async function storeSnapshot(store: Store): Promise<unknown> {
  const sources = (await store.listSources()).map((s) => [s.path, s.sha256, s.rows, s.status]);
  const totals = await store.query({ measures: ['billed', 'effective', 'input_tokens', 'gpu_hours', 'rows'], groupBy: [] }, FULL_ACCESS);
  return { sources, totals: totals.rows };
}

/** A fresh in-memory store and a temp folder for one case, closed and removed afterwards. */
export async function withStore(run: (store: Store, dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir('outlay-store-');
  const store = await openStore({ path: ':memory:' });
  try {
    await run(store, dir);
  } finally {
    await store.close();
    cleanup();
  }
}

/** Like withStore, with one FOCUS file (USD 4.00, one row) already stored. */
export function withSeededStore(run: (store: Store, dir: string) => Promise<void>): Promise<void> {
  return withStore(async (store, dir) => {
    const seed = writeCsv(join(dir, 'seed.csv'), FOCUS_MIN_HEADER, [focusRow({ BillingAccountId: 'seed', BilledCost: '4.00', EffectiveCost: '4.00' })]);
    await ingest(store, [seed]);
    const q = await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS);
    assert.deepEqual(q.rows.map((r) => [r.BillingCurrency, r.BilledCost, r.Rows]), [['USD', '4.00', '1']], 'the seed delivery is stored');
    await run(store, dir);
  });
}

export interface Refusal {
  readonly code: string;
  readonly file: string;
  /** 1-based line (CSV) or line of the JSON object; omitted where the input has no lines (a URL). */
  readonly line?: number;
  /** Column name or JSON path. */
  readonly field: string;
}

/** Ingests `paths`, expects the refusal described, and checks the store did not change. */
export async function expectRefusal(store: Store, paths: readonly string[], want: Refusal, opts: IngestOptions = {}): Promise<OutlayError> {
  const before = await storeSnapshot(store);
  const err = await ingest(store, paths, opts).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err), `expected a refusal, got ${err === undefined ? 'a load' : String(err)}`);
  assert.equal(err.code, want.code, err.message);
  assert.equal(err.details.file, want.file, `file in ${JSON.stringify(err.details)}`);
  if (want.line !== undefined) assert.equal(err.details.line, want.line, `line in ${JSON.stringify(err.details)}`);
  assert.equal(err.details.field, want.field, `field in ${JSON.stringify(err.details)}`);
  assert.ok(err.message.includes(want.file), `the message names the file: ${err.message}`);
  if (!want.field.startsWith('(')) assert.ok(err.message.includes(want.field), `the message names the field: ${err.message}`);
  assert.deepEqual(await storeSnapshot(store), before, 'nothing from the refused delivery is stored');
  return err;
}

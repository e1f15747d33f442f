/**
 * Test support for the cloud-bill importers: load one billing fixture into a
 * fresh in-memory store and read totals back through the cost explorer, so
 * each importer's test states which stored column each totals.json column
 * lands in.
 */
import assert from 'node:assert/strict';
import { roundDecimal } from '../src/core/index.ts';
import { FULL_ACCESS, openStore, type QueryFilter, type QueryRow, type Store } from '../src/store/index.ts';
import { ingest, type IngestReport } from '../src/ingest/index.ts';
import { fixture, readJson } from './helpers.ts';

export interface FixtureTotals {
  readonly format: string;
  readonly rows: number;
  readonly sha256: string;
  readonly totals: Record<string, Record<string, string>>;
  readonly totals_rounded_cents: Record<string, Record<string, string>>;
  readonly [extra: string]: unknown;
}

export const billingTotals = readJson<Record<string, FixtureTotals>>(fixture('billing', 'totals.json'));

export interface LoadedFixture {
  readonly store: Store;
  readonly report: IngestReport;
  readonly expected: FixtureTotals;
  /** Sums of the money measures (and Rows) for the whole store or a filtered part, one row per currency. */
  sums(filters?: QueryFilter[]): Promise<Record<string, QueryRow>>;
}

export async function loadBillingFixture(rel: string): Promise<LoadedFixture> {
  const expected = billingTotals[rel];
  assert.ok(expected, `${rel} is listed in totals.json`);
  const store = await openStore({ path: ':memory:' });
  const report = await ingest(store, [fixture('billing', rel)]);
  const sums = async (filters: QueryFilter[] = []) => {
    const r = await store.query({ measures: ['billed', 'effective', 'list', 'rows'], groupBy: [], filters }, FULL_ACCESS);
    return Object.fromEntries(r.rows.map((row) => [row.BillingCurrency ?? '', row]));
  };
  return { store, report, expected, sums };
}

/** Asserts a stored sum equals a totals.json amount to the cent (half-even, as totals.json rounds). */
export function assertCents(got: string | null | undefined, exact: string, what: string): void {
  assert.equal(roundDecimal(got ?? '0', 2), roundDecimal(exact, 2), `${what}: stored ${got} vs file ${exact}`);
}

/**
 * Every FOCUS file in shared/fixtures/billing loads, and the stored totals per
 * currency equal the file's own totals (totals.json, computed independently
 * with Python's decimal module) to the cent, with exactly `rows` records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { compareDecimals, roundDecimal } from '../../core/index.ts';
import { fixture, readJson } from '../../../test/helpers.ts';

interface FileTotals {
  format: string;
  rows: number;
  sha256: string;
  totals_rounded_cents: Record<string, Record<string, string>>;
  by_provider_and_charge_category?: Record<string, { rows: number; BilledCost: string; EffectiveCost: string; ListCost: string }>;
}

const totals = readJson<Record<string, FileTotals>>(fixture('billing', 'totals.json'));
const focusFiles = Object.entries(totals).filter(([k, t]) => !k.startsWith('_') && typeof t === 'object' && t.format.startsWith('FOCUS'));

test('there is at least one FOCUS fixture to check', () => {
  assert.ok(focusFiles.length >= 1);
});

for (const [rel, expected] of focusFiles) {
  test(`FOCUS fixture ${rel} reconciles with totals.json`, async () => {
    const store = await openStore({ path: ':memory:' });
    try {
      const report = await ingest(store, [fixture('billing', rel)]);
      const file = report.files[0];
      assert.equal(file?.sha256, expected.sha256);
      assert.equal(file?.rows, expected.rows);
      const stored = await store.query({ measures: ['billed', 'effective', 'list', 'rows'], groupBy: [] }, FULL_ACCESS);
      const byCurrency = Object.fromEntries(stored.rows.map((r) => [r.BillingCurrency, r]));
      assert.deepEqual(Object.keys(byCurrency).sort(), Object.keys(expected.totals_rounded_cents).sort());
      for (const [cur, cols] of Object.entries(expected.totals_rounded_cents)) {
        for (const col of ['BilledCost', 'EffectiveCost', 'ListCost']) {
          if (cols[col] === undefined) continue;
          assert.equal(roundDecimal(byCurrency[cur]?.[col] ?? 'NaN', 2), cols[col], `${cur} ${col}`);
        }
      }
      // Finer: exact sums per provider and charge category, where the file lists them.
      for (const [key, want] of Object.entries(expected.by_provider_and_charge_category ?? {})) {
        const [cur, provider, category] = key.split(' | ');
        const got = await store.query({
          measures: ['billed', 'effective', 'list', 'rows'], groupBy: [],
          filters: [{ dimension: 'provider', op: 'eq', values: [provider ?? ''] }, { dimension: 'charge_category', op: 'eq', values: [category ?? ''] }, { dimension: 'currency', op: 'eq', values: [cur ?? ''] }],
        }, FULL_ACCESS);
        const row = got.rows[0];
        assert.equal(Number(row?.Rows), want.rows, `${key} rows`);
        for (const col of ['BilledCost', 'EffectiveCost', 'ListCost'] as const) {
          assert.equal(compareDecimals(row?.[col] ?? 'NaN', want[col]), 0, `${key} ${col}: ${row?.[col]} vs ${want[col]}`);
        }
      }
    } finally {
      await store.close();
    }
  });
}

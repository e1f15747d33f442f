/**
 * Every Google Cloud billing fixture loads with exactly `rows` records and
 * reconciles with totals.json (to the cent, and here exactly, since the
 * fixture's amounts are fractions of a cent). Where each listed column lands:
 * - cost                → ContractedCost (and ListCost: the export has no cost_at_list)
 * - cost_plus_credits   → BilledCost and EffectiveCost (Google invoices net of credits)
 * - credits_amount      → ContractedCost − BilledCost (credits lower the cost, never vanish)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDecimals, compareDecimals } from '../../core/index.ts';
import { FULL_ACCESS } from '../../store/index.ts';
import { assertCents, billingTotals, loadBillingFixture } from '../../../test/bill-fixtures.ts';

const gcpFiles = Object.keys(billingTotals).filter((k) => k.startsWith('gcp/'));

test('there is a Google Cloud fixture to check', () => {
  assert.ok(gcpFiles.length >= 1);
});

for (const rel of gcpFiles) {
  test(`Google Cloud fixture ${rel} loads every row and reconciles with totals.json`, async () => {
    const f = await loadBillingFixture(rel);
    try {
      assert.equal(f.report.notes[0]?.format, 'gcp-billing');
      assert.equal(f.report.files[0]?.sha256, f.expected.sha256);
      assert.equal(f.report.files[0]?.rows, f.expected.rows);
      const q = await f.store.query({ measures: ['billed', 'effective', 'list', 'contracted', 'rows'], groupBy: [] }, FULL_ACCESS);
      const byCur = Object.fromEntries(q.rows.map((r) => [r.BillingCurrency ?? '', r]));
      assert.deepEqual(Object.keys(byCur).sort(), Object.keys(f.expected.totals).sort());
      for (const [cur, cols] of Object.entries(f.expected.totals)) {
        const got = byCur[cur];
        const cost = cols.cost ?? '0';
        const credits = cols.credits_amount ?? '0';
        const net = cols.cost_plus_credits ?? addDecimals([cost, credits]);
        assert.equal(Number(got?.Rows), f.expected.rows);
        assertCents(got?.ContractedCost, cost, `${cur} ContractedCost ← cost`);
        assertCents(got?.BilledCost, net, `${cur} BilledCost ← cost + credits`);
        assertCents(got?.EffectiveCost, net, `${cur} EffectiveCost ← cost + credits`);
        // Exact, not only to the cent: the amounts here are millionths of a dollar.
        assert.equal(compareDecimals(got?.ContractedCost ?? 'NaN', cost), 0, `${cur} cost exact`);
        assert.equal(compareDecimals(got?.BilledCost ?? 'NaN', net), 0, `${cur} cost + credits exact`);
        assert.equal(compareDecimals(addDecimals([got?.BilledCost ?? '0', `-${got?.ContractedCost ?? '0'}`]), credits), 0, `${cur} credits exact`);
      }
    } finally {
      await f.store.close();
    }
  });
}

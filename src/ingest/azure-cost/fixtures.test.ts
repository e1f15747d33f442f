/**
 * Every Azure cost-details fixture loads with exactly `rows` records and
 * reconciles with totals.json to the cent. Where each listed column lands:
 * - an actual-cost file's cost column (CostInBillingCurrency, PreTaxCost,
 *   Cost) → BilledCost, and EffectiveCost too (no commitment purchases here);
 * - an amortised-cost file's `Cost` → EffectiveCost; its BilledCost is the
 *   same minus the commitment-covered usage (PricingModel Reservation /
 *   SavingsPlan), which the purchase paid for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDecimals } from '../../core/index.ts';
import { assertCents, billingTotals, loadBillingFixture } from '../../../test/bill-fixtures.ts';

const azureFiles = Object.keys(billingTotals).filter((k) => k.startsWith('azure/'));

test('there are Azure fixtures to check', () => {
  assert.ok(azureFiles.length >= 3);
});

for (const rel of azureFiles) {
  test(`Azure fixture ${rel} loads every row and reconciles with totals.json`, async () => {
    const f = await loadBillingFixture(rel);
    try {
      const file = f.report.files[0];
      assert.equal(f.report.notes[0]?.format, 'azure-cost');
      assert.equal(file?.sha256, f.expected.sha256);
      assert.equal(file?.rows, f.expected.rows);
      const amortised = /amorti[sz]ed/i.test(rel);
      const all = await f.sums();
      assert.deepEqual(Object.keys(all).sort(), Object.keys(f.expected.totals).sort());
      for (const [cur, cols] of Object.entries(f.expected.totals)) {
        const [column, exact] = Object.entries(cols)[0] ?? ['', '0'];
        const got = all[cur];
        assert.equal(Number(got?.Rows), f.expected.rows);
        if (amortised) {
          assertCents(got?.EffectiveCost, exact, `${cur} EffectiveCost ← ${column} (amortised file)`);
          const committed = await f.sums([{ dimension: 'pricing_category', op: 'eq', values: ['Committed'] }]);
          assert.equal(Number(committed[cur]?.BilledCost), 0, 'commitment-covered usage is not billed again');
          assertCents(got?.BilledCost, addDecimals([exact, `-${committed[cur]?.EffectiveCost ?? '0'}`]), `${cur} BilledCost ← ${column} − covered usage`);
        } else {
          assertCents(got?.BilledCost, exact, `${cur} BilledCost ← ${column} (actual file)`);
          assertCents(got?.EffectiveCost, exact, `${cur} EffectiveCost ← ${column} (no commitment purchases)`);
        }
      }
    } finally {
      await f.store.close();
    }
  });
}

test('the amortised EA file: its reservation and savings plan lines are Committed usage', async () => {
  const f = await loadBillingFixture('azure/finops-toolkit/EA_AmortizedCost_Small.csv');
  try {
    const committed = await f.sums([{ dimension: 'pricing_category', op: 'eq', values: ['Committed'] }]);
    assert.equal(committed.USD?.Rows, '2');
    assert.equal(committed.USD?.EffectiveCost, '0.499152000468'); // 0.493152 (reservation) + 0.006000000468 (savings plan)
    const env = await f.store.dimensionValues('environment', { teams: 'all' });
    assert.ok(env.includes('prod'), 'brace-less EA tags are parsed');
  } finally {
    await f.store.close();
  }
});

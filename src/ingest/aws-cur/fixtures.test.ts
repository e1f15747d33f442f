/**
 * Every AWS CUR fixture in shared/fixtures/billing loads with exactly `rows`
 * records, and its totals reconcile with totals.json to the cent. Where each
 * totals.json column lands:
 * - lineItem/UnblendedCost, line_item_unblended_cost      → BilledCost
 * - pricing/publicOnDemandCost, pricing_public_on_demand_cost → ListCost
 * - reservation effective cost (DiscountedUsage lines)     → EffectiveCost of the Committed usage rows
 * - reservation unused amortised upfront + unused recurring → EffectiveCost of the RIFee (Purchase) rows
 * - EffectiveCost overall = unblended of the non-commitment lines (Usage, Tax …)
 *   + reservation effective + unused RI fees (+ SP effective)
 * - reservation amortised upfront for usage + recurring fee for usage are the
 *   two halves of reservation effective cost (checked through it)
 * - blended cost is not stored: FOCUS has no blended cost, and AWS's own FOCUS
 *   export drops it; it is checked to equal unblended in total here only as a
 *   property of the files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDecimals } from '../../core/index.ts';
import { assertCents, billingTotals, loadBillingFixture } from '../../../test/bill-fixtures.ts';

const curFiles = Object.keys(billingTotals).filter((k) => k.startsWith('aws-cur/'));

test('there are AWS CUR fixtures to check', () => {
  assert.ok(curFiles.length >= 3);
});

const pick = (cols: Record<string, string>, ...names: string[]): string => {
  for (const n of names) if (cols[n] !== undefined) return cols[n];
  return '0';
};

for (const rel of curFiles) {
  test(`AWS CUR fixture ${rel} loads every row and reconciles with totals.json`, async () => {
    const f = await loadBillingFixture(rel);
    try {
      const file = f.report.files[0];
      assert.equal(f.report.notes[0]?.format, 'aws-cur');
      assert.equal(file?.sha256, f.expected.sha256);
      assert.equal(file?.rows, f.expected.rows);
      const all = await f.sums();
      assert.deepEqual(Object.keys(all).sort(), Object.keys(f.expected.totals).sort());
      for (const [cur, cols] of Object.entries(f.expected.totals)) {
        const got = all[cur];
        assert.equal(Number(got?.Rows), f.expected.rows);
        assertCents(got?.BilledCost, pick(cols, 'lineItem/UnblendedCost', 'line_item_unblended_cost'), `${cur} BilledCost ← unblended`);
        assertCents(got?.ListCost, pick(cols, 'pricing/publicOnDemandCost', 'pricing_public_on_demand_cost'), `${cur} ListCost ← public on-demand`);
        const byType = (f.expected.by_line_item_type ?? {}) as Record<string, Record<string, string>>;
        // Lines whose unblended cost is their amortised cost: every type but the commitment ones.
        const plain = Object.entries(byType)
          .filter(([k]) => k.startsWith(`${cur} | `) && !/ \| (DiscountedUsage|RIFee|SavingsPlan\w*)$/.test(k))
          .map(([, v]) => pick(v, 'lineItem/UnblendedCost', 'line_item_unblended_cost'));
        const riEffective = pick(cols, 'reservation/EffectiveCost', 'reservation_effective_cost');
        const riUnused = addDecimals([
          pick(cols, 'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod', 'reservation_unused_amortized_upfront_fee_for_billing_period'),
          pick(cols, 'reservation/UnusedRecurringFee', 'reservation_unused_recurring_fee'),
        ]);
        const spEffective = pick(cols, 'savingsPlan/SavingsPlanEffectiveCost', 'savings_plan_savings_plan_effective_cost');
        assertCents(got?.EffectiveCost, addDecimals([...plain, riEffective, riUnused, spEffective]), `${cur} EffectiveCost ← plain lines' unblended + RI effective + unused RI fees`);
        const committed = await f.sums([{ dimension: 'pricing_category', op: 'eq', values: ['Committed'] }]);
        assertCents(committed[cur]?.EffectiveCost ?? '0', riEffective, `${cur} EffectiveCost of DiscountedUsage ← reservation effective cost`);
        assertCents(riEffective, addDecimals([
          pick(cols, 'reservation/AmortizedUpfrontCostForUsage', 'reservation_amortized_upfront_cost_for_usage'),
          pick(cols, 'reservation/RecurringFeeForUsage', 'reservation_recurring_fee_for_usage'),
        ]), `${cur} reservation effective = amortised upfront + recurring (file property)`);
        const purchase = await f.sums([{ dimension: 'charge_category', op: 'eq', values: ['Purchase'] }]);
        assertCents(purchase[cur]?.EffectiveCost ?? '0', riUnused, `${cur} EffectiveCost of RIFee ← unused RI fees`);
      }
    } finally {
      await f.store.close();
    }
  });
}

test('the CUR CSV tax lines are Tax, the usage lines Usage, per totals.json', async () => {
  const f = await loadBillingFixture('aws-cur/focus-converters/sample-anonymous-aws-export-dataset.csv');
  try {
    const tax = await f.sums([{ dimension: 'charge_category', op: 'eq', values: ['Tax'] }]);
    assert.equal(Number(tax.USD?.Rows), 12);
    assertCents(tax.USD?.BilledCost, '0.08', 'Tax BilledCost');
  } finally {
    await f.store.close();
  }
});

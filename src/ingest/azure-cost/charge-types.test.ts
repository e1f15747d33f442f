/**
 * Azure charge types, one hand-made row each, against the FOCUS values
 * Microsoft documents for its cost details (FinOps toolkit "Convert Cost
 * Management data to FOCUS", docs-mslearn/focus/convert.md):
 * - EffectiveCost: 0 when ChargeType is Purchase *or Refund* and PricingModel
 *   is Reservation or SavingsPlan (the purchase, and its refund, reach
 *   EffectiveCost through the amortised usage), else the cost;
 * - BilledCost (amortised dataset): 0 on usage a commitment covered;
 * - ChargeCategory: Usage, Purchase, Credit, Tax as they are;
 *   UnusedReservation/UnusedSavingsPlan → Usage; Refund → Purchase with
 *   ChargeClass Correction; anything else → Adjustment;
 * - PricingCategory from PricingModel: OnDemand → Standard, Spot → Dynamic,
 *   Reservation / SavingsPlan → Committed; but FOCUS 1.2 makes Committed the
 *   charges a commitment covers, "not the purchase of the commitment
 *   discount", and wants a value on every Purchase: buying one is Standard;
 * - MCA prices (unitPrice, paygPrice) are in the pricing currency: ListUnitPrice
 *   = paygPrice × exchangeRatePricingToBilling (the cost columns are already in
 *   the billing currency), so a cost worked out from a price is too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir, writeCsv } from '../../../test/helpers.ts';
import { storedRows } from '../../../test/bill-rows.ts';

const MCA = ['billingAccountId', 'billingPeriodStartDate', 'billingPeriodEndDate', 'subscriptionId', 'date', 'meterCategory', 'meterSubCategory', 'meterName',
  'meterId', 'quantity', 'unitOfMeasure', 'unitPrice', 'paygPrice', 'exchangeRatePricingToBilling', 'pricingCurrency', 'costInBillingCurrency',
  'billingCurrency', 'chargeType', 'pricingModel', 'frequency', 'ResourceId', 'benefitId', 'benefitName'];
const RI = '/providers/Microsoft.Capacity/reservationOrders/o1/reservations/r1';
const SP = '/providers/Microsoft.BillingBenefits/savingsPlanOrders/o2/savingsPlans/s1';

const mca = (id: string, over: Record<string, string>): Record<string, string> => ({
  billingAccountId: 'ba-1', billingPeriodStartDate: '2025-06-01', billingPeriodEndDate: '2025-06-30', subscriptionId: 'sub-1', date: '2025-06-03',
  meterCategory: 'Virtual Machines', meterSubCategory: 'Dv5', meterName: 'D4 v5', meterId: 'm1', unitOfMeasure: '1 Hour', exchangeRatePricingToBilling: '0.9',
  pricingCurrency: 'USD', billingCurrency: 'EUR', chargeType: 'Usage', pricingModel: 'OnDemand', frequency: 'UsageBased', ResourceId: id, ...over,
});

const COLS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'ListUnitPrice', 'ContractedUnitPrice', 'ChargeCategory', 'ChargeClass',
  'PricingCategory', 'CommitmentDiscountType', 'CommitmentDiscountStatus'];
const pick = (r: Record<string, string | null> | undefined): Record<string, string | null> => Object.fromEntries(COLS.map((c) => [c, r?.[c] ?? null]));
const want = (v: (string | null)[]): Record<string, string | null> => Object.fromEntries(COLS.map((c, i) => [c, v[i] ?? null]));

test('Azure MCA actual cost: commitment purchases and refunds, pricing-currency prices', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = writeCsv(join(dir, 'mca-actual.csv'), MCA, [
      // 10 h at 1.00 USD (list 1.20 USD), 0.9 EUR per USD: billed 9 EUR, list 10.8 EUR.
      mca('od', { quantity: '10', unitPrice: '1', paygPrice: '1.2', costInBillingCurrency: '9' }),
      // Covered usage: 0 in actual cost (Microsoft: "EffectivePrice … is zero").
      mca('ri-use', { quantity: '10', unitPrice: '0', paygPrice: '1.2', costInBillingCurrency: '0', pricingModel: 'Reservation', benefitId: RI, benefitName: 'r1' }),
      mca('ri-buy', { quantity: '1', costInBillingCurrency: '1200', chargeType: 'Purchase', pricingModel: 'Reservation', frequency: 'OneTime', benefitId: RI, benefitName: 'r1' }),
      mca('ri-refund', { quantity: '1', costInBillingCurrency: '-400', chargeType: 'Refund', pricingModel: 'Reservation', frequency: 'OneTime', benefitId: RI, benefitName: 'r1' }),
      mca('sp-fee', { quantity: '1', costInBillingCurrency: '100', chargeType: 'Purchase', pricingModel: 'SavingsPlan', frequency: 'Recurring', benefitId: SP, benefitName: 's1' }),
      mca('marketplace', { quantity: '1', costInBillingCurrency: '50', chargeType: 'Purchase', pricingModel: 'OnDemand', frequency: 'OneTime' }),
      mca('rounding', { quantity: '', costInBillingCurrency: '0.01', chargeType: 'RoundingAdjustment', pricingModel: '', frequency: 'OneTime' }),
    ]);
    const rows = await storedRows([path], 'ResourceId');
    assert.deepEqual(pick(rows['od']), want(['9', '9', '10.8', '9', '1.08', '0.9', 'Usage', null, 'Standard', null, null]));
    assert.deepEqual(pick(rows['ri-use']), want(['0', '0', '10.8', '0', '1.08', '0', 'Usage', null, 'Committed', 'Reservation', 'Used']));
    assert.deepEqual(pick(rows['ri-buy']), want(['1200', '0', null, '1200', null, null, 'Purchase', null, 'Standard', 'Reservation', null]));
    assert.deepEqual(pick(rows['ri-refund']), want(['-400', '0', null, '-400', null, null, 'Purchase', 'Correction', 'Standard', 'Reservation', null]));
    assert.deepEqual(pick(rows['sp-fee']), want(['100', '0', null, '100', null, null, 'Purchase', null, 'Standard', 'Savings Plan', null]));
    assert.deepEqual(pick(rows['marketplace']), want(['50', '50', null, '50', null, null, 'Purchase', null, 'Standard', null, null]));
    assert.deepEqual(pick(rows['rounding']), want(['0.01', '0.01', null, '0.01', null, null, 'Adjustment', null, null, null, null]));
  } finally {
    cleanup();
  }
});

const EA = ['BillingAccountId', 'BillingPeriodStartDate', 'BillingPeriodEndDate', 'SubscriptionId', 'Date', 'MeterCategory', 'MeterSubCategory', 'MeterId',
  'Quantity', 'UnitPrice', 'PayGPrice', 'CostInBillingCurrency', 'BillingCurrencyCode', 'ChargeType', 'PricingModel', 'Frequency', 'ResourceId', 'benefitId', 'benefitName'];
const ea = (id: string, over: Record<string, string>): Record<string, string> => ({
  BillingAccountId: '1234', BillingPeriodStartDate: '06/01/2025', BillingPeriodEndDate: '06/30/2025', SubscriptionId: 'sub-1', Date: '06/03/2025',
  MeterCategory: 'Virtual Machines', MeterSubCategory: 'Dv5', MeterId: 'm1', BillingCurrencyCode: 'USD', ChargeType: 'Usage', PricingModel: 'Reservation',
  Frequency: 'UsageBased', ResourceId: id, benefitId: RI, benefitName: 'r1', ...over,
});

test('Azure EA amortised cost: covered and unused commitment, a refund is not amortised twice', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = writeCsv(join(dir, 'AmortizedCost_2025-06.csv'), EA, [
      // Amortised: the reservation's daily share on the usage it covered, and its unused part.
      ea('ri-use', { Quantity: '24', UnitPrice: '0.3', PayGPrice: '0.5', CostInBillingCurrency: '6' }),
      ea('unused', { Quantity: '8', UnitPrice: '0.3', PayGPrice: '0.5', CostInBillingCurrency: '2', ChargeType: 'UnusedReservation' }),
      ea('refund', { Quantity: '1', CostInBillingCurrency: '-400', ChargeType: 'Refund', Frequency: 'OneTime' }),
      ea('od', { Quantity: '2', UnitPrice: '0.45', PayGPrice: '0.5', CostInBillingCurrency: '0.9', PricingModel: 'OnDemand', benefitId: '', benefitName: '' }),
    ]);
    const rows = await storedRows([path], 'ResourceId');
    // EA prices are in the billing currency (no exchange-rate column): list = PayGPrice × Quantity.
    assert.deepEqual(pick(rows['ri-use']), want(['0', '6', '12', '7.2', '0.5', '0.3', 'Usage', null, 'Committed', 'Reservation', 'Used']));
    assert.deepEqual(pick(rows['unused']), want(['0', '2', '4', '2.4', '0.5', '0.3', 'Usage', null, 'Committed', 'Reservation', 'Unused']));
    assert.deepEqual(pick(rows['refund']), want(['-400', '0', null, '-400', null, null, 'Purchase', 'Correction', 'Standard', 'Reservation', null]));
    assert.deepEqual(pick(rows['od']), want(['0.9', '0.9', '1', '0.9', '0.5', '0.45', 'Usage', null, 'Standard', null, null]));
  } finally {
    cleanup();
  }
});

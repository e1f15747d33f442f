/**
 * Every CUR line item type, one hand-made row each, against the FOCUS values
 * worked out by hand from AWS's documentation:
 * - CUR data dictionary, lineItem/LineItemType (Usage, DiscountedUsage,
 *   SavingsPlanCoveredUsage, SavingsPlanNegation, SavingsPlanRecurringFee,
 *   SavingsPlanUpfrontFee, RIFee, Fee, Tax, Credit, Refund, EdpDiscount,
 *   PrivateRateDiscount, BundledDiscount, DistributorDiscount);
 * - the amortised cost AWS's FOCUS export (and its CUR query library) derive:
 *   reservation/EffectiveCost on DiscountedUsage, savingsPlan/SavingsPlanEffectiveCost
 *   on SavingsPlanCoveredUsage, the unused commitment on RIFee
 *   (UnusedAmortizedUpfrontFeeForBillingPeriod + UnusedRecurringFee) and on
 *   SavingsPlanRecurringFee (TotalCommitmentToDate − UsedCommitment), 0 on
 *   SavingsPlanNegation, SavingsPlanUpfrontFee and an RI's upfront Fee;
 * - BilledCost = lineItem/UnblendedCost, which sums to the invoice;
 * - FOCUS 1.2 PricingCategory: not null on Usage and Purchase rows, null on
 *   Tax; Committed when the charge is subject to a commitment "and is not the
 *   purchase of the commitment discount", so RI / Savings Plan fees are Standard.
 * A SavingsPlanCoveredUsage line carries the On-Demand cost as its unblended
 * cost and its SavingsPlanNegation line takes it back off the bill: the pair
 * is one use of the plan, so its list and contracted cost is the On-Demand
 * cost once (as a DiscountedUsage line's is), not On-Demand minus itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.ts';
import { curLine, writeCur, CUR_HEADER } from '../../../test/cur-lines.ts';
import { storedRows } from '../../../test/bill-rows.ts';

const EXTRA = ['lineItem/ResourceId', 'reservation/ReservationARN', 'reservation/EffectiveCost', 'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
  'reservation/UnusedRecurringFee', 'savingsPlan/SavingsPlanARN', 'savingsPlan/SavingsPlanEffectiveCost', 'savingsPlan/TotalCommitmentToDate',
  'savingsPlan/UsedCommitment', 'pricing/term'];
const HEADER = [...CUR_HEADER, ...EXTRA];
const RI = 'arn:aws:ec2:us-east-1:111122223333:reserved-instances/ri-1';
const SP = 'arn:aws:savingsplans::111122223333:savingsplan/sp-1';

function row(id: string, type: string, cost: string, over: Record<string, string> = {}): string[] {
  const all: Record<string, string> = { 'lineItem/ResourceId': id, 'lineItem/LineItemType': type, 'lineItem/UnblendedCost': cost, 'pricing/publicOnDemandCost': '', ...over };
  return [...curLine(all), ...EXTRA.map((h) => all[h] ?? '')];
}

// id → line item type, unblended cost, other cells; then the expected FOCUS values.
const LINES: [string, string, string, Record<string, string>][] = [
  ['od', 'Usage', '0.192', { 'pricing/publicOnDemandCost': '0.192', 'pricing/term': 'OnDemand' }],
  ['ri-use', 'DiscountedUsage', '0', { 'pricing/publicOnDemandCost': '0.192', 'reservation/ReservationARN': RI, 'reservation/EffectiveCost': '0.12', 'pricing/term': 'Reserved' }],
  ['ri-fee', 'RIFee', '70', { 'reservation/ReservationARN': RI, 'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod': '5', 'reservation/UnusedRecurringFee': '7' }],
  ['ri-upfront', 'Fee', '1000', { 'reservation/ReservationARN': RI }],
  ['sp-use', 'SavingsPlanCoveredUsage', '10.06', { 'pricing/publicOnDemandCost': '10.06', 'savingsPlan/SavingsPlanARN': SP, 'savingsPlan/SavingsPlanEffectiveCost': '6.5' }],
  // AWS fills the On-Demand cost on the negation line too in some exports; it must not count twice.
  ['sp-neg', 'SavingsPlanNegation', '-10.06', { 'pricing/publicOnDemandCost': '10.06', 'savingsPlan/SavingsPlanARN': SP }],
  ['sp-fee', 'SavingsPlanRecurringFee', '8', { 'savingsPlan/SavingsPlanARN': SP, 'savingsPlan/TotalCommitmentToDate': '8', 'savingsPlan/UsedCommitment': '6.5' }],
  ['sp-upfront', 'SavingsPlanUpfrontFee', '5000', { 'savingsPlan/SavingsPlanARN': SP }],
  ['support', 'Fee', '100', {}],
  ['tax', 'Tax', '2.5', {}],
  ['credit', 'Credit', '-20', {}],
  ['refund', 'Refund', '-15', {}],
  ['edp', 'EdpDiscount', '-3', {}],
  ['prd', 'PrivateRateDiscount', '-1', {}],
  ['bundled', 'BundledDiscount', '-0.5', {}],
  ['distributor', 'DistributorDiscount', '-0.2', {}],
];

// Billed, Effective, List, Contracted, ChargeCategory, ChargeClass, ChargeFrequency, PricingCategory, CommitmentDiscountType, CommitmentDiscountStatus
const EXPECTED: Record<string, (string | null)[]> = {
  'od': ['0.192', '0.192', '0.192', '0.192', 'Usage', null, 'Usage-Based', 'Standard', null, null],
  'ri-use': ['0', '0.12', '0.192', '0.192', 'Usage', null, 'Usage-Based', 'Committed', 'Reserved Instance', 'Used'],
  'ri-fee': ['70', '12', null, '70', 'Purchase', null, 'Recurring', 'Standard', 'Reserved Instance', null],
  'ri-upfront': ['1000', '0', null, '1000', 'Purchase', null, 'One-Time', 'Standard', 'Reserved Instance', null],
  'sp-use': ['10.06', '6.5', '10.06', '10.06', 'Usage', null, 'Usage-Based', 'Committed', 'Savings Plan', 'Used'],
  'sp-neg': ['-10.06', '0', '0', '0', 'Usage', null, 'Usage-Based', 'Committed', 'Savings Plan', 'Used'],
  'sp-fee': ['8', '1.5', null, '8', 'Purchase', null, 'Recurring', 'Standard', 'Savings Plan', null],
  'sp-upfront': ['5000', '0', null, '5000', 'Purchase', null, 'One-Time', 'Standard', 'Savings Plan', null],
  'support': ['100', '100', null, '100', 'Purchase', null, 'One-Time', 'Standard', null, null],
  'tax': ['2.5', '2.5', null, '2.5', 'Tax', null, 'Usage-Based', null, null, null],
  'credit': ['-20', '-20', null, '-20', 'Credit', null, 'Usage-Based', null, null, null],
  'refund': ['-15', '-15', null, '-15', 'Credit', 'Correction', 'Usage-Based', null, null, null],
  'edp': ['-3', '-3', null, '-3', 'Credit', null, 'Usage-Based', null, null, null],
  'prd': ['-1', '-1', null, '-1', 'Credit', null, 'Usage-Based', null, null, null],
  'bundled': ['-0.5', '-0.5', null, '-0.5', 'Credit', null, 'Usage-Based', null, null, null],
  'distributor': ['-0.2', '-0.2', null, '-0.2', 'Credit', null, 'Usage-Based', null, null, null],
};
const COLS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'ChargeCategory', 'ChargeClass', 'ChargeFrequency', 'PricingCategory',
  'CommitmentDiscountType', 'CommitmentDiscountStatus'];

test('CUR: each line item type gets the FOCUS charge, commitment and cost columns AWS documents', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = writeCur(join(dir, 'cur.csv'), LINES.map(([id, t, c, o]) => row(id, t, c, o)), HEADER);
    const rows = await storedRows([path], 'ResourceId');
    for (const [id, want] of Object.entries(EXPECTED)) {
      const got = COLS.map((c) => rows[id]?.[c] ?? null);
      assert.deepEqual(Object.fromEntries(COLS.map((c, i) => [c, got[i]])), Object.fromEntries(COLS.map((c, i) => [c, want[i]])), id);
    }
    const ids = Object.values(rows);
    const sum = (col: string): number => Math.round(ids.reduce((s, r) => s + Number(r[col] ?? 0), 0) * 1000) / 1000;
    // The invoice: every unblended cost, the covered usage and its negation cancelling.
    assert.equal(sum('BilledCost'), 6140.992); // 0.192 + 70 + 1000 + 8 + 5000 + 100 + 2.5 − 20 − 15 − 3 − 1 − 0.5 − 0.2
    // Amortised: usage at its effective cost, unused commitment, upfront payments 0 (no double count).
    assert.equal(sum('EffectiveCost'), 83.112); // 0.192 + 0.12 + 12 + 6.5 + 1.5 + 100 + 2.5 − 20 − 15 − 3 − 1 − 0.5 − 0.2
    // Public On-Demand cost of the three usage lines, the Savings Plan pair counted once.
    assert.equal(sum('ListCost'), 10.444);
    assert.equal(rows['sp-neg']?.CommitmentDiscountId, SP);
    assert.equal(rows['ri-use']?.CommitmentDiscountId, RI);
  } finally {
    cleanup();
  }
});

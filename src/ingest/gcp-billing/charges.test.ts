/**
 * Google Cloud export rows of every kind, one each, against values worked out
 * by hand from Google's export schema ("cost: the cost of the usage before any
 * credits … to get the total cost including credits, any credits.amount should
 * be added to cost"; cost_type regular / tax / adjustment / rounding_error;
 * credits.type COMMITTED_USAGE_DISCOUNT, COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE,
 * SUSTAINED_USAGE_DISCOUNT, FREE_TIER, PROMOTION, DISCOUNT,
 * SUBSCRIPTION_BENEFIT, RESELLER_MARGIN, FEE_UTILIZATION_OFFSET) and FOCUS 1.2:
 * - every credit type lowers BilledCost and EffectiveCost by its amount (the
 *   invoice charges usage net of credits; Google commitments are monthly fee
 *   lines, nothing upfront to amortise), ContractedCost stays `cost`;
 * - a commitment fee line (SKU "Commitment v1: …") is a Purchase, Recurring,
 *   and its PricingCategory is Standard: FOCUS 1.2 wants one on every
 *   Purchase and keeps Committed for the charges a commitment covers, "not the
 *   purchase of the commitment discount"; usage with a CUD credit is Committed;
 * - tax has no PricingCategory; an adjustment is a Correction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.ts';
import { storedRows } from '../../../test/bill-rows.ts';

const base = {
  billing_account_id: '01ABCD-234567-89EFGH', invoice: { month: '202506' }, currency: 'USD', cost_type: 'regular',
  project: { id: 'p1', name: 'P1' }, service: { id: '6F81-5844-456A', description: 'Compute Engine' },
  usage_start_time: '2025-06-02 10:00:00 UTC', usage_end_time: '2025-06-02 11:00:00 UTC', labels: [], credits: [] as object[],
};
const credit = (type: string, amount: number): object => ({ name: type, amount, type, id: type, full_name: null });
const row = (name: string, sku: string, cost: number, over: object = {}): object =>
  ({ ...base, sku: { id: name, description: sku }, resource: { name, global_name: name }, cost, ...over });

const ROWS = [
  row('cud', 'N2 Instance Core running in Americas', 10, { credits: [credit('COMMITTED_USAGE_DISCOUNT', -10)] }),
  row('cud-dollar', 'N2 Instance Core running in Americas', 10, { credits: [credit('COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE', -2.8)] }),
  row('cud-fee', 'Commitment v1: N2 Cpu in Americas for 1 Year', 6, {}),
  row('sud', 'N1 Predefined Instance Core', 4, { credits: [credit('SUSTAINED_USAGE_DISCOUNT', -1.2)] }),
  row('free', 'Cloud Run CPU', 0.5, { credits: [credit('FREE_TIER', -0.5)] }),
  row('promo', 'Cloud Storage', 3, { credits: [credit('PROMOTION', -3)] }),
  row('mixed', 'Vertex AI Prediction', 8, { credits: [credit('DISCOUNT', -0.8), credit('SUBSCRIPTION_BENEFIT', -1), credit('RESELLER_MARGIN', -0.4), credit('FEE_UTILIZATION_OFFSET', -0.3)] }),
  row('tax', 'Tax', 1.9, { cost_type: 'tax' }),
  row('adj', 'Adjustment', -0.7, { cost_type: 'adjustment' }),
];

// Billed, Effective, Contracted, ChargeCategory, ChargeClass, ChargeFrequency, PricingCategory
const EXPECTED: Record<string, (string | null)[]> = {
  'cud': ['0', '0', '10', 'Usage', null, 'Usage-Based', 'Committed'],
  'cud-dollar': ['7.2', '7.2', '10', 'Usage', null, 'Usage-Based', 'Committed'],
  'cud-fee': ['6', '6', '6', 'Purchase', null, 'Recurring', 'Standard'],
  'sud': ['2.8', '2.8', '4', 'Usage', null, 'Usage-Based', 'Standard'],
  'free': ['0', '0', '0.5', 'Usage', null, 'Usage-Based', 'Standard'],
  'promo': ['0', '0', '3', 'Usage', null, 'Usage-Based', 'Standard'],
  'mixed': ['5.5', '5.5', '8', 'Usage', null, 'Usage-Based', 'Standard'],
  'tax': ['1.9', '1.9', '1.9', 'Tax', null, 'Usage-Based', null],
  'adj': ['-0.7', '-0.7', '-0.7', 'Adjustment', 'Correction', 'Usage-Based', null],
};
const COLS = ['BilledCost', 'EffectiveCost', 'ContractedCost', 'ChargeCategory', 'ChargeClass', 'ChargeFrequency', 'PricingCategory'];

test('Google Cloud: each credit type, a commitment fee, tax and an adjustment map to FOCUS as documented', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'billing.jsonl');
    writeFileSync(path, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const rows = await storedRows([path], 'ResourceId');
    for (const [id, want] of Object.entries(EXPECTED)) {
      assert.deepEqual(Object.fromEntries(COLS.map((c) => [c, rows[id]?.[c] ?? null])), Object.fromEntries(COLS.map((c, i) => [c, want[i]])), id);
    }
  } finally {
    cleanup();
  }
});

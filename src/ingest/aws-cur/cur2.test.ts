/**
 * CUR 2.0 (Data Exports) Parquet with a `resource_tags` map: Savings Plan
 * lines amortise as AWS's FOCUS export does, GPU instances get GPU model,
 * count and GPU-hours from the price catalogue, Bedrock token lines get the
 * model and token counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';

const ROWS = `
  ('Usage', 'AmazonEC2', 'USE1-BoxUsage:p5.48xlarge', 'p5.48xlarge', 2.0, 'Hrs', 110.08, 110.08, NULL, NULL, MAP {'user_team': 'Research', 'user_env': 'prod'}),
  ('SavingsPlanCoveredUsage', 'AmazonEC2', 'USE1-BoxUsage:g5.xlarge', 'g5.xlarge', 10.0, 'Hrs', 10.06, 10.06, 6.5, 'arn:aws:savingsplans::1:savingsplan/sp1', MAP {'user_team': 'ml'}),
  ('SavingsPlanNegation', 'AmazonEC2', 'USE1-BoxUsage:g5.xlarge', 'g5.xlarge', 10.0, 'Hrs', -10.06, NULL, NULL, 'arn:aws:savingsplans::1:savingsplan/sp1', MAP {}),
  ('Usage', 'AmazonBedrock', 'USE1-Claude3.5Sonnet-input-tokens', NULL, 1500.0, '1K tokens', 4.5, 4.5, NULL, NULL, MAP {'user_team': 'apps'}),
  ('Usage', 'AmazonBedrock', 'USE1-Claude3.5Sonnet-output-tokens', NULL, 100.0, '1K tokens', 1.5, 1.5, NULL, NULL, MAP {'user_team': 'apps'}),
  ('Tax', 'AmazonEC2', NULL, NULL, NULL, NULL, 0.99, NULL, NULL, NULL, MAP {})`;

test('CUR 2.0 Parquet: map tags, Savings Plans, GPU hours and Bedrock tokens', async () => {
  const { dir, cleanup } = tempDir();
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const store = await openStore({ path: ':memory:' });
  try {
    const path = join(dir, 'data-00001.snappy.parquet');
    await conn.run(`COPY (SELECT '111122223333' AS bill_payer_account_id, 'Payer' AS bill_payer_account_name, TIMESTAMP '2025-06-01' AS bill_billing_period_start_date,
        TIMESTAMP '2025-07-01' AS bill_billing_period_end_date, '444455556666' AS line_item_usage_account_id, 'Dev' AS line_item_usage_account_name,
        t AS line_item_line_item_type, TIMESTAMP '2025-06-02 00:00' AS line_item_usage_start_date, TIMESTAMP '2025-06-02 01:00' AS line_item_usage_end_date,
        code AS line_item_product_code, ut AS line_item_usage_type, it AS product_instance_type, amt AS line_item_usage_amount, unit AS pricing_unit,
        'USD' AS line_item_currency_code, cost AS line_item_unblended_cost, od AS pricing_public_on_demand_cost,
        spe AS savings_plan_savings_plan_effective_cost, arn AS savings_plan_savings_plan_a_r_n, tags AS resource_tags, 'us-east-1' AS product_region_code
      FROM (VALUES ${ROWS}) v(t, code, ut, it, amt, unit, cost, od, spe, arn, tags)) TO '${path}' (FORMAT parquet)`);
    const r = await ingest(store, [path]);
    assert.equal(r.notes[0]?.format, 'aws-cur');
    assert.equal(r.files[0]?.rows, 6);
    const all = await store.query({ measures: ['billed', 'effective', 'rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(all.rows[0]?.BilledCost, '117.07'); // 110.08 + 10.06 − 10.06 + 4.5 + 1.5 + 0.99
    assert.equal(all.rows[0]?.EffectiveCost, '123.57'); // 110.08 + 6.5 + 0 + 4.5 + 1.5 + 0.99
    const gpu = await store.query({ measures: ['billed', 'rows'], groupBy: ['gpu_type', 'team', 'pricing_category'], filters: [{ dimension: 'gpu_type', op: 'not_null', values: [] }] }, FULL_ACCESS);
    const byGpu = Object.fromEntries(gpu.rows.map((x) => [`${x.x_GpuModel}|${x.x_Team}|${x.PricingCategory}`, x]));
    assert.ok(byGpu['NVIDIA H100|research|Standard'], JSON.stringify(gpu.rows));
    assert.ok(byGpu['NVIDIA A10G|ml|Committed'], JSON.stringify(gpu.rows));
    const sources = await store.listSources();
    assert.equal(sources[0]?.usage.x_GpuHours, '26.00'); // p5: 2 h × 8 GPUs + g5: 10 h × 1 GPU on the covered line; the negation line is not usage time
    assert.equal(sources[0]?.usage.x_InputTokens, '1500000');
    assert.equal(sources[0]?.usage.x_OutputTokens, '100000');
    const models = await store.dimensionValues('model', FULL_ACCESS);
    assert.deepEqual([...models], ['Claude3.5Sonnet']);
  } finally {
    conn.closeSync();
    db.closeSync();
    await store.close();
    cleanup();
  }
});

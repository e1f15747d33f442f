/**
 * FOCUS spellings across versions and containers: 0.5 / 1.0-preview names
 * (ChargeType, AmortizedCost, UsageQuantity), 1.2-only columns, 1.3's
 * ServiceProviderName, lower-case headers, offsets in timestamps, and the
 * same rows as typed Parquet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { writeCsv } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

test('FOCUS 0.5 names and a 1.3 provider column map onto the 1.2 model', async () => {
  await withStore(async (store, dir) => {
    const header = ['billedcost', 'AmortizedCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ChargeType', 'ServiceProviderName', 'UsageQuantity', 'UsageUnit', 'BillingAccountId'];
    const p = writeCsv(join(dir, 'v05.csv'), header, [
      { billedcost: '4.00', AmortizedCost: '3.00', BillingCurrency: 'usd', ChargePeriodStart: '2024-03-31T23:00:00-02:00', ChargePeriodEnd: '2024-04-01T02:00:00+00:00', ChargeType: 'usage', ServiceProviderName: 'Google Cloud', UsageQuantity: '1.5e3', UsageUnit: 'GiB', BillingAccountId: 'b-1' },
      // minute precision with a Z, as some exporters write it
      { billedcost: '1.00', AmortizedCost: '1.00', BillingCurrency: 'USD', ChargePeriodStart: '2024-04-01T01:00Z', ChargePeriodEnd: '2024-04-01T02:00Z', ChargeType: 'Usage', ServiceProviderName: 'Google Cloud', UsageQuantity: '500', UsageUnit: 'GiB', BillingAccountId: 'b-1' },
    ]);
    await ingest(store, [p]);
    const r = await store.query({ measures: ['billed', 'effective', 'usage'], groupBy: ['provider', 'charge_category'], grain: 'hour' }, FULL_ACCESS);
    // 23:00 at UTC-2 is 01:00 UTC on April 1st; the billing period defaults to that month.
    assert.deepEqual(r.rows, [{ ChargePeriodStart: '2024-04-01T01:00:00Z', ProviderName: 'Google Cloud', ChargeCategory: 'Usage', BillingCurrency: 'USD', BilledCost: '5.00', EffectiveCost: '4.00', ConsumedQuantity: '2000.00' }]);
    const [s] = await store.listSources();
    assert.deepEqual(s?.billingPeriods, ['2024-04']);
  });
});

test('a FOCUS 1.2 file with typed Parquet columns and a MAP of tags reads like CSV', async () => {
  await withStore(async (store, dir) => {
    const pq = join(dir, 'focus12.parquet');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    await conn.run(`COPY (SELECT 12.5::DOUBLE AS BilledCost, 10::DECIMAL(10,2) AS EffectiveCost, 15.0 AS ListCost, 'EUR' AS BillingCurrency,
        TIMESTAMP '2025-01-02 00:00:00' AS ChargePeriodStart, TIMESTAMP '2025-01-03 00:00:00' AS ChargePeriodEnd,
        TIMESTAMP '2025-01-01' AS BillingPeriodStart, TIMESTAMP '2025-02-01' AS BillingPeriodEnd,
        'Purchase' AS ChargeCategory, 'Oracle' AS ProviderName, 'acct' AS BillingAccountId, 'INV-7' AS InvoiceId, 'USD' AS PricingCurrency,
        '{"Tier":"1"}' AS SkuPriceDetails, '' AS ResourceId, 'Compute' AS ServiceCategory, 'VM' AS ServiceName,
        MAP {'team': 'Ops'} AS Tags
      FROM range(3)) TO '${pq}' (FORMAT parquet)`);
    conn.closeSync();
    inst.closeSync();
    await ingest(store, [pq]);
    const r = await store.query({ measures: ['billed', 'effective', 'list', 'rows'], groupBy: ['team', 'resource'], filters: [{ dimension: 'tag:team', op: 'eq', values: ['Ops'] }] }, FULL_ACCESS);
    assert.deepEqual(r.rows, [{ x_Team: 'ops', ResourceId: null, BillingCurrency: 'EUR', BilledCost: '37.50', EffectiveCost: '30.00', ListCost: '45.00', Rows: '3' }]);
    const lines = await store.query({ measures: ['rows'], groupBy: ['source_file'] }, FULL_ACCESS);
    assert.equal(lines.rows[0]?.x_SourceFile, pq);
  });
});

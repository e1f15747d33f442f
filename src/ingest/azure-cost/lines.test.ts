/**
 * Hand-made Azure lines: an MCA actual-cost export (lowerCamel names, ISO
 * dates) with a GPU VM, Azure OpenAI token meters and a reservation purchase;
 * and bad input refused with file, line and column, storing nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { assertBadRowRefused, tempDir, writeCsv } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

const MCA = ['billingAccountId', 'billingAccountName', 'billingPeriodStartDate', 'billingPeriodEndDate', 'subscriptionId', 'subscriptionName', 'date',
  'meterCategory', 'meterSubCategory', 'meterName', 'meterId', 'quantity', 'unitOfMeasure', 'effectivePrice', 'unitPrice', 'costInBillingCurrency',
  'billingCurrency', 'chargeType', 'pricingModel', 'frequency', 'ResourceId', 'resourceLocation', 'additionalInfo', 'tags', 'benefitId', 'benefitName'];

const line = (over: Record<string, string>): Record<string, string> => ({
  billingAccountId: 'ba-1', billingAccountName: 'Contoso', billingPeriodStartDate: '2025-06-01', billingPeriodEndDate: '2025-06-30',
  subscriptionId: 'sub-1', subscriptionName: 'ml', date: '2025-06-03', meterId: 'm1', billingCurrency: 'EUR', chargeType: 'Usage',
  pricingModel: 'OnDemand', frequency: 'UsageBased', resourceLocation: 'swedencentral', tags: '{"team":"Vision"}', ...over,
});

test('MCA actual cost: GPU VM hours, Azure OpenAI tokens, reservation purchase', async () => {
  await withStore(async (store, dir) => {
    const path = writeCsv(join(dir, 'mca-export.csv'), MCA, [
      line({ meterCategory: 'Virtual Machines', meterSubCategory: 'NCads H100 v5 Series', meterName: 'NC40ads H100 v5', quantity: '10', unitOfMeasure: '1 Hour',
        costInBillingCurrency: '69.5', ResourceId: '/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/gpu1',
        additionalInfo: '{"ServiceType":"Standard_NC40ads_H100_v5","VCPUs":40}' }),
      line({ meterCategory: 'Cognitive Services', meterSubCategory: 'Azure OpenAI', meterName: 'gpt-4o-0806-Inp-glbl Tokens', quantity: '2500', unitOfMeasure: '1K', costInBillingCurrency: '6.25' }),
      line({ meterCategory: 'Cognitive Services', meterSubCategory: 'Azure OpenAI', meterName: 'gpt-4o-0806-cached-Inp-glbl Tokens', quantity: '400', unitOfMeasure: '1K', costInBillingCurrency: '0.5' }),
      line({ meterCategory: 'Cognitive Services', meterSubCategory: 'Azure OpenAI', meterName: 'gpt-4o-0806-Outp-glbl Tokens', quantity: '300', unitOfMeasure: '1K', costInBillingCurrency: '3' }),
      line({ meterCategory: 'Virtual Machines', chargeType: 'Purchase', pricingModel: 'Reservation', frequency: 'OneTime', costInBillingCurrency: '1200', quantity: '1', benefitId: 'r-1', benefitName: 'h100-1y', tags: '' }),
    ]);
    const r = await ingest(store, [path]);
    assert.equal(r.notes[0]?.format, 'azure-cost');
    const all = await store.query({ measures: ['billed', 'effective', 'rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(all.rows[0]?.BilledCost, '1279.25');
    assert.equal(all.rows[0]?.EffectiveCost, '79.25', 'the reservation purchase is amortised elsewhere');
    const src = (await store.listSources())[0];
    assert.equal(src?.usage.x_GpuHours, '10.00');
    assert.equal(src?.usage.x_InputTokens, '2500000');
    assert.equal(src?.usage.x_CachedInputTokens, '400000');
    assert.equal(src?.usage.x_OutputTokens, '300000');
    assert.deepEqual([...await store.dimensionValues('model', FULL_ACCESS)], ['gpt-4o-0806']);
    assert.deepEqual([...await store.dimensionValues('gpu_type', FULL_ACCESS)], ['NVIDIA H100']);
    const purchase = await store.query({ measures: ['billed', 'rows'], groupBy: ['charge_category'], filters: [{ dimension: 'charge_category', op: 'eq', values: ['Purchase'] }] }, FULL_ACCESS);
    assert.equal(purchase.rows[0]?.Rows, '1');
  });
});

for (const [what, over, field] of [
  ['a date that is not a date', { date: '31/31/2025' }, 'date'],
  ['a cost that is not a number', { costInBillingCurrency: 'twelve' }, 'costInBillingCurrency'],
  ['tags that are not JSON', { tags: '"team": ' }, 'tags'],
] as const) {
  test(`Azure: ${what} is refused with file, line and column; nothing is stored`, async () => {
    await withStore(async (store, dir) => {
      const path = writeCsv(join(dir, 'bad.csv'), MCA, [line({ meterCategory: 'Storage', costInBillingCurrency: '1' }), line({ meterCategory: 'Storage', costInBillingCurrency: '1', ...over })]);
      await assertBadRowRefused(store, ingest(store, [path]), { file: path, line: 3, field });
    });
  });
}

test('Azure: a file without a cost column is recognised and refused naming it', async () => {
  await withStore(async (store, dir) => {
    const header = MCA.filter((h) => h !== 'costInBillingCurrency');
    const path = writeCsv(join(dir, 'nocost.csv'), header, [line({ meterCategory: 'Storage' })]);
    await assert.rejects(ingest(store, [path]), (e: unknown) => isOutlayError(e) && e.code === 'INGEST_MISSING_COLUMN' && e.details.line === 1
      && e.message === `${path}: Azure cost details file lacks mandatory column(s) CostInBillingCurrency (or Cost, PreTaxCost) (line 1)`);
  });
});

test('Azure: a newer export for the same billing account and month replaces the older; the same file twice changes nothing', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore({ path: ':memory:' });
  const billed = async () => (await store.query({ measures: ['billed', 'rows'], groupBy: ['account'], orderBy: 'BillingAccountId' }, FULL_ACCESS)).rows.map((r) => [r.BillingAccountId, r.BilledCost, r.Rows]);
  try {
    const storage = (cost: string, over: Record<string, string> = {}) => line({ meterCategory: 'Storage', meterName: 'LRS', quantity: '1', costInBillingCurrency: cost, ...over });
    const other = writeCsv(join(dir, 'other-account.csv'), MCA, [storage('7', { billingAccountId: 'ba-2' })]);
    const v1 = writeCsv(join(dir, 'june-v1.csv'), MCA, [storage('10'), storage('5', { date: '2025-06-04' })]);
    const v2 = writeCsv(join(dir, 'june-v2.csv'), MCA, [storage('10'), storage('5', { date: '2025-06-04' }), storage('2.5', { date: '2025-06-30' })]);
    await ingest(store, [other, v1]);
    assert.equal((await ingest(store, [v1])).files[0]?.status, 'unchanged');
    assert.deepEqual(await billed(), [['ba-1', '15.00', '2'], ['ba-2', '7.00', '1']]);
    const r = await ingest(store, [v2]);
    assert.equal(r.files[0]?.replacedRows, 2);
    assert.deepEqual(await billed(), [['ba-1', '17.50', '3'], ['ba-2', '7.00', '1']], 'June of ba-1 restated, ba-2 untouched');
  } finally {
    await store.close();
    cleanup();
  }
});

test('Azure: the export\'s CostCenter column gives x_CostCenter where no cost-centre tag does; a tag still wins', async () => {
  await withStore(async (store, dir) => {
    const usage = { meterCategory: 'Storage', meterName: 'LRS Data Stored', quantity: '1', unitOfMeasure: '1 GB/Month' };
    const path = writeCsv(join(dir, 'mca-costcenter.csv'), [...MCA, 'costCenter'], [
      line({ ...usage, costInBillingCurrency: '1', tags: '{"CostCenter":"SubACM"}', costCenter: 'ACM9000' }),
      line({ ...usage, costInBillingCurrency: '2', tags: '{"team":"Vision"}', costCenter: ' ACM9000 ' }),
      line({ ...usage, costInBillingCurrency: '4', tags: '{"Cost center":"Ops"}', costCenter: '' }),
      line({ ...usage, costInBillingCurrency: '8', tags: '{"cost center":"Ops"}', costCenter: '' }),
      line({ ...usage, costInBillingCurrency: '16', tags: '', costCenter: '' }),
    ]);
    await ingest(store, [path]);
    const q = await store.query({ measures: ['billed'], groupBy: ['cost_center'] }, FULL_ACCESS);
    // tag SubACM beats the column (1); the column where no tag (2); both spellings of "cost center" tags (4 + 8); nothing (16)
    assert.deepEqual(Object.fromEntries(q.rows.map((x) => [x.x_CostCenter ?? '', x.BilledCost])), { subacm: '1.00', acm9000: '2.00', ops: '12.00', '': '16.00' });
  });
});

/**
 * Providers' own FOCUS exports spell a few columns the FOCUS 1.0-preview way:
 * Oracle's cost reports write Provider, Publisher, InvoiceIssuer, Region,
 * UsageQuantity and UsageUnit, plus oci_ columns; they load through the
 * aliases in core, the oci_ extras are ignored (and reported as such).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { writeCsv } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

const OCI_HEADER = ['AvailabilityZone', 'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeDescription', 'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart', 'ChargeSubcategory', 'EffectiveCost', 'InvoiceIssuer',
  'ListCost', 'ListUnitPrice', 'PricingCategory', 'PricingQuantity', 'PricingUnit', 'Provider', 'Publisher', 'Region', 'ResourceId', 'ResourceName',
  'ResourceType', 'ServiceCategory', 'ServiceName', 'SkuId', 'SkuPriceId', 'SubAccountId', 'SubAccountName', 'Tags', 'UsageQuantity', 'UsageUnit',
  'oci_ReferenceNumber', 'oci_CompartmentId', 'oci_CompartmentName', 'oci_AttributedCost'];

const ociRow = (cost: string, day: string): Record<string, string> => ({
  BilledCost: cost, EffectiveCost: cost, ListCost: cost, BillingAccountId: '7000001', BillingCurrency: 'USD',
  BillingPeriodStart: '2025-06-01T00:00:00Z', BillingPeriodEnd: '2025-07-01T00:00:00Z', ChargePeriodStart: `2025-06-${day}T00:00:00Z`, ChargePeriodEnd: `2025-06-${day}T01:00:00Z`,
  ChargeCategory: 'Usage', Provider: 'Oracle', Publisher: 'Oracle', InvoiceIssuer: 'Oracle', ServiceName: 'COMPUTE', ServiceCategory: 'Compute',
});

test('OCI FOCUS report files of one month add up across ingests instead of restating the month', async () => {
  await withStore(async (store, dir) => {
    await ingest(store, [writeCsv(join(dir, 'oci-focus-0001.csv'), OCI_HEADER, [ociRow('1.5', '02'), ociRow('2.25', '02')])]);
    await ingest(store, [writeCsv(join(dir, 'oci-focus-0002.csv'), OCI_HEADER, [ociRow('4', '03')])]);
    const billed = async () => (await store.query({ measures: ['billed'], groupBy: [] }, FULL_ACCESS)).rows[0]?.BilledCost;
    assert.equal(await billed(), '7.75'); // 1.5 + 2.25 + 4: the second file's June did not replace the first's
    await ingest(store, [writeCsv(join(dir, 'oci-focus-0002.csv'), OCI_HEADER, [ociRow('5', '03')])]);
    assert.equal(await billed(), '8.75'); // the same file name again replaces only its own rows: 1.5 + 2.25 + 5
  });
});

test('an OCI FOCUS cost report (Provider, Publisher, InvoiceIssuer, Region, UsageQuantity) loads as FOCUS', async () => {
  await withStore(async (store, dir) => {
    const row = {
      BilledCost: '12.5', EffectiveCost: '12.5', ListCost: '14', BillingAccountId: '7000001', BillingCurrency: 'USD',
      BillingPeriodStart: '2025-06-01T00:00:00Z', BillingPeriodEnd: '2025-07-01T00:00:00Z', ChargePeriodStart: '2025-06-02T00:00:00Z', ChargePeriodEnd: '2025-06-02T01:00:00Z',
      ChargeCategory: 'Usage', Provider: 'Oracle', Publisher: 'Oracle', InvoiceIssuer: 'Oracle', Region: 'us-ashburn-1', ServiceName: 'COMPUTE',
      ServiceCategory: 'Compute', UsageQuantity: '1', UsageUnit: 'GPU_HOURS', Tags: '{"Oracle-Tags.CreatedBy":"ops"}', oci_CompartmentName: 'ml',
    };
    const path = writeCsv(join(dir, 'oci-focus-0001.csv'), OCI_HEADER, [row]);
    const r = await ingest(store, [path]);
    assert.equal(r.notes[0]?.format, 'focus');
    assert.match(r.notes[0]?.warnings.join(' ') ?? '', /oci_CompartmentId/);
    const q = await store.query({ measures: ['billed', 'rows'], groupBy: ['provider', 'region', 'publisher'] }, FULL_ACCESS);
    assert.equal(q.rows[0]?.ProviderName, 'Oracle');
    assert.equal(q.rows[0]?.PublisherName, 'Oracle');
    assert.equal(q.rows[0]?.RegionId, 'us-ashburn-1');
    assert.equal(q.rows[0]?.BilledCost, '12.50');
  });
});

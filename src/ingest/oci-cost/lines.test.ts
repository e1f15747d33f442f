/**
 * Hand-made lines in the shape of an OCI cost report (`reports/cost-csv/…`,
 * as in the sample that finopsfoundation/focus_converters tests with): minute
 * timestamps with `Z`, costs with 18 decimals, `tags/<ns>.<key>` columns,
 * CRLF; and bad input refused with file, line and column, storing nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareDecimals, isOutlayError } from '../../core/index.ts';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { assertBadRowRefused, writeCsv } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

const OCI = ['lineItem/referenceNo', 'lineItem/tenantId', 'lineItem/intervalUsageStart', 'lineItem/intervalUsageEnd', 'product/service',
  'product/compartmentId', 'product/compartmentName', 'product/region', 'product/availabilityDomain', 'product/resourceId',
  'usage/billedQuantity', 'usage/billedQuantityOverage', 'cost/subscriptionId', 'cost/productSku', 'product/Description', 'cost/unitPrice',
  'cost/unitPriceOverage', 'cost/myCost', 'cost/myCostOverage', 'cost/currencyCode', 'cost/billingUnitReadable', 'cost/skuUnitDescription',
  'cost/overageFlag', 'lineItem/isCorrection', 'lineItem/backreferenceNo', 'tags/Oracle-Tags.CreatedBy', 'tags/Team.Name'];

const line = (over: Record<string, string>): Record<string, string> => ({
  'lineItem/referenceNo': 'r1', 'lineItem/tenantId': 'ocid1.tenancy.oc1..t1', 'lineItem/intervalUsageStart': '2023-11-13T10:00Z',
  'lineItem/intervalUsageEnd': '2023-11-13T11:00:00Z', 'product/service': 'DATABASE', 'product/compartmentId': 'ocid1.compartment.oc1..c1',
  'product/compartmentName': 'apps', 'product/region': 'us-sanjose-1', 'product/availabilityDomain': 'sj-1', 'product/resourceId': 'ocid1.autonomousdatabase.oc1..x',
  'usage/billedQuantity': '0.083333333333000000', 'cost/productSku': 'B92911', 'product/Description': 'Oracle APEX Application Development',
  'cost/unitPrice': '0.147171330000000000', 'cost/currencyCode': 'USD', 'cost/billingUnitReadable': '1 NONE HOURS INSTANCE',
  'cost/skuUnitDescription': 'Hours', 'cost/overageFlag': 'false', 'lineItem/isCorrection': 'false', 'lineItem/backreferenceNo': '17053', ...over,
});

test('OCI cost report: every line stored, cost/myCost summed exactly per currency, tags and correction kept', async () => {
  await withStore(async (store, dir) => {
    const path = writeCsv(join(dir, 'reports_cost-csv_0000000001.csv'), OCI, [
      line({ 'cost/myCost': '0.012264277499950943', 'tags/Team.Name': 'Vision', 'tags/Oracle-Tags.CreatedBy': 'default/a@example.com' }),
      line({ 'product/service': 'BLOCK_STORAGE', 'cost/myCost': '0.004500000000000000', 'lineItem/intervalUsageStart': '2023-11-30T23:00Z', 'lineItem/intervalUsageEnd': '2023-12-01T00:00Z' }),
      // Zero-cost lines often have no currency in OCI's reports: they take the file's.
      line({ 'product/service': 'TELEMETRY', 'cost/myCost': '0.000000000000', 'usage/billedQuantity': '0.000144', 'cost/currencyCode': '' }),
      line({ 'product/service': 'COMPUTE', 'cost/myCost': '-0.250000000000000000', 'lineItem/isCorrection': 'true' }),
      line({ 'product/service': 'COMPUTE', 'cost/myCost': '12.5', 'cost/currencyCode': 'EUR', 'lineItem/tenantId': 'ocid1.tenancy.oc1..t2' }),
    ], { crlf: true });
    const r = await ingest(store, [path]);
    assert.equal(r.notes[0]?.format, 'oci-cost');
    assert.equal(r.files[0]?.rows, 5);
    const q = await store.query({ measures: ['billed', 'effective', 'rows'], groupBy: [] }, FULL_ACCESS);
    const byCur = Object.fromEntries(q.rows.map((x) => [x.BillingCurrency ?? '', x]));
    // USD: 0.012264277499950943 (12 places: 0.0122642775) + 0.0045 + 0 − 0.25 = −0.2332357225; −0.23 to the cent
    assert.equal(compareDecimals(byCur.USD?.BilledCost ?? 'NaN', '-0.2332357225'), 0);
    assert.equal(compareDecimals(byCur.USD?.EffectiveCost ?? 'NaN', '-0.2332357225'), 0);
    assert.equal(byCur.USD?.Rows, '4');
    assert.equal(compareDecimals(byCur.EUR?.BilledCost ?? 'NaN', '12.5'), 0);
    const team = await store.query({ measures: ['billed'], groupBy: ['tag:Team.Name'] }, FULL_ACCESS);
    assert.ok(team.rows.some((x) => Object.values(x).includes('Vision')), JSON.stringify(team.rows));
    const cat = await store.query({ measures: ['rows'], groupBy: ['service_category'], orderBy: 'ServiceCategory' }, FULL_ACCESS);
    assert.deepEqual(cat.rows.map((x) => [x.ServiceCategory, x.Rows]), [['Compute', '2'], ['Databases', '1'], ['Management and Governance', '1'], ['Storage', '1']]);
    const accounts = await store.query({ measures: ['rows'], groupBy: ['account'], orderBy: 'BillingAccountId' }, FULL_ACCESS);
    assert.deepEqual(accounts.rows.map((x) => [x.BillingAccountId, x.Rows]), [['ocid1.tenancy.oc1..t1', '4'], ['ocid1.tenancy.oc1..t2', '1']]);
  });
});

for (const [what, over, field] of [
  ['a cost that is not a number', { 'cost/myCost': 'n/a' }, 'cost/myCost'],
  ['a usage start that is not a date', { 'lineItem/intervalUsageStart': '13/11/2023 10h' }, 'lineItem/intervalUsageStart'],
  ['a currency that is not ISO 4217', { 'cost/currencyCode': 'US$' }, 'cost/currencyCode'],
  ['a cost without a currency', { 'cost/currencyCode': '' }, 'cost/currencyCode'],
] as const) {
  test(`OCI cost report: ${what} is refused with file, line and column; nothing is stored`, async () => {
    await withStore(async (store, dir) => {
      const path = writeCsv(join(dir, 'bad.csv'), OCI, [line({ 'cost/myCost': '1' }), line({ 'cost/myCost': '1', ...over })]);
      await assertBadRowRefused(store, ingest(store, [path]), { file: path, line: 3, field });
    });
  });
}

test('OCI cost report: a file without cost/myCost is recognised and refused naming it', async () => {
  await withStore(async (store, dir) => {
    const path = writeCsv(join(dir, 'nocost.csv'), OCI.filter((h) => h !== 'cost/myCost'), [line({})]);
    await assert.rejects(ingest(store, [path]), (e: unknown) => isOutlayError(e) && e.code === 'INGEST_MISSING_COLUMN' && /cost\/myCost/.test(e.message) && e.details.line === 1);
  });
});

test('OCI report files of one month add up across ingests; the same file name again replaces only its own rows', async () => {
  await withStore(async (store, dir) => {
    const first = writeCsv(join(dir, 'reports_cost-csv_0000000001.csv'), OCI, [line({ 'cost/myCost': '1.25' }), line({ 'cost/myCost': '0.75' })]);
    const second = writeCsv(join(dir, 'reports_cost-csv_0000000002.csv'), OCI, [line({ 'cost/myCost': '3.5', 'lineItem/intervalUsageStart': '2023-11-14T10:00Z', 'lineItem/intervalUsageEnd': '2023-11-14T11:00Z' })]);
    await ingest(store, [first]);
    await ingest(store, [second]);
    const total = async () => (await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS)).rows[0]!;
    // Both files of November 2023 stay: 1.25 + 0.75 + 3.5.
    assert.equal(compareDecimals((await total()).BilledCost ?? 'NaN', '5.5'), 0);
    // The first report downloaded again, now with one line of 2.0: 2.0 + 3.5.
    mkdirSync(join(dir, 'again'));
    const again = writeCsv(join(dir, 'again', 'reports_cost-csv_0000000001.csv'), OCI, [line({ 'cost/myCost': '2.0' })]);
    await ingest(store, [again]);
    const t = await total();
    assert.equal(compareDecimals(t.BilledCost ?? 'NaN', '5.5'), 0);
    assert.equal(t.Rows, '2');
  });
});

/**
 * The FOCUS edge cases (see focus/bad-input.test.ts) in the other bill
 * formats: a BOM with CRLF line ends, a header-only file, mixed currencies
 * kept apart, negative credits subtracting; and a Parquet export without its
 * cost column refused naming it, leaving a seeded store unchanged. Expected
 * totals are the hand sums of the lines written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS, type Store } from '../store/index.ts';
import { ingest } from './index.ts';
import { CUR_HEADER, curLine } from '../../test/cur-lines.ts';
import { AZURE_HEADER, azureLine, gcpRow } from '../../test/format-samples.ts';
import { expectRefusal, withSeededStore, withStore } from '../../test/refusal.ts';

/** Billed and effective cost and rows per currency and charge category. */
async function sums(store: Store): Promise<string[]> {
  const q = await store.query({ measures: ['billed', 'effective', 'rows'], groupBy: ['charge_category'] }, FULL_ACCESS);
  return q.rows.map((r) => `${r.BillingCurrency} ${r.ChargeCategory} ${r.BilledCost}/${r.EffectiveCost}/${r.Rows}`).sort();
}

const csv = (header: readonly string[], lines: readonly string[], bom = false): string => `${bom ? '\uFEFF' : ''}${[header.join(','), ...lines].join('\r\n')}\r\n`;

const FORMATS = {
  'aws-cur': {
    header: CUR_HEADER,
    usd: (cost: string) => curLine({ 'identity/LineItemId': `u${cost}`, 'lineItem/UnblendedCost': cost }).join(','),
    eur: (cost: string) => curLine({ 'identity/LineItemId': `e${cost}`, 'lineItem/CurrencyCode': 'EUR', 'lineItem/UnblendedCost': cost }).join(','),
    credit: (cost: string) => curLine({ 'identity/LineItemId': 'c1', 'lineItem/LineItemType': 'Credit', 'lineItem/UsageType': '', 'lineItem/UnblendedCost': cost }).join(','),
  },
  'azure-cost': {
    header: AZURE_HEADER,
    usd: (cost: string) => azureLine(0, { costInBillingCurrency: cost }),
    eur: (cost: string) => azureLine(1, { billingCurrency: 'EUR', costInBillingCurrency: cost }),
    credit: (cost: string) => azureLine(2, { chargeType: 'Credit', costInBillingCurrency: cost }),
  },
} as const;

for (const [format, f] of Object.entries(FORMATS)) {
  test(`${format}: BOM and CRLF, header only, mixed currencies, negative credits`, () => withStore(async (store, dir) => {
    const header = join(dir, 'header-only.csv');
    writeFileSync(header, csv(f.header, [], true));
    const r0 = await ingest(store, [header]);
    assert.deepEqual([r0.notes[0]?.format, r0.files[0]?.rows], [format, 0]);
    const p = join(dir, 'export.csv');
    writeFileSync(p, csv(f.header, [f.usd('10.25'), f.eur('3.10'), f.credit('-1.25'), f.eur('0.000001')], true));
    await ingest(store, [p]);
    assert.deepEqual(await sums(store), ['EUR Usage 3.100001/3.100001/2', 'USD Credit -1.25/-1.25/1', 'USD Usage 10.25/10.25/1']);
  }));
}

test('gcp-billing: mixed currencies stay apart, credits reduce the cost of their line', () => withStore(async (store, dir) => {
  const p = join(dir, 'export.jsonl');
  writeFileSync(p, `\uFEFF${[gcpRow(0, { cost: 10.25, credits: [{ name: 'Promo', amount: -1.25, type: 'PROMOTION' }] }), gcpRow(1, { currency: 'EUR', cost: 3.1 })].join('\r\n')}\r\n`);
  await ingest(store, [p]);
  const q = await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS);
  assert.deepEqual(q.rows.map((r) => `${r.BillingCurrency} ${r.BilledCost}/${r.Rows}`).sort(), ['EUR 3.10/1', 'USD 9.00/1']);
}));

test('Azure and Google Cloud Parquet exports without their cost column are refused naming it', () => withSeededStore(async (store, dir) => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const az = join(dir, 'az.csv');
    writeFileSync(az, csv(AZURE_HEADER, [azureLine(0)]));
    const azPq = join(dir, 'azure-export.parquet');
    await conn.run(`COPY (SELECT * EXCLUDE (costInBillingCurrency) FROM read_csv('${az}', all_varchar = true)) TO '${azPq}' (FORMAT parquet)`);
    await expectRefusal(store, [azPq], { code: 'INGEST_MISSING_COLUMN', file: azPq, line: 1, field: 'CostInBillingCurrency (or Cost, PreTaxCost)' });
    const gcp = join(dir, 'gcp.jsonl');
    writeFileSync(gcp, `${gcpRow(0)}\n`);
    const gcpPq = join(dir, 'gcp-export.parquet');
    await conn.run(`COPY (SELECT * EXCLUDE (cost) FROM read_json('${gcp}')) TO '${gcpPq}' (FORMAT parquet)`);
    await expectRefusal(store, [gcpPq], { code: 'INGEST_MISSING_COLUMN', file: gcpPq, line: 1, field: 'cost' });
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}));

test('usage pages: an empty OpenAI page loads no rows (a window without traffic)', () => withStore(async (store, dir) => {
  const p = join(dir, 'usage.json');
  writeFileSync(p, '{"object": "page", "data": [], "has_more": false, "next_page": null}');
  const r = await ingest(store, [p]);
  assert.deepEqual([r.notes[0]?.format, r.files[0]?.rows], ['openai-usage', 0]);
}));

/**
 * Google's FOCUS export writes Tags as a list of key/value objects (labels,
 * with x_inherited project labels after them), not one JSON object; as CSV
 * text and as a Parquet LIST of STRUCTs it loads with its tags, first key
 * winning. The rows here are written by hand in that shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS, openStore } from '../store/index.ts';
import { ingest } from './index.ts';
import { keyValueListAsObject } from './key-value-tags.ts';
import { composeStagedFile, jsonObjectPlan } from './sql.ts';
import { tempDir, writeCsv } from '../../test/helpers.ts';
import { withLoaded } from '../../test/usage-helpers.ts';

const HEADER = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'BillingAccountId', 'BillingCurrency', 'BillingPeriodStart', 'BillingPeriodEnd',
  'ChargeCategory', 'ChargePeriodStart', 'ChargePeriodEnd', 'ProviderName', 'PublisherName', 'InvoiceIssuerName', 'ServiceName', 'ServiceCategory', 'SubAccountId', 'Tags'];
const row = (cost: string, tags: string): Record<string, string> => ({
  BilledCost: cost, EffectiveCost: cost, ListCost: cost, ContractedCost: cost, BillingAccountId: '01ABCD-234567-89EFGH', BillingCurrency: 'USD',
  BillingPeriodStart: '2025-06-01T00:00:00Z', BillingPeriodEnd: '2025-07-01T00:00:00Z', ChargeCategory: 'Usage',
  ChargePeriodStart: '2025-06-02T00:00:00Z', ChargePeriodEnd: '2025-06-02T01:00:00Z', ProviderName: 'Google Cloud', PublisherName: 'Google Cloud',
  InvoiceIssuerName: 'Google', ServiceName: 'Compute Engine', ServiceCategory: 'Compute', SubAccountId: 'ml-prod', Tags: tags,
});
const kv = (pairs: [string, string, boolean][]): string => JSON.stringify(pairs.map(([key, value, inherited]) => ({ key, value, x_type: 'label', x_inherited: inherited })));

test('FOCUS Tags as a key/value list (Google) load as tags: CSV text and Parquet LIST<STRUCT>', async () => {
  const { dir, cleanup } = tempDir();
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const csv = writeCsv(join(dir, 'gcp-focus.csv'), HEADER, [
      row('10.50', kv([['team', 'research', false], ['env', 'prod', false], ['team', 'platform', true]])), // own label first: research
      row('2.25', kv([['team', 'search', true]])),
      row('1.00', '[]'),
      row('0.25', '{"team":"apps"}'),
    ]);
    const parquet = join(dir, 'gcp-focus.parquet');
    await conn.run(`COPY (SELECT * REPLACE (CAST(json_transform(Tags, '[{"key":"VARCHAR","value":"VARCHAR","x_type":"VARCHAR","x_inherited":"BOOLEAN"}]') AS STRUCT(key VARCHAR, value VARCHAR, x_type VARCHAR, x_inherited BOOLEAN)[]) AS Tags)
      FROM read_csv('${csv}', all_varchar = true) WHERE starts_with(Tags, '[')) TO '${parquet}' (FORMAT parquet)`);
    for (const [path, want] of [[csv, { research: '10.50', search: '2.25', '': '1.00', apps: '0.25' }], [parquet, { research: '10.50', search: '2.25', '': '1.00' }]] as const) {
      await withLoaded(path, async (store, r) => {
        assert.equal(r.notes[0]?.format, 'focus', path);
        const q = await store.query({ measures: ['billed'], groupBy: ['team'] }, FULL_ACCESS);
        assert.deepEqual(Object.fromEntries(q.rows.map((x) => [x.x_Team ?? '', x.BilledCost])), want, path);
        const env = await store.query({ measures: ['billed'], groupBy: ['tag:env'], filters: [{ dimension: 'tag:env', op: 'not_null', values: [] }] }, FULL_ACCESS);
        assert.deepEqual(env.rows.map((x) => [x['tag:env'], x.BilledCost]), [['prod', '10.50']], path);
      });
    }
  } finally {
    conn.closeSync();
    db.closeSync();
    cleanup();
  }
});

test('a Tags list that is not key/value objects is still refused with its line', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const path = writeCsv(join(dir, 'bad-tags.csv'), HEADER, [row('1', '{"a":"b"}'), row('1', '["team", "research"]')]);
    const err = await ingest(store, [path]).then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
    assert.equal(err?.code, 'INGEST_BAD_ROW');
    assert.match(err?.message ?? '', /line 3, column Tags/);
  } finally {
    await store.close();
    cleanup();
  }
});

test('the key/value-list conversion stands once in each query of a staged file, however many times the Tags plan reads it', () => {
  const conversion = keyValueListAsObject('"c7"');
  const file = composeStagedFile({ path: 'x.csv', sha256: '0', bytes: 0, format: 'focus' }, 'SELECT 1 AS __line, NULL AS c7', [jsonObjectPlan('Tags', '"c7"')]);
  for (const sql of [file.select, file.selectGood, file.rejected, file.diagnose]) assert.equal(sql.split(conversion).length - 1, 1, sql);
});

/**
 * Quarantine as the store loads it: a staged file whose plans leave most CostRecord
 * columns unfilled (NULL literals, BillingPeriodStart among them) still gets
 * its bad rows reported by line and their amounts recorded; the load leaves
 * no scratch table behind on its connection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../store/index.ts';
import { composeStagedFile, decimalPlan, required, stringPlan } from './sql.ts';

const stage = `SELECT * FROM (VALUES
    (2, '1.50', 'USD', 'AWS'),
    (3, 'lots', 'USD', 'AWS'),
    (4, '2.25', 'EUR', 'AWS'),
    (5, '7.25', 'USD', NULL)
  ) t(__line, c_cost, c_cur, c_prov)`;

const file = composeStagedFile({ path: 'partial.csv', sha256: 'partial', bytes: 1, format: 'test' }, stage, [
  decimalPlan('BilledCost', '"c_cost"'),
  stringPlan('BillingCurrency', '"c_cur"'),
  required(stringPlan('ProviderName', '"c_prov"'), '"c_prov"'),
  stringPlan('x_SourceLine', '__line'),
]);

test('quarantine reports the bad rows in line order and sums them, though BillingPeriodStart is never filled', async () => {
  const store = await openStore({ path: ':memory:' });
  try {
    const r = await store.load({ files: [file], mode: 'append', quarantine: true });
    assert.deepEqual(r.rejectedRows, [
      { file: 'partial.csv', line: 3, field: 'BilledCost', value: 'lots', reason: 'not a number' },
      { file: 'partial.csv', line: 5, field: 'ProviderName', value: null, reason: 'is empty but required' },
    ]);
    assert.equal(r.files[0]?.status, 'quarantined');
    assert.equal(r.files[0]?.rows, 2);
    assert.equal(r.files[0]?.rejected, 2);
    const totals = await store.sql(`SELECT part, currency, provider, billing_period, rows, billed::VARCHAR AS billed, unreadable_rows
      FROM source_file_totals ORDER BY part, currency, provider NULLS LAST`);
    assert.deepEqual(totals, [
      { part: 'loaded', currency: 'EUR', provider: 'AWS', billing_period: null, rows: '1', billed: '2.250000000000', unreadable_rows: '0' },
      { part: 'loaded', currency: 'USD', provider: 'AWS', billing_period: null, rows: '1', billed: '1.500000000000', unreadable_rows: '0' },
      // Line 3's amount cannot be read (unreadable, summed as nothing); line 5's can, though its provider is missing.
      { part: 'rejected', currency: 'USD', provider: 'AWS', billing_period: null, rows: '1', billed: '0.000000000000', unreadable_rows: '1' },
      { part: 'rejected', currency: 'USD', provider: null, billing_period: null, rows: '1', billed: '7.250000000000', unreadable_rows: '0' },
    ]);
    assert.deepEqual(await store.sql('SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary'), [{ n: 0 }]);
  } finally {
    await store.close();
  }
});

test('quarantine of a file whose cells span lines reads its line map once, for the stored and the rejected rows', async () => {
  const store = await openStore({ path: ':memory:' });
  try {
    // Records 2…5 start on physical lines 2, 4, 5 and 8 (records 2 and 4 hold a line break); every row the map yields draws a number.
    await store.sql('CREATE SEQUENCE map_reads');
    const map = `SELECT rec, line + 0 * nextval('map_reads') AS line, next FROM (VALUES (2, 2, 4), (3, 4, 5), (4, 5, 8), (5, 8, 10)) t(rec, line, next)`;
    const spanning = { ...composeStagedFile({ path: 'spanning.csv', sha256: 'spanning', bytes: 1, format: 'test', physicalLines: { lines: 9, map } }, stage, [
      decimalPlan('BilledCost', '"c_cost"'),
      stringPlan('BillingCurrency', '"c_cur"'),
      required(stringPlan('ProviderName', '"c_prov"'), '"c_prov"'),
      stringPlan('x_SourceLine', '__line'),
    ]) };
    const r = await store.load({ files: [spanning], mode: 'append', quarantine: true });
    assert.deepEqual(r.rejectedRows.map((b) => b.line), [4, 8], 'records 3 and 5 start on lines 4 and 8');
    assert.deepEqual(await store.sql('SELECT "x_SourceLine"::INTEGER AS line FROM cost_records ORDER BY 1'), [{ line: 2 }, { line: 5 }]);
    assert.deepEqual(await store.sql("SELECT currval('map_reads')::INTEGER AS n"), [{ n: 4 }], 'the map\'s 4 rows, each read once');
    assert.deepEqual(await store.sql('SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary'), [{ n: 0 }]);
  } finally {
    await store.close();
  }
});

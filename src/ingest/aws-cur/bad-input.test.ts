/**
 * Bad CUR input is refused as a whole with the file, line and column named,
 * and nothing is stored; a newer CUR for the same payer and month replaces the
 * older one (restatement).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { isOutlayError } from '../../core/index.ts';
import { FULL_ACCESS, openStore, type Store } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';
import { CUR_HEADER, curLine, writeCur } from '../../../test/cur-lines.ts';

async function expectRefused(store: Store, path: string, code: string, check: (d: Record<string, unknown>, message: string) => void): Promise<void> {
  await assert.rejects(ingest(store, [path]), (e: unknown) => {
    assert.ok(isOutlayError(e), String(e));
    assert.equal(e.code, code, e.message);
    check(e.details, e.message);
    return true;
  });
  const sources = await store.listSources();
  assert.equal(sources.length, 0, 'nothing stored from a rejected file');
}

test('a truncated gzip CUR is refused with the line where it stops, and nothing is stored', async () => withStore(async (store, dir) => {
  const csv = writeCur(join(dir, 'cur.csv'), Array.from({ length: 3000 }, (_, i) => curLine({ 'identity/LineItemId': `li${i}` })));
  const gz = gzipSync(readFileSync(csv));
  mkdirSync(join(dir, 'whole'));
  writeFileSync(join(dir, 'whole', 'cur-00001.csv.gz'), gz);
  const ok = await openStore({ path: ':memory:' });
  try {
    assert.equal((await ingest(ok, [join(dir, 'whole')])).files[0]?.rows, 3000, 'the whole gzip file loads');
  } finally {
    await ok.close();
  }
  const path = join(dir, 'cur-00001.csv.gz');
  writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
  await expectRefused(store, path, 'INGEST_IO', (d, m) => {
    assert.equal(d.file, path);
    assert.ok(Number(d.line) > 1, `line ${String(d.line)}`);
    assert.match(m, /truncated/);
  });
}));

test('a CUR Parquet file without a mandatory column is refused naming the column', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore({ path: ':memory:' });
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const path = join(dir, 'cur2.parquet');
    await conn.run(`COPY (SELECT '111122223333' AS bill_payer_account_id, TIMESTAMP '2024-03-01' AS bill_billing_period_start_date,
      'Usage' AS line_item_line_item_type, TIMESTAMP '2024-03-05 10:00' AS line_item_usage_start_date, 'AmazonEC2' AS line_item_product_code,
      'USE1-BoxUsage:m5.large' AS line_item_usage_type, 'USD' AS line_item_currency_code) TO '${path}' (FORMAT parquet)`);
    await expectRefused(store, path, 'INGEST_MISSING_COLUMN', (d, m) => {
      assert.equal(d.field, 'line_item_unblended_cost');
      assert.equal(d.line, 1);
      assert.match(m, /line_item_unblended_cost/);
    });
  } finally {
    conn.closeSync();
    db.closeSync();
    await store.close();
    cleanup();
  }
});

test('a CUR with a renamed cost column is still recognised, then refused naming the column', async () => withStore(async (store, dir) => {
  const header = CUR_HEADER.map((h) => (h === 'lineItem/UnblendedCost' ? 'lineItem/UnblendedCostUSD' : h));
  const path = writeCur(join(dir, 'renamed.csv'), [curLine()], header);
  await expectRefused(store, path, 'INGEST_MISSING_COLUMN', (d) => {
    assert.equal(d.field, 'lineItem/UnblendedCost');
    assert.equal(d.file, path);
    assert.equal(d.line, 1, 'the header line');
  });
}));

test('a CUR line with a cost that is not a number is refused with its line and column', async () => withStore(async (store, dir) => {
  const path = writeCur(join(dir, 'bad.csv'), [curLine(), curLine({ 'lineItem/UnblendedCost': '12,5'.replace(',', ';') }), curLine()]);
  await expectRefused(store, path, 'INGEST_BAD_ROW', (d) => {
    assert.equal(d.line, 3);
    assert.equal(d.field, 'lineItem/UnblendedCost');
  });
}));

test('a newer CUR for the same payer and month replaces the older one', async () => withStore(async (store, dir) => {
  const v1 = writeCur(join(dir, 'v1.csv'), [curLine(), curLine({ 'identity/LineItemId': 'li2', 'lineItem/UnblendedCost': '10' })]);
  const v2 = writeCur(join(dir, 'v2.csv'), [curLine({ 'lineItem/UnblendedCost': '50.00' }), curLine({ 'identity/LineItemId': 'li3', 'lineItem/UnblendedCost': '1.25' }),
    curLine({ 'identity/LineItemId': 'li4', 'lineItem/LineItemType': 'Credit', 'lineItem/UnblendedCost': '-0.25', 'lineItem/UsageType': '' })]);
  await ingest(store, [v1]);
  const r2 = await ingest(store, [v2]);
  assert.equal(r2.files[0]?.replacedRows, 2);
  const q = await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS);
  assert.equal(q.rows[0]?.BilledCost, '51.00');
  assert.equal(q.rows[0]?.Rows, '3');
  const again = await ingest(store, [v2]);
  assert.equal(again.files[0]?.status, 'unchanged');
}));

/**
 * CUR 2.0's newer `tags` map column holds the resource tags as well, and an
 * export may select it instead of `resource_tags`: its tags are read the same
 * way (user prefix dropped), from Parquet (MAP) and CSV (JSON text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FULL_ACCESS } from '../../store/index.ts';
import { tempDir } from '../../../test/helpers.ts';
import { isOutlayError } from '../../core/index.ts';
import { loadText, withLoaded } from '../../../test/usage-helpers.ts';

test('a CUR 2.0 export with `tags` instead of `resource_tags` keeps its tags (Parquet and CSV)', async () => {
  const { dir, cleanup } = tempDir();
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const select = `SELECT '111122223333' AS bill_payer_account_id, 'Payer' AS bill_payer_account_name, TIMESTAMP '2025-06-01' AS bill_billing_period_start_date,
        TIMESTAMP '2025-07-01' AS bill_billing_period_end_date, 'Usage' AS line_item_line_item_type, TIMESTAMP '2025-06-02 00:00' AS line_item_usage_start_date,
        TIMESTAMP '2025-06-02 01:00' AS line_item_usage_end_date, 'AmazonEC2' AS line_item_product_code, 'USD' AS line_item_currency_code, cost AS line_item_unblended_cost, tags
      FROM (VALUES (12.5, MAP {'user:team': 'research', 'user:env': 'prod'}), (2.25, MAP {'user_team': 'search'}), (0.75, MAP {})) v(cost, tags)`;
    const parquet = join(dir, 'cur2-00001.snappy.parquet');
    await conn.run(`COPY (${select}) TO '${parquet}' (FORMAT parquet)`);
    const csv = join(dir, 'cur2-00001.csv');
    await conn.run(`COPY (SELECT * REPLACE (to_json(tags)::VARCHAR AS tags) FROM (${select})) TO '${csv}' (FORMAT csv, HEADER)`);
    for (const path of [parquet, csv]) {
      await withLoaded(path, async (store, r) => {
        assert.equal(r.notes[0]?.format, 'aws-cur', path);
        const q = await store.query({ measures: ['billed'], groupBy: ['team'] }, FULL_ACCESS);
        assert.deepEqual(Object.fromEntries(q.rows.map((x) => [x.x_Team ?? '', x.BilledCost])), { research: '12.50', search: '2.25', '': '0.75' }, path);
      });
    }
  } finally {
    conn.closeSync();
    db.closeSync();
    cleanup();
  }
});

test('CUR 2.0 CSV through Athena: Hive-printed maps ({user:team=search, user:env=prod}) read like the JSON maps', async () => {
  // Hand-written in the shape Athena's CSV output gives a CUR 2.0 table: map columns as {k=v, k=v}.
  const header = 'bill_payer_account_id,bill_billing_period_start_date,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_currency_code,line_item_unblended_cost,resource_tags,product';
  const csv = [header,
    '111122223333,2025-06-01T00:00:00Z,Usage,2025-06-02T00:00:00Z,2025-06-02T01:00:00Z,AmazonEC2,USD,12.5,"{user:team=search, user:env=prod}","{product_name=Amazon Elastic Compute Cloud, region_code=us-east-1}"',
    '111122223333,2025-06-01T00:00:00Z,Usage,2025-06-02T00:00:00Z,2025-06-02T01:00:00Z,AmazonS3,USD,2.25,{user:team=research},{region_code=eu-west-1}',
    '111122223333,2025-06-01T00:00:00Z,Usage,2025-06-02T00:00:00Z,2025-06-02T01:00:00Z,AmazonS3,USD,0.75,{},{}',
  ].join('\n');
  const l = await loadText('cur2-athena.csv', `${csv}\n`);
  assert.equal(l.report.notes[0]?.format, 'aws-cur');
  const byCost = new Map(l.rows.map((r) => [String(Number(r.BilledCost)), r]));
  const tags = (cost: string) => JSON.parse(byCost.get(cost)?.Tags ?? 'null') as unknown;
  assert.deepEqual(tags('12.5'), { team: 'search', env: 'prod' });
  assert.deepEqual(tags('2.25'), { team: 'research' });
  assert.equal(tags('0.75'), null);
  assert.equal(byCost.get('12.5')?.RegionId, 'us-east-1');
  assert.equal(byCost.get('12.5')?.ServiceName, 'Amazon Elastic Compute Cloud');
  assert.equal(byCost.get('2.25')?.RegionId, 'eu-west-1');
  assert.equal(l.sum('BilledCost', (r) => r.x_Team === 'search'), '12.5');
});

test('a CSV resource_tags cell that is neither JSON nor a Hive map is still refused, naming the column', async () => {
  const csv = 'bill_payer_account_id,bill_billing_period_start_date,line_item_line_item_type,line_item_usage_start_date,line_item_product_code,line_item_currency_code,line_item_unblended_cost,resource_tags\n'
    + '111122223333,2025-06-01T00:00:00Z,Usage,2025-06-02T00:00:00Z,AmazonEC2,USD,1,{team search}\n';
  const err = await loadText('cur2-bad.csv', csv).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.match(err.message, /resource_tags/);
});

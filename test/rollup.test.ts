/**
 * The daily rollup answers exactly what the fact table answers: each query
 * runs twice through the same SQL builder, once on cost_records and once on
 * cost_daily, and the rows must be identical (after a restatement too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeSample } from './store-contract.ts';
import { tempDir } from './helpers.ts';
import { FULL_ACCESS, DuckDBStore, type CostQuery } from '../src/store/index.ts';
import { buildCostQuery } from '../src/store/duckdb/query-sql.ts';
import { rollupFor } from '../src/store/duckdb/rollup.ts';
import { BASE_SOURCE } from '../src/store/duckdb/query-sql.ts';
import { ingest } from '../src/ingest/index.ts';

const QUERIES: CostQuery[] = [
  { measures: ['billed', 'effective', 'list', 'rows'], groupBy: ['team', 'service'] },
  { measures: ['effective', 'gpu_hours', 'tokens'], groupBy: ['model', 'provider'], grain: 'day' },
  { measures: ['billed'], groupBy: ['environment'], grain: 'month', filters: [{ dimension: 'team', op: 'eq', values: ['research'] }] },
  { measures: ['rows', 'billed'], groupBy: [], from: new Date('2024-09-02T00:00:00Z'), to: new Date('2024-09-03T00:00:00Z'), grain: 'week' },
  { measures: ['effective', 'gpu_hours'], groupBy: ['resource', 'service'], limit: 3 },
];

test('rollup routing: whole-day queries on rolled-up dimensions, the smallest level that has them', () => {
  const table = (q: CostQuery) => rollupFor(q)?.table ?? 'cost_records';
  assert.equal(table({ measures: ['billed'], groupBy: ['team'] }), 'cost_daily');
  assert.equal(table({ measures: ['billed'], groupBy: ['resource'] }), 'cost_daily_resource');
  assert.equal(table({ measures: ['billed'], groupBy: ['resource'], filters: [{ dimension: 'sku', op: 'eq', values: ['x'] }] }), 'cost_daily_resource');
  assert.equal(table({ measures: ['billed'], groupBy: ['resource'], filters: [{ dimension: 'availability_zone', op: 'eq', values: ['x'] }] }), 'cost_records');
  assert.equal(table({ measures: ['billed'], groupBy: ['tag:env'] }), 'cost_records');
  assert.equal(table({ measures: ['billed'], groupBy: [], grain: 'hour' }), 'cost_records');
  assert.equal(table({ measures: ['billed'], groupBy: [], from: new Date('2024-09-01T06:00:00Z') }), 'cost_records');
  assert.equal(table({ measures: ['billed'], groupBy: ['source_file'] }), 'cost_records');
});

test('rollup and fact table give identical rows, before and after a restatement', async () => {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: join(dir, 's.duckdb') });
  try {
    const compare = async () => {
      for (const q of QUERIES) {
        const base = buildCostQuery(q, { teams: ['research', 'search'] }, BASE_SOURCE);
        const level = rollupFor(q);
        assert.ok(level, `a rollup answers ${JSON.stringify(q)}`);
        const roll = buildCostQuery(q, { teams: ['research', 'search'] }, level);
        assert.deepEqual(await store.sql(roll.sql, roll.params), await store.sql(base.sql, base.params), JSON.stringify(q));
        assert.ok((await store.sql(base.sql, base.params)).length > 0, 'the query returns rows');
      }
    };
    await ingest(store, [writeSample(dir)]);
    await compare();
    await ingest(store, [writeSample(dir, 'v2.csv', 3)]);
    await compare();
    for (const table of ['cost_daily', 'cost_daily_resource']) {
      const [n] = await store.sql(`SELECT count(DISTINCT source_id)::INT AS n FROM ${table}`);
      assert.equal(n?.n, 1, `only the restated version is left in ${table}`);
    }
    const total = await store.query({ measures: ['billed'], groupBy: [] }, FULL_ACCESS);
    assert.deepEqual(total.rows, [{ BillingCurrency: 'USD', BilledCost: '116.25' }, { BillingCurrency: 'EUR', BilledCost: '9.00' }]);
  } finally {
    await store.close();
    cleanup();
  }
});

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
import { BASE_SOURCE, ROLLUP_SOURCE, rollupCanAnswer } from '../src/store/duckdb/rollup.ts';
import { ingest } from '../src/ingest/index.ts';

const QUERIES: CostQuery[] = [
  { measures: ['billed', 'effective', 'list', 'rows'], groupBy: ['team', 'service'] },
  { measures: ['effective', 'gpu_hours', 'tokens'], groupBy: ['model', 'provider'], grain: 'day' },
  { measures: ['billed'], groupBy: ['environment'], grain: 'month', filters: [{ dimension: 'team', op: 'eq', values: ['research'] }] },
  { measures: ['rows', 'billed'], groupBy: [], from: new Date('2024-09-02T00:00:00Z'), to: new Date('2024-09-03T00:00:00Z'), grain: 'week' },
];

test('rollup routing: only whole-day queries on rolled-up dimensions', () => {
  assert.equal(rollupCanAnswer({ measures: ['billed'], groupBy: ['team'] }), true);
  assert.equal(rollupCanAnswer({ measures: ['billed'], groupBy: ['resource'] }), false);
  assert.equal(rollupCanAnswer({ measures: ['billed'], groupBy: ['tag:env'] }), false);
  assert.equal(rollupCanAnswer({ measures: ['billed'], groupBy: [], grain: 'hour' }), false);
  assert.equal(rollupCanAnswer({ measures: ['billed'], groupBy: [], from: new Date('2024-09-01T06:00:00Z') }), false);
  assert.equal(rollupCanAnswer({ measures: ['billed'], groupBy: [], filters: [{ dimension: 'resource', op: 'eq', values: ['i-1'] }] }), false);
});

test('rollup and fact table give identical rows, before and after a restatement', async () => {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: join(dir, 's.duckdb') });
  try {
    const compare = async () => {
      for (const q of QUERIES) {
        const base = buildCostQuery(q, { teams: ['research', 'search'] }, BASE_SOURCE);
        const roll = buildCostQuery(q, { teams: ['research', 'search'] }, ROLLUP_SOURCE);
        assert.deepEqual(await store.sql(roll.sql, roll.params), await store.sql(base.sql, base.params), JSON.stringify(q));
        assert.ok((await store.sql(base.sql, base.params)).length > 0, 'the query returns rows');
      }
    };
    await ingest(store, [writeSample(dir)]);
    await compare();
    await ingest(store, [writeSample(dir, 'v2.csv', 3)]);
    await compare();
    const [n] = await store.sql('SELECT count(DISTINCT source_id)::INT AS n FROM cost_daily');
    assert.equal(n?.n, 1, 'only the restated version is left in the rollup');
    const total = await store.query({ measures: ['billed'], groupBy: [] }, FULL_ACCESS);
    assert.deepEqual(total.rows, [{ BillingCurrency: 'USD', BilledCost: '116.25' }, { BillingCurrency: 'EUR', BilledCost: '9.00' }]);
  } finally {
    await store.close();
    cleanup();
  }
});

/**
 * The store contract: every Store implementation (DuckDB today, ClickHouse or
 * PostgreSQL later) must pass this suite. Answers are hand-computed from the
 * rows written here, never read back from the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FULL_ACCESS, type Store } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv } from './helpers.ts';

/** Six rows, three teams (one unallocated), two services, two days, two currencies. */
export function writeSample(dir: string, name = 'sample.csv', scale = 1): string {
  const m = (v: number) => (v * scale).toFixed(2);
  return writeCsv(join(dir, name), [...FOCUS_MIN_HEADER, 'x_GpuHours', 'x_InputTokens', 'x_Model'], [
    focusRow({ day: '2024-09-01', BilledCost: m(10), EffectiveCost: m(8), Tags: '{"team":"research","env":"prod"}', ServiceName: 'Amazon EC2', x_GpuHours: '8' }),
    focusRow({ day: '2024-09-01', BilledCost: m(5), EffectiveCost: m(5), Tags: '{"Team":"Search"}', ServiceName: 'Amazon S3' }),
    focusRow({ day: '2024-09-02', BilledCost: m(20), EffectiveCost: m(16), Tags: '{"team":" research "}', ServiceName: 'Amazon EC2', x_GpuHours: '16' }),
    focusRow({ day: '2024-09-02', BilledCost: m(1.5), EffectiveCost: m(1.5), Tags: null, ServiceName: 'Amazon S3' }),
    focusRow({ day: '2024-09-02', BilledCost: m(2.25), EffectiveCost: m(2.25), Tags: '{"team":"search"}', ServiceName: 'OpenAI API', ProviderName: 'OpenAI', x_InputTokens: '1000', x_Model: 'gpt-4o' }),
    focusRow({ day: '2024-09-02', BilledCost: m(3), EffectiveCost: m(3), BillingCurrency: 'EUR', Tags: '{"team":"research"}', ServiceName: 'Amazon EC2' }),
  ]);
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  const withLoaded = async (fn: (store: Store, dir: string) => Promise<void>) => {
    const { dir, cleanup } = tempDir();
    const store = await open();
    try {
      await ingest(store, [writeSample(dir)]);
      await fn(store, dir);
    } finally {
      await store.close();
      cleanup();
    }
  };

  test(`${name}: groups by team per currency, unallocated shown as null`, () => withLoaded(async (store) => {
    const r = await store.query({ measures: ['billed', 'effective'], groupBy: ['team'], orderBy: 'x_Team', order: 'asc' }, FULL_ACCESS);
    assert.deepEqual(r.columns, ['x_Team', 'BillingCurrency', 'BilledCost', 'EffectiveCost']);
    assert.deepEqual(r.rows.map((x) => [x.x_Team, x.BillingCurrency, x.BilledCost, x.EffectiveCost]), [
      ['research', 'EUR', '3.00', '3.00'],
      ['research', 'USD', '30.00', '24.00'],
      ['search', 'USD', '7.25', '7.25'],
      [null, 'USD', '1.50', '1.50'],
    ]);
  }));

  test(`${name}: day grain, filters, tag dimension and quantity measures`, () => withLoaded(async (store) => {
    const byDay = await store.query({ measures: ['billed'], groupBy: [], grain: 'day', filters: [{ dimension: 'currency', op: 'eq', values: ['USD'] }] }, FULL_ACCESS);
    assert.deepEqual(byDay.rows.map((x) => [x.ChargePeriodStart, x.BilledCost]), [['2024-09-01T00:00:00Z', '15.00'], ['2024-09-02T00:00:00Z', '23.75']]);
    const env = await store.query({ measures: ['billed'], groupBy: ['tag:env'], filters: [{ dimension: 'service', op: 'in', values: ['Amazon EC2'] }, { dimension: 'currency', op: 'eq', values: ['USD'] }] }, FULL_ACCESS);
    assert.deepEqual(env.rows.map((x) => [x['tag:env'], x.BilledCost]), [[null, '20.00'], ['prod', '10.00']]);
    const usage = await store.query({ measures: ['gpu_hours', 'tokens'], groupBy: ['model'], orderBy: 'x_Model', order: 'asc' }, FULL_ACCESS);
    assert.deepEqual(usage.rows.map((x) => [x.x_Model, x.x_GpuHours, x.x_Tokens]), [['gpt-4o', '0', '1000'], [null, '24.00', '0']]);
    const unalloc = await store.query({ measures: ['billed'], groupBy: [], filters: [{ dimension: 'team', op: 'is_null', values: [] }] }, FULL_ACCESS);
    assert.deepEqual(unalloc.rows.map((x) => x.BilledCost), ['1.50']);
    const notResearch = await store.query({ measures: ['rows'], groupBy: [], filters: [{ dimension: 'team', op: 'neq', values: ['research'] }] }, FULL_ACCESS);
    assert.equal(notResearch.rows[0]?.Rows, '3');
  }));

  test(`${name}: time range is half-open [from, to)`, () => withLoaded(async (store) => {
    const r = await store.query({ measures: ['rows'], groupBy: [], from: new Date('2024-09-01T00:00:00Z'), to: new Date('2024-09-02T00:00:00Z') }, FULL_ACCESS);
    assert.equal(r.rows[0]?.Rows, '2');
  }));

  test(`${name}: access scope is applied inside the query`, () => withLoaded(async (store) => {
    const r = await store.query({ measures: ['billed'], groupBy: ['team'] }, { teams: ['search'] });
    assert.deepEqual(r.rows.map((x) => [x.x_Team, x.BilledCost]), [['search', '7.25']]);
    const none = await store.query({ measures: ['billed'], groupBy: [] }, { teams: [] });
    assert.deepEqual(none.rows, []);
    assert.deepEqual(await store.dimensionValues('team', { teams: ['search'] }), ['search']);
    assert.deepEqual(await store.dimensionValues('team', FULL_ACCESS), ['research', 'search']);
  }));

  test(`${name}: the same file twice changes nothing; a restated month replaces the old one`, () => withLoaded(async (store, dir) => {
    const again = await ingest(store, [join(dir, 'sample.csv')]);
    assert.equal(again.files[0]?.status, 'unchanged');
    const v2 = writeSample(dir, 'sample-v2.csv', 2);
    const r = await ingest(store, [v2]);
    assert.equal(r.files[0]?.replacedRows, 6);
    const t = await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS);
    assert.deepEqual(t.rows.map((x) => [x.BillingCurrency, x.BilledCost, x.Rows]), [['USD', '77.50', '5'], ['EUR', '6.00', '1']]);
    const sources = await store.listSources();
    assert.deepEqual(sources.map((s) => [s.path.endsWith('sample.csv'), s.status, s.rows]), [[true, 'replaced', 0], [false, 'active', 6]]);
    // append mode keeps both versions side by side (parts of one delivery)
    const part = writeSample(dir, 'part-2.csv', 1);
    await ingest(store, [part], { mode: 'append' });
    const both = await store.query({ measures: ['rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(both.rows[0]?.Rows, '12');
  }));

  test(`${name}: sources report rows, periods and totals per currency`, () => withLoaded(async (store) => {
    const [s] = await store.listSources();
    assert.equal(s?.rows, 6);
    assert.deepEqual(s?.billingPeriods, ['2024-09']);
    assert.deepEqual(s?.providers, ['AWS', 'OpenAI']);
    assert.deepEqual(s?.totals, {
      EUR: { BilledCost: '3.00', EffectiveCost: '3.00', ListCost: '1.00' },
      USD: { BilledCost: '38.75', EffectiveCost: '32.75', ListCost: '5.00' },
    });
    assert.equal(s?.usage.x_GpuHours, '24.00');
    assert.equal(s?.usage.x_InputTokens, '1000');
  }));

  test(`${name}: the lake exported as Parquet loads back into an empty store with the same totals`, () => withLoaded(async (store, dir) => {
    const lake = join(dir, 'lake');
    const exp = await store.exportLake(lake, 'parquet', FULL_ACCESS);
    assert.equal(exp.rows, 6);
    const files = (readdirSync(lake, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet'));
    assert.deepEqual(files.map((f) => relative(lake, join(lake, f)).replace(/\/[^/]+$/, '')).sort(), ['provider=aws/month=2024-09', 'provider=openai/month=2024-09']);
    const before = await store.query({ measures: ['billed', 'effective', 'gpu_hours'], groupBy: ['team', 'provider'] }, FULL_ACCESS);
    const fresh = await open();
    try {
      await ingest(fresh, [lake]);
      const after = await fresh.query({ measures: ['billed', 'effective', 'gpu_hours'], groupBy: ['team', 'provider'] }, FULL_ACCESS);
      assert.deepEqual(after.rows, before.rows);
    } finally {
      await fresh.close();
    }
  }));
}

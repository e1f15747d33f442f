/**
 * Money and quantities stay exact from the store to every output: sums of
 * amounts a double cannot tell apart, fractions of a cent, credits that make
 * a group exactly zero, token counts above 2^53. Answers are worked out by
 * hand from the rows written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FULL_ACCESS, type Store } from '../src/store/index.ts';
import { DuckDBStore } from '../src/store/duckdb/store.ts';
import { ingest } from '../src/ingest/index.ts';
import { buildSummary } from '../src/cli/summary.ts';
import { FOCUS_MIN_HEADER, focusRow, runCli, tempDir, writeCsv } from './helpers.ts';

/** 2^53 + 1: the first integer a double cannot hold. */
const TOKENS = '9007199254740993';

function writeExactSample(dir: string): string {
  const money = (v: string) => ({ BilledCost: v, EffectiveCost: v, ListCost: v });
  return writeCsv(join(dir, 'exact.csv'), [...FOCUS_MIN_HEADER, 'x_InputTokens', 'x_Requests', 'x_GpuHours'], [
    focusRow({ ...money('0.1'), ResourceId: 'r-a', x_InputTokens: TOKENS }),
    focusRow({ ...money('0.2'), ResourceId: 'r-b', x_InputTokens: TOKENS, x_Requests: TOKENS }),
    focusRow({ ...money('0.000000000001'), ResourceId: 'r-c', x_GpuHours: '0.123456789012' }),
    // 2^53 cents and a cent more: as doubles both are 90071992547409.9375.
    focusRow({ ...money('90071992547409.93'), ResourceId: 'r-big', Tags: '{"team":"big"}' }),
    focusRow({ ...money('90071992547409.94'), ResourceId: 'r-bigger', Tags: '{"team":"bigger"}' }),
    focusRow({ ...money('5.00'), ResourceId: 'r-z', Tags: '{"team":"zero"}' }),
    focusRow({ ...money('-5.00'), ResourceId: 'r-z', ChargeCategory: 'Credit', Tags: '{"team":"zero"}' }),
    focusRow({ ...money('-2.50'), ResourceId: 'r-n', ChargeCategory: 'Credit', Tags: '{"team":"credit"}' }),
    focusRow({ ...money('1000'), BillingCurrency: 'JPY', BillingAccountId: 'acct-jp', ResourceId: 'r-j' }),
    focusRow({ ...money('12.345'), BillingCurrency: 'EUR', BillingAccountId: 'acct-eu', ResourceId: 'r-e' }),
  ]);
}

async function withExactStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: ':memory:' });
  try {
    await ingest(store, [writeExactSample(dir)]);
    await fn(store);
  } finally {
    await store.close();
    cleanup();
  }
}

test('sums are exact decimals per currency: 0.1 + 0.2 + 1e-12, a credit to exactly 0, a negative group', () => withExactStore(async (store) => {
  const r = await store.query({ measures: ['billed'], groupBy: ['team'], orderBy: 'x_Team', order: 'asc' }, FULL_ACCESS);
  assert.deepEqual(r.rows.map((x) => [x.x_Team, x.BillingCurrency, x.BilledCost]), [
    ['big', 'USD', '90071992547409.93'],
    ['bigger', 'USD', '90071992547409.94'],
    ['credit', 'USD', '-2.50'],
    ['research', 'EUR', '12.345'],
    ['research', 'JPY', '1000.00'],
    ['research', 'USD', '0.300000000001'],
    ['zero', 'USD', '0.00'],
  ]);
}));

test('token and request counts above 2^53 are summed exactly', () => withExactStore(async (store) => {
  const r = await store.query({ measures: ['tokens', 'input_tokens', 'requests'], groupBy: ['team'], filters: [{ dimension: 'team', op: 'eq', values: ['research'] }] }, FULL_ACCESS);
  // 2 × 9007199254740993 = 18014398509481986 (a double says …984).
  assert.deepEqual(r.rows, [{ x_Team: 'research', x_Tokens: '18014398509481986', x_InputTokens: '18014398509481986', x_Requests: TOKENS }]);
}));

test('ordering by a money measure compares the exact amounts, not doubles that tie', () => withExactStore(async (store) => {
  const big = [{ dimension: 'team', op: 'eq' as const, values: ['big', 'bigger'] }];
  // By team (the daily rollup answers) and by resource (the facts answer).
  for (const groupBy of [['team'], ['resource']]) {
    const desc = await store.query({ measures: ['billed'], groupBy, filters: big }, FULL_ACCESS);
    assert.deepEqual(desc.rows.map((x) => x.BilledCost), ['90071992547409.94', '90071992547409.93'], groupBy.join());
    const asc = await store.query({ measures: ['billed'], groupBy, filters: big, order: 'asc' }, FULL_ACCESS);
    assert.deepEqual(asc.rows.map((x) => x.BilledCost), ['90071992547409.93', '90071992547409.94'], groupBy.join());
    const top = await store.query({ measures: ['billed'], groupBy, filters: big, limit: 1 }, FULL_ACCESS);
    assert.deepEqual(top.rows.map((x) => x.BilledCost), ['90071992547409.94'], groupBy.join());
  }
}));

test('the CLI table shows each currency to its minor unit and the summary counts tokens above 2^53 exactly', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 's.duckdb');
    const csv = writeExactSample(dir);
    assert.equal(runCli(['ingest', '--store', store, csv]).status, 0);
    const table = runCli(['query', '--store', store, '-g', 'team', '-m', 'billed', '-f', 'team=research', '--order-by', 'BillingCurrency', '--order', 'asc']);
    assert.equal(table.status, 0, table.stderr);
    const cells = table.stdout.trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
    // EUR 12.345 half to even is 12.34; JPY has no minor unit: 1000, not 1000.00.
    assert.deepEqual(cells, [['research', 'EUR', '12.34'], ['research', 'JPY', '1000'], ['research', 'USD', '0.30']]);
    const summary = runCli(['summary', '--store', store, '--as-of', '2024-09-30']);
    assert.equal(summary.status, 0, summary.stderr);
    // 2 × 9007199254740993; through a Number it printed …984.
    assert.match(summary.stdout, /^Tokens, 2024-09: 18,014,398,509,481,986$/m);
    assert.match(summary.stdout, /^Unallocated \(no team\), 2024-09: 0 JPY of 1,000 JPY \(0\.0%\)$/m);
    // sources as CSV keeps every digit; the table rounds and groups.
    const sources = runCli(['sources', '--store', store, '--format', 'csv']);
    assert.equal(sources.status, 0, sources.stderr);
    // USD: 0.1 + 0.2 + 1e-12 + 90071992547409.93 + 90071992547409.94 + 5 − 5 − 2.5 = 180143985094817.670000000001
    assert.match(sources.stdout, /,12\.345 EUR; 1000\.00 JPY; 180143985094817\.670000000001 USD,/);
  } finally {
    cleanup();
  }
});

test('the summary gives no unallocated share of a total that credits took to 0; other currencies keep theirs', async () => {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: ':memory:' });
  try {
    const money = (v: string, currency: string) => ({ BilledCost: v, EffectiveCost: v, ListCost: v, BillingCurrency: currency, BillingAccountId: `acct-${currency}` });
    await ingest(store, [writeCsv(join(dir, 'credits.csv'), FOCUS_MIN_HEADER, [
      focusRow({ ...money('5', 'EUR'), Tags: null }),
      focusRow({ ...money('-5', 'EUR'), ChargeCategory: 'Credit', ResourceId: 'i-2' }),
      focusRow({ ...money('3', 'GBP'), Tags: null }),
      focusRow({ ...money('1', 'GBP'), ResourceId: 'i-2' }),
    ])]);
    const s = await buildSummary(store, FULL_ACCESS, new Date('2024-09-30T00:00:00Z'));
    // EUR: 5 unallocated of 5 − 5 = 0 (it said 0.0 %); GBP: 3 of 4 = 75.0 %.
    assert.deepEqual([...s.unallocated].sort((a, b) => a.currency.localeCompare(b.currency)), [
      { currency: 'EUR', cost: '5.00', total: '0.00', share: null },
      { currency: 'GBP', cost: '3.00', total: '4.00', share: '75.0' },
    ]);
  } finally {
    await store.close();
    cleanup();
  }
});

test('the lake exported as CSV and as Parquet loads back with every amount, token count and GPU-hour exact', async () => {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: ':memory:' });
  const rowsSql = `SELECT "ResourceId", "ChargeCategory", "BillingCurrency", "BilledCost"::VARCHAR AS b, "EffectiveCost"::VARCHAR AS e, "ListCost"::VARCHAR AS l,
      "x_InputTokens"::VARCHAR AS t, "x_Requests"::VARCHAR AS r, "x_GpuHours"::VARCHAR AS g FROM cost_records ORDER BY ALL`;
  const totalsSql = `SELECT "BillingCurrency" AS c, sum("BilledCost")::VARCHAR AS b, sum("x_InputTokens")::VARCHAR AS t FROM cost_records GROUP BY 1 ORDER BY 1`;
  try {
    await ingest(store, [writeExactSample(dir)]);
    const original = await store.sql(rowsSql);
    assert.equal(original.length, 10);
    assert.equal(original.find((r) => r.ResourceId === 'r-c')?.g, '0.123456789012');
    // By hand: USD 0.1 + 0.2 + 1e-12 + 90071992547409.93 + 90071992547409.94 + 5 − 5 − 2.5; tokens 2 × (2^53 + 1).
    assert.deepEqual(await store.sql(totalsSql), [
      { c: 'EUR', b: '12.345000000000', t: null },
      { c: 'JPY', b: '1000.000000000000', t: null },
      { c: 'USD', b: '180143985094817.670000000001', t: '18014398509481986' },
    ]);
    for (const format of ['csv', 'parquet'] as const) {
      const lake = join(dir, `lake-${format}`);
      await store.exportLake(lake, format, FULL_ACCESS);
      const back = await DuckDBStore.open({ path: ':memory:' });
      try {
        await ingest(back, [lake]);
        assert.deepEqual(await back.sql(rowsSql), original, format);
        assert.deepEqual(await back.sql(totalsSql), await store.sql(totalsSql), format);
      } finally {
        await back.close();
      }
    }
  } finally {
    await store.close();
    cleanup();
  }
});

test('the summary lists the top eight services of each currency: a yen service does not push a dollar one out', async () => {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: ':memory:' });
  try {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => focusRow({ BilledCost: `${n}`, EffectiveCost: `${n}`, ListCost: `${n}`, ServiceName: `svc-${n}`, ResourceId: `r-${n}` }));
    rows.push(focusRow({ BilledCost: '1000000', EffectiveCost: '1000000', ListCost: '1000000', BillingCurrency: 'JPY', BillingAccountId: 'acct-jp', ServiceName: 'svc-jp', ResourceId: 'r-jp' }));
    await ingest(store, [writeCsv(join(dir, 'services.csv'), FOCUS_MIN_HEADER, rows)]);
    const s = await buildSummary(store, FULL_ACCESS, new Date('2024-09-30T00:00:00Z'));
    // Eight dollar services (9 down to 2) and the yen one; svc-1 is the ninth dollar service. One limit of 8 kept only 7 dollar ones.
    assert.deepEqual(s.topServices.map((r) => [r.ServiceName, r.BillingCurrency]), [
      ['svc-jp', 'JPY'], ...[9, 8, 7, 6, 5, 4, 3, 2].map((n) => [`svc-${n}`, 'USD']),
    ]);
  } finally {
    await store.close();
    cleanup();
  }
});

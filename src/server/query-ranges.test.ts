/**
 * Dates, ranges and picks in query strings: a year the store cannot hold, a
 * `to` before `from`, a currency the series lacks and a month 13 are 400
 * problems naming the parameter on every route that takes them (they were a
 * 500 from the store, empty 200s, or a "not enough history" blamed on `from`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

const ROUTES = ['/api/v1/costs', '/api/v1/costs/export', '/api/v1/forecasts', '/api/v1/anomalies', '/api/v1/anomaly-incidents'];

async function problemOf(path: string): Promise<{ status: number; code: string; field: string | undefined; text: string }> {
  const res = await fx.call(path, fx.tokens.admin);
  const text = await res.text();
  const p = JSON.parse(text) as { code: string; details?: { field?: string } };
  return { status: res.status, code: p.code, field: p.details?.field, text };
}

test('a five-digit year is a 400 naming from or to, not a 500', async () => {
  for (const route of ROUTES) {
    for (const [query, field] of [['from=99999-01-01', 'from'], ['to=99999-01-01', 'to'], ['from=0000-06-01', 'from']] as const) {
      const p = await problemOf(`${route}?${query}`);
      assert.deepEqual([p.status, p.code, p.field], [400, 'INPUT_INVALID', field], `${route}?${query}: ${p.text}`);
    }
  }
});

test('to before from is a 400 naming to on every route with a range', async () => {
  for (const route of ROUTES) {
    const p = await problemOf(`${route}?from=2024-09-30&to=2024-09-01`);
    assert.deepEqual([p.status, p.code, p.field], [400, 'INPUT_INVALID', 'to'], `${route}: ${p.text}`);
  }
});

test('an empty range (from = to) and the widest four-digit range still answer', async () => {
  const empty = (await (await fx.call('/api/v1/costs?from=2024-09-19&to=2024-09-19', fx.tokens.admin)).json()) as { rows: unknown[] };
  assert.deepEqual(empty.rows, []);
  const wide = (await (await fx.call('/api/v1/costs?measure=billed&from=0001-01-01&to=9999-12-31', fx.tokens.admin)).json()) as { rows: Array<{ BilledCost: string }> };
  // 21.75 + 11111.10 + 55.55, every row of the fixture.
  assert.deepEqual(wide.rows.map((r) => r.BilledCost), ['11188.40']);
});

test('a currency the series does not have is a 400 naming currency, not "not enough history" on from', async () => {
  for (const route of ['/api/v1/forecasts', '/api/v1/anomalies']) {
    const p = await problemOf(`${route}?currency=EUR`);
    assert.deepEqual([p.status, p.code, p.field], [400, 'INPUT_INVALID', 'currency'], `${route}: ${p.text}`);
    assert.match(p.text, /USD/);
  }
  const ok = await fx.call('/api/v1/forecasts?currency=usd&horizon=1', fx.tokens.admin);
  assert.equal(ok.status, 200);
});

test('a billing period with month 13 is a 400 naming period, not an empty reconciliation', async () => {
  const p = await problemOf('/api/v1/reconcile?period=2024-13');
  assert.deepEqual([p.status, p.code, p.field], [400, 'INPUT_INVALID', 'period'], p.text);
  const fine = (await (await fx.call('/api/v1/reconcile?period=2024-09', fx.tokens.admin)).json()) as { lines: unknown[] };
  assert.ok(fine.lines.length > 0);
});

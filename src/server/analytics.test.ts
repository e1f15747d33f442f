/**
 * Forecasts and anomalies over HTTP: built from the caller's scoped series.
 * October: research spends 10/day with one 400 spike on the 20th; vision
 * spends 1000/day with a 50000 spike on the 27th.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingest } from '../ingest/index.ts';
import { FOCUS_MIN_HEADER, focusRow, writeCsv } from '../../test/helpers.ts';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
const OCT = { BillingPeriodStart: '2024-10-01T00:00:00Z', BillingPeriodEnd: '2024-11-01T00:00:00Z' };

before(async () => {
  fx = await serverFixture();
  const rows = [];
  for (let d = 1; d <= 31; d += 1) {
    const day = `2024-10-${String(d).padStart(2, '0')}`;
    rows.push(focusRow({ ...OCT, day, BilledCost: d === 20 ? '400' : '10', ResourceId: `r-${d}`, Tags: '{"team":"research"}' }));
    rows.push(focusRow({ ...OCT, day, BilledCost: d === 27 ? '50000' : '1000', ResourceId: `v-${d}`, Tags: '{"team":"vision"}' }));
  }
  await ingest(fx.store, [writeCsv(join(fx.dir, 'oct.csv'), FOCUS_MIN_HEADER, rows)]);
});
after(async () => { await fx.close(); });

test("a member's forecast is built from its own team's history only", async () => {
  const res = await fx.call('/api/v1/forecasts?from=2024-10-01&to=2024-11-01&horizon=7', fx.tokens['member-research']);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { history: Array<{ value: number }>; points: Array<{ value: number; lo95: number; hi95: number }>; currency: string };
  assert.equal(body.history.length, 31);
  assert.equal(body.history.reduce((s, p) => s + p.value, 0), 30 * 10 + 400);
  assert.equal(body.points.length, 7);
  assert.equal(body.currency, 'USD');
  for (const p of body.points) assert.ok(p.value < 200 && p.lo95 <= p.value && p.value <= p.hi95, JSON.stringify(p));
});

test("a member's anomalies are its own team's spike, not the other team's", async () => {
  const member = (await (await fx.call('/api/v1/anomalies?from=2024-10-01&to=2024-11-01', fx.tokens['member-research'])).json()) as { items: Array<{ timestamp: string; actual: number }> };
  assert.ok(member.items.some((a) => a.timestamp.startsWith('2024-10-20')), JSON.stringify(member.items));
  assert.ok(!member.items.some((a) => a.timestamp.startsWith('2024-10-27')));
  const finops = (await (await fx.call('/api/v1/anomalies?from=2024-10-01&to=2024-11-01', fx.tokens.finops)).json()) as { items: Array<{ timestamp: string }> };
  assert.ok(finops.items.some((a) => a.timestamp.startsWith('2024-10-27')), JSON.stringify(finops.items));
});

test('too little history is a 400, not a 500', async () => {
  const res = await fx.call('/api/v1/forecasts?from=2030-01-01', fx.tokens.admin);
  assert.equal(res.status, 400);
});

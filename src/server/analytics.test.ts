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
  const member = (await (await fx.call('/api/v1/anomalies?from=2024-10-01&to=2024-11-01', fx.tokens['member-research'])).json()) as { judged: number; items: Array<{ timestamp: string; actual: number }> };
  assert.equal(member.judged, 31 - 14); // October's days after the two-week warm-up
  assert.ok(member.items.some((a) => a.timestamp.startsWith('2024-10-20')), JSON.stringify(member.items));
  assert.ok(!member.items.some((a) => a.timestamp.startsWith('2024-10-27')));
  const finops = (await (await fx.call('/api/v1/anomalies?from=2024-10-01&to=2024-11-01', fx.tokens.finops)).json()) as { items: Array<{ timestamp: string }> };
  assert.ok(finops.items.some((a) => a.timestamp.startsWith('2024-10-27')), JSON.stringify(finops.items));
});

test('too little history is a 400, not a 500', async () => {
  const res = await fx.call('/api/v1/forecasts?from=2030-01-01', fx.tokens.admin);
  assert.equal(res.status, 400);
});

test('two days of history are a 400 naming from (a forecast needs three points), as one day is', async () => {
  const res = await fx.call('/api/v1/forecasts?from=2024-10-30&to=2024-11-01&horizon=3', fx.tokens.admin);
  assert.equal(res.status, 400);
  const p = (await res.json()) as { code: string; detail: string; details?: { field?: string } };
  assert.deepEqual([p.code, p.details?.field], ['INPUT_INVALID', 'from'], p.detail);
});

test('grain=week: the member sees its weekly totals (weeks from Monday) and a weekly forecast from the unfinished week on', async () => {
  const res = await fx.call('/api/v1/forecasts?from=2024-10-01&to=2024-11-01&grain=week&horizon=3', fx.tokens['member-research']);
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    grain: string; history: Array<{ timestamp: string; value: number }>; partialWeek: { timestamp: string; value: number } | null; points: Array<{ timestamp: string }>;
  };
  // Oct 1–6 (6 days × 10), 7–13 (70), 14–20 (6 × 10 + the 400 spike), 21–27 (70); the data end on
  // Thursday Oct 31, so the week of Oct 28 holds 4 × 10 so far: set apart, and forecast as a whole week.
  assert.deepEqual(body.history.map((p) => [p.timestamp.slice(0, 10), p.value]),
    [['2024-09-30', 60], ['2024-10-07', 70], ['2024-10-14', 460], ['2024-10-21', 70]]);
  assert.deepEqual(body.partialWeek, { timestamp: '2024-10-28T00:00:00.000Z', value: 40 });
  assert.equal(body.grain, 'weekly');
  assert.deepEqual(body.points.map((p) => p.timestamp.slice(0, 10)), ['2024-10-28', '2024-11-04', '2024-11-11']);
});

test('grain=hour: hourly history (a day without an hour of spend counts 0) and hourly points', async () => {
  const res = await fx.call('/api/v1/forecasts?from=2024-10-01&to=2024-11-01&grain=hour&horizon=5', fx.tokens['member-research']);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { history: Array<{ timestamp: string; value: number }>; points: Array<{ timestamp: string }> };
  // One row a day at 00:00 UTC: Oct 1 00:00 … Oct 31 00:00 is 30 × 24 + 1 hours, 31 of them with spend.
  assert.equal(body.history.length, 30 * 24 + 1);
  assert.equal(body.history.filter((p) => p.value !== 0).length, 31);
  assert.equal(body.history.reduce((s, p) => s + p.value, 0), 30 * 10 + 400);
  assert.deepEqual(body.points.map((p) => p.timestamp), ['2024-10-31T01:00:00.000Z', '2024-10-31T02:00:00.000Z', '2024-10-31T03:00:00.000Z', '2024-10-31T04:00:00.000Z', '2024-10-31T05:00:00.000Z']);
});

test('anomalies take day or hour: grain=week is a 400 naming the field', async () => {
  const res = await fx.call('/api/v1/anomalies?from=2024-10-01&to=2024-11-01&grain=week', fx.tokens.admin);
  assert.equal(res.status, 400);
  assert.match(await res.text(), /grain/);
  const hourly = await fx.call('/api/v1/anomalies?from=2024-10-01&to=2024-11-01&grain=hour', fx.tokens.finops);
  assert.equal(hourly.status, 200);
});

/** GET /api/v1/reconcile: the fixture organisation reconciles, by hand; members may not see it. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

interface Line { billingPeriod: string; currency: string; status: string; file: { BilledCost: string; rows: number }; allocated: { BilledCost: string }; unallocated: { BilledCost: string } }

test('finops: one ok line, file = stored = 11,188.40, allocated 11,132.85 (research + vision), unallocated 55.55', async () => {
  const res = await fx.call('/api/v1/reconcile', fx.tokens.finops);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { ok: boolean; failing: number; lines: Line[] };
  assert.equal(body.ok, true);
  assert.deepEqual(body.lines.map((l) => [l.billingPeriod, l.currency, l.status, l.file.rows, l.file.BilledCost, l.allocated.BilledCost, l.unallocated.BilledCost]),
    [['2024-09', 'USD', 'ok', 6, '11188.4', '11132.85', '55.55']]); // 10.50 + 4.25 + 7.00 + 9876.54 + 1234.56 (+ 55.55 unallocated)
  const none = (await (await fx.call('/api/v1/reconcile?period=2024-10', fx.tokens.admin)).json()) as { lines: Line[] };
  assert.deepEqual(none.lines, []);
});

test('a member is refused; a malformed period is a 400 naming the field', async () => {
  assert.equal((await fx.call('/api/v1/reconcile', fx.tokens['member-research'])).status, 403);
  const bad = await fx.call('/api/v1/reconcile?period=September', fx.tokens.admin);
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { details?: { field?: string } }).details?.field, 'period');
});

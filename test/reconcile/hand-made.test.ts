/**
 * Reconciliation on hand-made FOCUS files whose answers are stated here:
 * a clean load, quarantine (refused amount, unreadable amount), restatement
 * by a newer file, rows removed behind Outlay's back, and the allocated part.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv } from '../helpers.ts';
import { failing, reconcile } from '../../src/analytics/reconcile/index.ts';

type TestStore = Awaited<ReturnType<typeof openStore>>;

/** A fresh in-memory store and a temporary folder, both cleaned up after fn. */
async function withStore(fn: (store: TestStore, dir: string) => Promise<void>): Promise<void> {
  const tmp = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    await fn(store, tmp.dir);
  } finally {
    await store.close();
    tmp.cleanup();
  }
}

test('clean file: file = stored; allocated is the part with a team, the rest unallocated', () => withStore(async (store, dir) => {
  const f = writeCsv(join(dir, 'sept.csv'), FOCUS_MIN_HEADER, [
    focusRow({ BilledCost: '1.25', EffectiveCost: '1.00', Tags: '{"team":"research"}' }),
    focusRow({ BilledCost: '2.50', EffectiveCost: '2.00', Tags: '{}' }),
    focusRow({ BilledCost: '0.25', EffectiveCost: '0.25', Tags: '{"team":"infra"}', day: '2024-09-19' }),
  ]);
  await ingest(store, [f]);
  const [line, ...rest] = reconcile(await store.reconciliation());
  assert.equal(rest.length, 0);
  assert.equal(line?.billingPeriod, '2024-09');
  assert.equal(line?.currency, 'USD');
  assert.equal(line?.status, 'ok');
  assert.equal(Number(line?.file?.BilledCost), 4.0);
  assert.equal(Number(line?.stored.BilledCost), 4.0);
  assert.equal(Number(line?.difference?.BilledCost), 0);
  assert.equal(Number(line?.allocated.BilledCost), 1.5); // 1.25 research + 0.25 infra
  assert.equal(Number(line?.allocated.EffectiveCost), 1.25);
  assert.equal(Number(line?.unallocated.BilledCost), 2.5);
  assert.equal(line?.unallocated.rows, 1);
}));

test('quarantine: file total includes the refused rows, stored does not; the difference is the refused amount', () => withStore(async (store, dir) => {
  const f = writeCsv(join(dir, 'bad.csv'), FOCUS_MIN_HEADER, [
    focusRow({ BilledCost: '1.00', EffectiveCost: '1.00' }),
    focusRow({ BilledCost: '2.50', EffectiveCost: '2.40', ChargePeriodStart: 'yesterday' }), // bad date: amount readable
    focusRow({ BilledCost: 'lots', EffectiveCost: 'many' }), // bad amounts: unreadable
    focusRow({ BilledCost: '4.00', EffectiveCost: '3.00' }),
  ]);
  const report = await ingest(store, [f], { quarantine: true });
  assert.equal(report.files[0]?.rejected, 2);
  const lines = reconcile(await store.reconciliation());
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.equal(line?.status, 'rejected');
  assert.equal(line?.file?.rows, 4);
  assert.equal(line?.stored.rows, 2);
  assert.equal(Number(line?.stored.BilledCost), 5.0);
  assert.equal(Number(line?.file?.BilledCost), 7.5); // 1 + 2.5 + 4; "lots" cannot be read
  assert.equal(Number(line?.difference?.BilledCost), 2.5);
  assert.equal(Number(line?.difference?.EffectiveCost), 2.4);
  assert.equal(line?.rejected?.rows, 2);
  assert.equal(line?.rejected?.unreadableRows, 1);
  assert.deepEqual(failing(lines).map((l) => l.status), ['rejected']);
}));

test('restatement: the replaced version shows as restated (not failing), the new one ok; rows deleted behind Outlay\'s back are a mismatch', () => withStore(async (store, dir) => {
  const v1 = writeCsv(join(dir, 'v1.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '10' }), focusRow({ BilledCost: '5', day: '2024-09-20' })]);
  const v2 = writeCsv(join(dir, 'v2.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '12' })]);
  const oct = writeCsv(join(dir, 'oct.csv'), FOCUS_MIN_HEADER, [focusRow({
    BilledCost: '3', BillingPeriodStart: '2024-10-01T00:00:00Z', BillingPeriodEnd: '2024-11-01T00:00:00Z', day: '2024-10-02',
  })]);
  await ingest(store, [v1]);
  await ingest(store, [v2, oct]);
  const all = reconcile(await store.reconciliation(), { all: true });
  const by = Object.fromEntries(all.map((l) => [l.source.split('/').pop(), l]));
  assert.equal(by['v1.csv']?.status, 'restated');
  assert.equal(Number(by['v1.csv']?.file?.BilledCost), 15);
  assert.equal(Number(by['v1.csv']?.stored.BilledCost), 0);
  assert.equal(by['v2.csv']?.status, 'ok');
  assert.equal(failing(all).length, 0);
  assert.deepEqual(reconcile(await store.reconciliation()).map((l) => l.source.split('/').pop()).sort(), ['oct.csv', 'v2.csv'], 'fully replaced files only with all');

  await store.sql("DELETE FROM cost_records WHERE \"BilledCost\" = 3");
  const oct2 = reconcile(await store.reconciliation(), { period: '2024-10' });
  assert.equal(oct2.length, 1);
  assert.equal(oct2[0]?.status, 'mismatch');
  assert.equal(Number(oct2[0]?.difference?.BilledCost), 3);
}));

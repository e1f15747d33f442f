/**
 * Restatement by billing period, keyed by the instant and not by how a file
 * spells it: a re-issued September written '2024-09-01 00:00:00' (no zone)
 * or '2024-08-31T17:00:00-07:00' replaces exactly September of that account,
 * including a charge that runs from 30 September into October, and leaves
 * October (the same first file spanned both periods) and another account's
 * September alone. Totals by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FULL_ACCESS, type Store } from '../store/index.ts';
import { ingest } from './index.ts';
import { FOCUS_MIN_HEADER, focusRow, writeCsv } from '../../test/helpers.ts';
import { withStore } from '../../test/refusal.ts';

const byMonth = async (store: Store) => (await store.query({ measures: ['billed'], groupBy: ['BillingAccountId'], grain: 'month', orderBy: 'ChargePeriodStart' }, FULL_ACCESS))
  .rows.map((r) => [r.ChargePeriodStart?.slice(0, 7), r.BillingAccountId, r.BilledCost]).sort((a, b) => String(a).localeCompare(String(b)));

test('a re-issued month replaces that month of that account only, however its period start is written', () => withStore(async (store, dir) => {
  const first = writeCsv(join(dir, 'a.csv'), FOCUS_MIN_HEADER, [
    focusRow({ BilledCost: '10' }),
    focusRow({ ChargePeriodStart: '2024-09-30T23:00:00Z', ChargePeriodEnd: '2024-10-01T01:00:00Z', BilledCost: '20' }),
    focusRow({ day: '2024-10-02', BillingPeriodStart: '2024-10-01T00:00:00Z', BillingPeriodEnd: '2024-11-01T00:00:00Z', BilledCost: '40' }),
    focusRow({ BillingAccountId: 'other', BilledCost: '80' }),
  ]);
  await ingest(store, [first]);
  assert.deepEqual(await byMonth(store), [['2024-09', 'acct-1', '30.00'], ['2024-09', 'other', '80.00'], ['2024-10', 'acct-1', '40.00']]);
  const noZone = writeCsv(join(dir, 'b.csv'), FOCUS_MIN_HEADER, [focusRow({ BillingPeriodStart: '2024-09-01 00:00:00', BillingPeriodEnd: '2024-10-01', BilledCost: '1' })]);
  assert.deepEqual((await ingest(store, [noZone])).files.map((f) => f.replacedRows), [2]);
  assert.deepEqual(await byMonth(store), [['2024-09', 'acct-1', '1.00'], ['2024-09', 'other', '80.00'], ['2024-10', 'acct-1', '40.00']]);
  const pacific = writeCsv(join(dir, 'c.csv'), FOCUS_MIN_HEADER, [focusRow({ BillingPeriodStart: '2024-08-31T17:00:00-07:00', BillingPeriodEnd: '2024-10-01', BilledCost: '2' })]);
  assert.deepEqual((await ingest(store, [pacific])).files.map((f) => f.replacedRows), [1]);
  assert.deepEqual(await byMonth(store), [['2024-09', 'acct-1', '2.00'], ['2024-09', 'other', '80.00'], ['2024-10', 'acct-1', '40.00']]);
}));

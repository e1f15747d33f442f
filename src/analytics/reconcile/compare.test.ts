/** The verdicts of reconcileLine on figures stated here (no store). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MoneyFigures, SourceReconciliation } from '../../store/index.ts';
import { failing, reconcile, reconcileLine } from './compare.ts';

const money = (rows: number, billed: string): MoneyFigures => ({ rows, BilledCost: billed, EffectiveCost: billed, ListCost: '0' });

const base: SourceReconciliation = {
  sourceId: 's1', path: '/bills/a.csv', format: 'focus', sourceStatus: 'active', replacedBy: null, billingPeriod: '2026-10', currency: 'USD',
  loaded: money(3, '10.00'), rejected: null, stored: money(3, '10.000'), allocated: money(2, '7.5'),
};

test('equal figures: ok, unallocated = stored − allocated, amounts without trailing zeros', () => {
  const l = reconcileLine(base);
  assert.equal(l.status, 'ok');
  assert.deepEqual(l.unallocated, { rows: 1, BilledCost: '2.5', EffectiveCost: '2.5', ListCost: '0' });
  assert.deepEqual(l.difference, { rows: 0, BilledCost: '0', EffectiveCost: '0', ListCost: '0' });
});

test('more stored than loaded, without a restatement, is a mismatch too (negative difference)', () => {
  const l = reconcileLine({ ...base, stored: money(4, '12.25') });
  assert.equal(l.status, 'mismatch');
  assert.equal(l.difference?.BilledCost, '-2.25');
  assert.equal(l.difference?.rows, -1);
});

test('refused rows count in the file total; a restated file that also refused rows still fails', () => {
  const refused = { ...money(1, '-1.5'), unreadableRows: 0 }; // a refused credit lowers the file total
  const l = reconcileLine({ ...base, rejected: refused, replacedBy: 'd2', stored: money(0, '0'), allocated: money(0, '0') });
  assert.equal(l.status, 'rejected');
  assert.equal(l.file?.BilledCost, '8.5');
  assert.equal(l.file?.rows, 4);
});

test('unrecorded: no file figures, no difference, not failing; filters by source text and period; replaced files need all', () => {
  const lines = reconcile([
    { ...base, loaded: null },
    { ...base, sourceId: 's2', path: '/bills/b.csv', billingPeriod: '2026-09' },
    { ...base, sourceId: 's3', path: '/bills/c.csv', sourceStatus: 'replaced', replacedBy: 'd9', stored: money(0, '0'), allocated: money(0, '0') },
  ]);
  assert.deepEqual(lines.map((l) => [l.source, l.status]), [['/bills/a.csv', 'unrecorded'], ['/bills/b.csv', 'ok']]);
  assert.equal(lines[0]?.file, null);
  assert.equal(lines[0]?.difference, null);
  assert.equal(failing(lines).length, 0);
  assert.deepEqual(reconcile([{ ...base, path: '/bills/b.csv' }], { source: 'a.csv' }), []);
  assert.deepEqual(reconcile([base], { period: '2026-09' }), []);
  assert.equal(reconcile([{ ...base, sourceStatus: 'replaced', replacedBy: 'd9', stored: money(0, '0') }], { all: true })[0]?.status, 'restated');
});

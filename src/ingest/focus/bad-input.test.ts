/**
 * The ugly cases: every refused file names file, line and column, and nothing
 * from a refused delivery reaches the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { FULL_ACCESS, type Store } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { OutlayError } from '../../core/index.ts';
import { FOCUS_MIN_HEADER, focusRow, writeCsv } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

async function totalBilled(store: Store): Promise<Record<string, string>> {
  const r = await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS);
  return Object.fromEntries(r.rows.map((x) => [x.BillingCurrency ?? '', `${x.BilledCost}/${x.Rows}`]));
}

async function rejects(p: Promise<unknown>, code: string, details: Record<string, unknown>): Promise<OutlayError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof OutlayError, `expected OutlayError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const [k, v] of Object.entries(details)) assert.equal(e.details[k], v, `${k} in ${JSON.stringify(e.details)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

test('empty file is refused as empty', () => withStore(async (store, dir) => {
  const p = join(dir, 'empty.csv');
  writeFileSync(p, '');
  await rejects(ingest(store, [p]), 'INGEST_EMPTY_FILE', { file: p });
}));

test('header-only file loads zero rows', () => withStore(async (store, dir) => {
  const p = writeCsv(join(dir, 'header.csv'), FOCUS_MIN_HEADER, []);
  const r = await ingest(store, [p]);
  assert.equal(r.files[0]?.rows, 0);
  assert.deepEqual(await totalBilled(store), {});
}));

test('BOM, CRLF and quoted JSON tags are read', () => withStore(async (store, dir) => {
  const p = writeCsv(join(dir, 'bom.csv'), FOCUS_MIN_HEADER, [
    focusRow({ BilledCost: '2.50', Tags: '{"team": "Research ", "note": "a, \\"quoted\\" value"}' }),
    focusRow({ BilledCost: '-0.50', ChargeCategory: 'credit', Tags: null }),
  ], { bom: true, crlf: true });
  await ingest(store, [p]);
  const r = await store.query({ measures: ['billed'], groupBy: ['team', 'charge_category'], orderBy: 'BilledCost' }, FULL_ACCESS);
  assert.deepEqual(r.rows.map((x) => [x.x_Team, x.ChargeCategory, x.BilledCost]), [['research', 'Usage', '2.50'], [null, 'Credit', '-0.50']]);
}));

test('a wrong type names line and column, and nothing is stored', () => withStore(async (store, dir) => {
  const good = writeCsv(join(dir, 'a-good.csv'), FOCUS_MIN_HEADER, [focusRow({ BillingAccountId: 'other' })]);
  const bad = writeCsv(join(dir, 'b-bad.csv'), FOCUS_MIN_HEADER, [focusRow(), focusRow(), focusRow({ EffectiveCost: 'twelve' })]);
  const e = await rejects(ingest(store, [good, bad]), 'INGEST_BAD_ROW', { file: bad, line: 4, field: 'EffectiveCost', value: 'twelve' });
  assert.match(e.message, /line 4, column EffectiveCost: not a number/);
  assert.deepEqual(await totalBilled(store), {}, 'the good file of the same delivery is not stored either');
}));

test('quarantine loads good rows and returns bad ones with reasons', () => withStore(async (store, dir) => {
  const p = writeCsv(join(dir, 'q.csv'), FOCUS_MIN_HEADER, [
    focusRow({ BilledCost: '1.25' }),
    focusRow({ ChargePeriodStart: 'yesterday' }),
    focusRow({ BillingCurrency: 'dollars' }),
    focusRow({ BilledCost: '' }),
    focusRow({ ChargeCategory: 'Discount' }),
    focusRow({ Tags: '{"team": ' }),
    focusRow({ ChargePeriodStart: '2024-09-19T00:00:00Z', ChargePeriodEnd: '2024-09-18T00:00:00Z' }),
    focusRow({ BilledCost: '3.75' }),
  ]);
  const r = await ingest(store, [p], { quarantine: true });
  assert.deepEqual(r.rejectedRows.map((x) => [x.line, x.field]), [
    [3, 'ChargePeriodStart'], [4, 'BillingCurrency'], [5, 'BilledCost'], [6, 'ChargeCategory'], [7, 'Tags'], [8, 'ChargePeriodEnd'],
  ]);
  assert.deepEqual(await totalBilled(store), { USD: '5.00/2' });
}));

test('missing mandatory column is refused at line 1', () => withStore(async (store, dir) => {
  const header = FOCUS_MIN_HEADER.filter((h) => h !== 'BillingCurrency');
  const p = writeCsv(join(dir, 'nocur.csv'), header, [focusRow()]);
  await rejects(ingest(store, [p]), 'INGEST_MISSING_COLUMN', { file: p, line: 1, field: 'BillingCurrency' });
}));

test('unknown columns are ignored with a note; mixed currencies stay apart; negative credits subtract', () => withStore(async (store, dir) => {
  const header = [...FOCUS_MIN_HEADER, 'x_vendor_field', 'Id'];
  const p = writeCsv(join(dir, 'mixed.csv'), header, [
    focusRow({ BilledCost: '10.10', x_vendor_field: 'x' }),
    focusRow({ BilledCost: '-1.10', ChargeCategory: 'Credit' }),
    focusRow({ BilledCost: '7.00', BillingCurrency: 'EUR' }),
    focusRow({ BilledCost: '9.984E-7', BillingCurrency: 'EUR' }),
  ]);
  const r = await ingest(store, [p]);
  assert.match(r.notes[0]?.warnings[0] ?? '', /x_vendor_field, Id/);
  assert.deepEqual(await totalBilled(store), { EUR: '7.0000009984/2', USD: '9.00/2' });
}));

test('gzip CSV loads; a truncated gzip is refused and stores nothing', () => withStore(async (store, dir) => {
  const plain = writeCsv(join(dir, 'x.csv'), FOCUS_MIN_HEADER, Array.from({ length: 2000 }, (_, i) => focusRow({ ResourceId: `i-${i}`, BilledCost: '0.01' })));
  const { readFileSync } = await import('node:fs');
  const gz = gzipSync(readFileSync(plain));
  const good = join(dir, 'good.csv.gz');
  writeFileSync(good, gz);
  const truncated = join(dir, 'cut.csv.gz');
  writeFileSync(truncated, gz.subarray(0, Math.floor(gz.length / 2)));
  const e = await rejects(ingest(store, [truncated]), 'INGEST_IO', { file: truncated, field: '(gzip)' });
  assert.match(e.message, /truncated/);
  assert.ok(Number(e.details.line) > 2 && Number(e.details.line) < 2002, `line ${String(e.details.line)} is inside the file`);
  assert.deepEqual(await totalBilled(store), {});
  await ingest(store, [good]);
  assert.deepEqual(await totalBilled(store), { USD: '20.00/2000' });
}));

test('a row with too many cells is refused with the reader\'s line', () => withStore(async (store, dir) => {
  const p = join(dir, 'ragged.csv');
  writeCsv(p, FOCUS_MIN_HEADER, [focusRow(), focusRow()]);
  const { appendFileSync } = await import('node:fs');
  appendFileSync(p, 'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r\n');
  const e = await rejects(ingest(store, [p]), 'INGEST_BAD_ROW', { file: p });
  assert.match(e.message, /line 4|Line: 4/i);
  assert.deepEqual(await totalBilled(store), {});
}));

test('a file that is not FOCUS is named as an unknown format', () => withStore(async (store, dir) => {
  const p = join(dir, 'other.csv');
  writeFileSync(p, 'date,amount\n2024-01-01,3\n');
  await rejects(ingest(store, [p]), 'INGEST_UNKNOWN_FORMAT', { file: p });
}));

test('walking a folder skips files no connector reads; naming one is an error', () => withStore(async (store, dir) => {
  const p = writeCsv(join(dir, 'a.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '2.00' })]);
  const other = join(dir, 'totals.json');
  writeFileSync(other, '{"rows": 1}');
  const r = await ingest(store, [dir]);
  assert.deepEqual(r.files.map((f) => [f.path, f.status]), [[p, 'loaded']]);
  assert.deepEqual(r.notes.find((n) => n.path === other)?.warnings, ['not a format Outlay reads; skipped']);
  await rejects(ingest(store, [other]), 'INGEST_UNKNOWN_FORMAT', { file: other });
}));

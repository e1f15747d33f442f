/**
 * FOCUS refusals against a store that already holds a delivery: each names
 * the file, the line and the column, and leaves the store exactly as it was
 * (sources and totals compared before and after).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isOutlayError } from '../../core/index.ts';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { FOCUS_MIN_HEADER, focusRow, writeCsv } from '../../../test/helpers.ts';
import { expectRefusal, storeSnapshot, withSeededStore } from '../../../test/refusal.ts';

test('an empty file and a file holding only a BOM are refused as empty; the store is unchanged', () => withSeededStore(async (store, dir) => {
  for (const [name, body] of [['empty.csv', ''], ['bom-only.csv', '\uFEFF'], ['empty.json', '']] as const) {
    const p = join(dir, name);
    writeFileSync(p, body);
    const before = await storeSnapshot(store);
    const err = await ingest(store, [p]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err), name);
    assert.equal(err.code, 'INGEST_EMPTY_FILE', name);
    assert.equal(err.details.file, p);
    assert.ok(err.message.startsWith(p), err.message);
    assert.deepEqual(await storeSnapshot(store), before, name);
  }
}));

test('broken JSON in the Tags cell is refused naming line and column, without --quarantine', () => withSeededStore(async (store, dir) => {
  const p = writeCsv(join(dir, 'tags.csv'), FOCUS_MIN_HEADER, [focusRow(), focusRow(), focusRow({ Tags: '{"team": "a", ' })], { bom: true });
  await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 4, field: 'Tags' });
  const arr = writeCsv(join(dir, 'tags-array.csv'), FOCUS_MIN_HEADER, [focusRow({ Tags: '["team","a"]' })]);
  await expectRefusal(store, [arr], { code: 'INGEST_BAD_ROW', file: arr, line: 2, field: 'Tags' });
}));

test('a FOCUS CSV without BilledCost or ChargePeriodStart is recognised and refused naming the column', () => withSeededStore(async (store, dir) => {
  const noCost = writeCsv(join(dir, 'no-billed.csv'), FOCUS_MIN_HEADER.filter((h) => h !== 'BilledCost'), [focusRow()]);
  await expectRefusal(store, [noCost], { code: 'INGEST_MISSING_COLUMN', file: noCost, line: 1, field: 'BilledCost' });
  const noStart = writeCsv(join(dir, 'no-start.csv'), FOCUS_MIN_HEADER.filter((h) => h !== 'ChargePeriodStart' && h !== 'ListCost'), [focusRow()]);
  await expectRefusal(store, [noStart], { code: 'INGEST_MISSING_COLUMN', file: noStart, line: 1, field: 'ChargePeriodStart' });
}));

test('a FOCUS Parquet file with a missing column, or a cost column of text, is refused; the good file beside it is not stored', () => withSeededStore(async (store, dir) => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const cols = `'acct' AS BillingAccountId, TIMESTAMP '2024-09-01' AS BillingPeriodStart, TIMESTAMP '2024-10-01' AS BillingPeriodEnd,
      TIMESTAMP '2024-09-02' AS ChargePeriodStart, TIMESTAMP '2024-09-03' AS ChargePeriodEnd, 'Usage' AS ChargeCategory, 1.5 AS EffectiveCost,
      'USD' AS BillingCurrency, 'AWS' AS ProviderName, 'Amazon EC2' AS ServiceName`;
    const missing = join(dir, 'missing.parquet');
    await conn.run(`COPY (SELECT ${cols}) TO '${missing}' (FORMAT parquet)`);
    await expectRefusal(store, [missing], { code: 'INGEST_MISSING_COLUMN', file: missing, line: 1, field: 'BilledCost' });
    const good = join(dir, 'a-good.parquet');
    await conn.run(`COPY (SELECT ${cols}, 1.5 AS BilledCost) TO '${good}' (FORMAT parquet)`);
    const text = join(dir, 'b-text.parquet');
    await conn.run(`COPY (SELECT ${cols}, v AS BilledCost FROM (VALUES ('1.5'), ('n/a')) t(v)) TO '${text}' (FORMAT parquet)`);
    await expectRefusal(store, [good, text], { code: 'INGEST_BAD_ROW', file: text, line: 2, field: 'BilledCost' });
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}));

test('clock skew: a charge period that ends before it starts is refused; offsets are read as instants', () => withSeededStore(async (store, dir) => {
  // 10:00+02:00 is 08:00Z, so an end of 09:00Z is after the start even though it reads earlier
  const ok = writeCsv(join(dir, 'offsets.csv'), FOCUS_MIN_HEADER, [focusRow({ ChargePeriodStart: '2024-09-18T10:00:00+02:00', ChargePeriodEnd: '2024-09-18T09:00:00Z', BilledCost: '2.00' })]);
  const skewed = writeCsv(join(dir, 'skewed.csv'), FOCUS_MIN_HEADER, [
    focusRow(), focusRow({ ChargePeriodStart: '2024-09-18T10:00:00-02:00', ChargePeriodEnd: '2024-09-18T11:00:00Z' }),
  ]);
  await expectRefusal(store, [ok, skewed], { code: 'INGEST_BAD_ROW', file: skewed, line: 3, field: 'ChargePeriodEnd' });
  await ingest(store, [ok]);
  const rows = await store.query({ measures: ['billed'], groupBy: ['account'], grain: 'hour', filters: [{ dimension: 'account', op: 'eq', values: ['acct-1'] }] }, FULL_ACCESS);
  assert.deepEqual(rows.rows.map((r) => [r.ChargePeriodStart, r.BilledCost]), [['2024-09-18T08:00:00Z', '2.00']]);
}));

test('timestamps in the spellings exports use all mean the same instant; text that is no date is refused', () => withSeededStore(async (store, dir) => {
  // 08:00 UTC written five ways: Z, ' UTC', +00, minute precision with Z, and New York's zone name (EDT, UTC−4, in September)
  const spellings = ['2024-09-18T08:00:00Z', '2024-09-18 08:00:00 UTC', '2024-09-18 08:00:00+00', '2024-09-18T08:00Z', '2024-09-18 04:00:00 America/New_York'];
  const file = writeCsv(join(dir, 'spellings.csv'), FOCUS_MIN_HEADER,
    spellings.map((s) => focusRow({ ChargePeriodStart: s, ChargePeriodEnd: '2024-09-18T09:00:00Z', BilledCost: '1.00' })));
  await ingest(store, [file]);
  const rows = await store.query({ measures: ['billed'], groupBy: ['account'], grain: 'hour', filters: [{ dimension: 'account', op: 'eq', values: ['acct-1'] }] }, FULL_ACCESS);
  assert.deepEqual(rows.rows.map((r) => [r.ChargePeriodStart, r.BilledCost]), [['2024-09-18T08:00:00Z', '5.00']]);
  const bad = writeCsv(join(dir, 'bad-date.csv'), FOCUS_MIN_HEADER, [focusRow(), focusRow({ ChargePeriodStart: '18th of September' })]);
  await expectRefusal(store, [bad], { code: 'INGEST_BAD_ROW', file: bad, line: 3, field: 'ChargePeriodStart' });
}));

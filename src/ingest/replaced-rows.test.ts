/**
 * A restating delivery of several files reports, per file, the rows of
 * earlier deliveries that file replaced: September's file its September rows,
 * October's its October rows; two parts of one month count the old rows once,
 * for the first part.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FULL_ACCESS, openStore } from '../store/index.ts';
import { ingest } from './index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv } from '../../test/helpers.ts';

const month = (m: '09' | '10', n: number, resource: string) => Array.from({ length: n }, (_, i) => focusRow({
  BillingPeriodStart: `2024-${m}-01T00:00:00Z`, BillingPeriodEnd: m === '09' ? '2024-10-01T00:00:00Z' : '2024-11-01T00:00:00Z',
  day: `2024-${m}-${String(1 + i).padStart(2, '0')}`, ResourceId: `${resource}-${i}`,
}));

test('replaced rows are counted per file of the restating delivery, and once', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    // first delivery: 3 September rows and 2 October rows
    await ingest(store, [writeCsv(join(t.dir, 'v1-sep.csv'), FOCUS_MIN_HEADER, month('09', 3, 'a')), writeCsv(join(t.dir, 'v1-oct.csv'), FOCUS_MIN_HEADER, month('10', 2, 'a'))]);
    // restatement of both months in one delivery
    const r = await ingest(store, [writeCsv(join(t.dir, 'v2-sep.csv'), FOCUS_MIN_HEADER, month('09', 1, 'b')), writeCsv(join(t.dir, 'v2-oct.csv'), FOCUS_MIN_HEADER, month('10', 1, 'b'))]);
    assert.deepEqual(r.files.map((f) => [f.path.slice(-10), f.replacedRows]).sort(), [['v2-oct.csv', 2], ['v2-sep.csv', 3]]);
    // two parts of September (loaded together, in name order) replace the one September row once, for the first part
    const parts = await ingest(store, [writeCsv(join(t.dir, 'v3-sep-1.csv'), FOCUS_MIN_HEADER, month('09', 2, 'c')), writeCsv(join(t.dir, 'v3-sep-2.csv'), FOCUS_MIN_HEADER, month('09', 2, 'd'))]);
    assert.deepEqual(parts.files.map((f) => f.replacedRows), [1, 0]);
    const rows = await store.query({ measures: ['rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(rows.rows[0]?.Rows, '5'); // 4 September rows from the parts + 1 October row
  } finally {
    await store.close();
    t.cleanup();
  }
});

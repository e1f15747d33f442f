/**
 * A file whose rows a newer file replaced is not loaded again: re-ingesting
 * a folder that holds both versions of a month must leave the newer version,
 * run after run (it used to flip between them on every run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS, openStore } from '../store/index.ts';
import { ingest } from './index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv } from '../../test/helpers.ts';

test('re-ingesting a folder with an old and a newer export of a month keeps the newer one every time', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore({ path: ':memory:' });
  const billed = async () => (await store.query({ measures: ['billed', 'rows'], groupBy: [] }, FULL_ACCESS)).rows;
  try {
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    const v1 = writeCsv(join(folder, 'sep-v1.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '1.00' }), focusRow({ day: '2024-09-19', BilledCost: '1.00' })]);
    await ingest(store, [folder]);
    writeCsv(join(folder, 'sep-v2.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '2.00' }), focusRow({ day: '2024-09-19', BilledCost: '2.50' })]);
    const second = await ingest(store, [folder]);
    assert.deepEqual(second.files.map((f) => [f.path.slice(folder.length + 1), f.status, f.replacedRows]), [['sep-v1.csv', 'unchanged', 0], ['sep-v2.csv', 'loaded', 2]]);
    assert.deepEqual(await billed(), [{ BillingCurrency: 'USD', BilledCost: '4.50', Rows: '2' }]);
    for (const run of [3, 4]) {
      const again = await ingest(store, [folder]);
      assert.deepEqual(again.files.map((f) => [f.path.slice(folder.length + 1), f.status]), [['sep-v1.csv', 'superseded'], ['sep-v2.csv', 'unchanged']], `run ${run}`);
      assert.deepEqual(await billed(), [{ BillingCurrency: 'USD', BilledCost: '4.50', Rows: '2' }], `run ${run}: September is still v2`);
    }
    const alone = await ingest(store, [v1]);
    assert.equal(alone.files[0]?.status, 'superseded');
    assert.match(alone.notes[0]?.warnings.join(' ') ?? '', /newer file has since replaced/);
    assert.deepEqual(await billed(), [{ BillingCurrency: 'USD', BilledCost: '4.50', Rows: '2' }]);
  } finally {
    await store.close();
    cleanup();
  }
});

test('an old export never seen before still restates a newer one, and --reload goes back to the newer one', async () => {
  const { dir, cleanup } = tempDir();
  const store = await openStore({ path: ':memory:' });
  const billed = async () => (await store.query({ measures: ['billed'], groupBy: [] }, FULL_ACCESS)).rows[0]?.BilledCost;
  try {
    const v2 = writeCsv(join(dir, 'sep-v2.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '2.00' })]);
    const v1 = writeCsv(join(dir, 'sep-v1.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '1.00' })]);
    await ingest(store, [v2]);
    await ingest(store, [v1]);
    assert.equal(await billed(), '1.00', 'the store cannot know v1 is older: the later ingest wins');
    assert.equal((await ingest(store, [v2])).files[0]?.status, 'superseded');
    assert.equal(await billed(), '1.00');
    const back = await ingest(store, [v2], { reload: true });
    assert.deepEqual(back.files.map((f) => [f.status, f.replacedRows]), [['loaded', 1]]);
    assert.equal(await billed(), '2.00');
  } finally {
    await store.close();
    cleanup();
  }
});

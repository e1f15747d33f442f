/**
 * Records DuckDB's CSV reader itself refuses (a wrong number of cells, an
 * unterminated quote) are reported with the file's line, in plain words, and
 * nothing from the delivery is stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';

const HEADER = 'BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,ServiceName';
const GOOD = 'a,2026-03-01,2026-04-01,2026-03-01,2026-03-02,Usage,1,1,1,USD,AWS,EC2';

async function refusal(body: string): Promise<{ line?: number; field?: string; message: string; sources: number }> {
  const t = tempDir();
  try {
    const path = join(t.dir, 'bill.csv');
    writeFileSync(path, `${HEADER}\n${body}`);
    const store = await openStore({ path: ':memory:' });
    const err = await ingest(store, [path]).then(() => undefined, (e: unknown) => e);
    const sources = (await store.listSources()).length;
    await store.close();
    assert.ok(isOutlayError(err), `expected a refusal, got ${String(err)}`);
    assert.equal(err.code, 'INGEST_BAD_ROW');
    return { line: err.details.line, field: err.details.field, message: err.message, sources };
  } finally {
    t.cleanup();
  }
}

test('a record with one cell too many: its line, the cell counts, nothing stored', async () => {
  const r = await refusal(`${GOOD}\n${GOOD}\n${GOOD},extra\n`);
  assert.equal(r.line, 4);
  assert.equal(r.field, '(row)');
  assert.match(r.message, /bill\.csv, line 4: cannot read: 13 cells where the header has 12$/);
  assert.equal(r.sources, 0);
});

test('an unterminated quote: its line, without the reader options DuckDB suggests', async () => {
  const r = await refusal(`${GOOD}\n${GOOD.replace(',EC2', ',"EC2')}\n`);
  assert.equal(r.line, 3);
  assert.match(r.message, /unterminated quote/);
  assert.doesNotMatch(r.message, /strict_mode|Possible fixes/);
  assert.equal(r.sources, 0);
});

test('in quarantine mode a file the reader refuses is the same clear error, and the store still loads the next file', async () => {
  const t = tempDir();
  try {
    const bad = join(t.dir, 'bad.csv');
    const good = join(t.dir, 'good.csv');
    writeFileSync(bad, `${HEADER}\n${GOOD}\n${GOOD.replace(',EC2', ',"EC2')}\n`);
    writeFileSync(good, `${HEADER}\n${GOOD}\n${GOOD}\n`);
    const store = await openStore({ path: ':memory:' });
    try {
      const err = await ingest(store, [bad], { quarantine: true }).then(() => undefined, (e: unknown) => e);
      assert.ok(isOutlayError(err), `expected a refusal, got ${String(err)}`);
      assert.equal(err.code, 'INGEST_BAD_ROW');
      assert.equal(err.details.line, 3);
      assert.match(err.message, /unterminated quote/);
      assert.equal((await store.listSources()).length, 0);
      // Before the fix the failed read left the connection in an aborted transaction and this load failed too.
      const r = await ingest(store, [good]);
      assert.equal(r.files[0]?.rows, 2);
      assert.equal((await store.listSources()).length, 1);
    } finally {
      await store.close();
    }
  } finally {
    t.cleanup();
  }
});

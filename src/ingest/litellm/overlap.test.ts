/**
 * Spend-log exports that overlap in time ("the last 7 days", pulled every
 * day): each request (request_id) is stored once, the requests of a day the
 * later export covers only in part are kept, a restated export replaces its
 * own rows, and an older store learns the ids of the rows it already holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '../../../test/helpers.ts';
import { exactSum, storedRows } from '../../../test/usage-helpers.ts';
import { openStore, type Store } from '../../store/index.ts';
import { ingest } from '../index.ts';

const log = (id: string, at: string, prompt: number, spend: string) => ({
  request_id: id, call_type: 'acompletion', api_key: 'hashed', model: 'gpt-4o', custom_llm_provider: 'openai',
  startTime: at, endTime: at.replace(/00Z$/, '02Z'), prompt_tokens: prompt, completion_tokens: prompt / 10, total_tokens: prompt * 1.1, spend: Number(spend),
});
// r1 lies on 1 August before B's window starts; r2 and r3 are in both exports
const r1 = log('req-1', '2026-08-01T08:00:00Z', 100, '0.01');
const r2 = log('req-2', '2026-08-01T20:00:00Z', 200, '0.02');
const r3 = log('req-3', '2026-08-02T09:00:00Z', 400, '0.04');
const r4 = log('req-4', '2026-08-02T15:00:00Z', 800, '0.08');

async function totals(store: Store): Promise<[string, string, string]> {
  const rows = await storedRows(store);
  return [exactSum(rows.map((r) => r.BilledCost)), exactSum(rows.map((r) => r.x_InputTokens)), exactSum(rows.map((r) => r.x_Requests))];
}

test('two overlapping spend-log exports: each request once, the skipped ones counted in the report', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const a = join(t.dir, 'spend-0801.json');
    const b = join(t.dir, 'spend-0802.json');
    writeFileSync(a, JSON.stringify([r1, r2, r3]));
    writeFileSync(b, JSON.stringify([r2, r3, r4]));
    await ingest(store, [a]);
    const rb = await ingest(store, [b]);
    assert.deepEqual(rb.files.map((f) => [f.status, f.rows, f.skippedRows, f.replacedRows]), [['loaded', 1, 2, 0]]);
    assert.match(rb.notes[0]?.warnings.join('\n') ?? '', /^2 record\(s\) already stored from another file/m);
    assert.equal(rb.rejectedRows.length, 0);
    // spend 0.01 + 0.02 + 0.04 + 0.08; prompt 100 + 200 + 400 + 800; four requests
    assert.deepEqual(await totals(store), ['0.15', '1500', '4']);
    // the same file again stays a no-op
    const same = await ingest(store, [b]);
    assert.equal(same.files[0]?.status, 'unchanged');
    assert.deepEqual(await totals(store), ['0.15', '1500', '4']);
  } finally {
    await store.close();
    t.cleanup();
  }
});

test('a restated export (same file name) replaces its own rows; a request it holds is not "already stored"', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const a = join(t.dir, 'spend.json');
    writeFileSync(a, JSON.stringify([r1, r2]));
    await ingest(store, [a]);
    // the export run again: req-2's spend corrected, req-3 added
    writeFileSync(a, JSON.stringify([r1, { ...r2, spend: 0.025 }, r3]));
    const r = await ingest(store, [a]);
    assert.deepEqual(r.files.map((f) => [f.rows, f.skippedRows, f.replacedRows]), [[3, 0, 2]]);
    // 0.01 + 0.025 + 0.04; 100 + 200 + 400
    assert.deepEqual(await totals(store), ['0.075', '700', '3']);
  } finally {
    await store.close();
    t.cleanup();
  }
});

test('a store from before x_UsageId gets the request ids of the spend-log rows it holds', async () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'outlay.duckdb');
    const a = join(t.dir, 'spend-0801.json');
    const b = join(t.dir, 'spend-0802.json');
    writeFileSync(a, JSON.stringify([r1, r2, r3]));
    writeFileSync(b, JSON.stringify([r2, r3, r4]));
    const first = await openStore({ path });
    await ingest(first, [a]);
    await first.close();
    // as an Outlay before migration 3 left it: no column, no record of the migration
    const inst = await DuckDBInstance.create(path);
    const conn = await inst.connect();
    await conn.run('ALTER TABLE cost_records DROP COLUMN "x_UsageId"');
    await conn.run('DELETE FROM schema_migrations WHERE version = 3');
    conn.closeSync();
    inst.closeSync();
    const store = await openStore({ path });
    try {
      const rb = await ingest(store, [b]);
      assert.deepEqual(rb.files.map((f) => [basename(f.path), f.rows, f.skippedRows]), [['spend-0802.json', 1, 2]]);
      assert.deepEqual(await totals(store), ['0.15', '1500', '4']);
    } finally {
      await store.close();
    }
  } finally {
    t.cleanup();
  }
});

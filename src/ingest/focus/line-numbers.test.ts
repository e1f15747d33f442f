/**
 * x_SourceLine on a file big enough for DuckDB to read it on several threads
 * (hundreds of MB: a long description pads each row, so the reader splits
 * it between threads). Every row's line must be the line it came from, in
 * every file of a delivery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../index.ts';
import { openStore } from '../../store/index.ts';
import { tempDir } from '../../../test/helpers.ts';

const HEADER = 'BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,ServiceName,ResourceId,Tags,ChargeDescription';
const PAD = 'x'.repeat(1500);

/** A FOCUS file whose line N carries BilledCost N and ResourceId "r<N>". */
async function numberedFile(path: string, rows: number, account: string): Promise<void> {
  const w = createWriteStream(path);
  w.write(`${HEADER}\n`);
  for (let line = 2; line <= rows + 1; line++) {
    const day = String(1 + (line % 28)).padStart(2, '0');
    const ok = w.write(`${account},2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,2026-03-${day}T00:00:00Z,2026-03-${day}T01:00:00Z,Usage,${line},${line},${line},USD,AWS,Amazon EC2,r${line},"{""team"":""t${line % 7}""}",${PAD}\n`);
    if (!ok) await once(w, 'drain');
  }
  w.end();
  await once(w, 'finish');
}

test('a large multi-file load: x_SourceLine is each row\'s own line, across the files of one delivery', async () => {
  const t = tempDir();
  try {
    const a = join(t.dir, 'a.csv');
    const b = join(t.dir, 'b.csv');
    await numberedFile(a, 150_000, 'acct-a');
    await numberedFile(b, 60_000, 'acct-b');
    const db = join(t.dir, 'store.duckdb');
    const store = await openStore({ path: db });
    await ingest(store, [a, b]);
    await store.close();
    const inst = await DuckDBInstance.create(db);
    const conn = await inst.connect();
    const r = await conn.runAndReadAll(`SELECT "BillingAccountId" AS acct, count(*) AS n,
        count(*) FILTER (WHERE "x_SourceLine" <> "BilledCost" OR "ResourceId" <> 'r' || "x_SourceLine") AS wrong,
        min("x_SourceLine") AS lo, max("x_SourceLine") AS hi
      FROM cost_records GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(r.getRowObjectsJson(), [
      { acct: 'acct-a', n: '150000', wrong: '0', lo: '2', hi: '150001' },
      { acct: 'acct-b', n: '60000', wrong: '0', lo: '2', hi: '60001' },
    ]);
    conn.closeSync();
    inst.closeSync();
  } finally {
    t.cleanup();
  }
});

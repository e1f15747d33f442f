/**
 * Failures of the store file itself are typed and name the store: a damaged
 * file is not "in use by another process" (DuckDB's checksum message says
 * "block", which a /lock/ test took for the lock), a full disk is not a bad
 * row of the input file, an unwritable WAL or store folder is not an
 * "unexpected error" (exit 70). The disk-full case runs a real `outlay ingest`
 * against a tiny tmpfs where this user may mount one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openSync, writeSync, closeSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isOutlayError } from '../../core/index.ts';
import { runCli, tempDir } from '../../../test/helpers.ts';
import { DuckDBStore } from './store.ts';
import { storeFailure } from './errors.ts';

test('a store with a damaged block is reported as damaged, not as locked', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.duckdb');
    await (await DuckDBStore.open({ path })).close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(64, 0x58), 0, 64, 12288); // the first block after the two headers
    closeSync(fd);
    await assert.rejects(DuckDBStore.open({ path }), (e: unknown) => isOutlayError(e) && e.code === 'STORE_ERROR' && e.details.reason === 'damaged'
      && e.message.startsWith(`store ${path} is damaged (Corrupt database file`));
  } finally {
    cleanup();
  }
});

test('a store whose folder cannot be made names the store', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const path = join(file, 's.duckdb');
    await assert.rejects(DuckDBStore.open({ path }), (e: unknown) => isOutlayError(e) && e.code === 'STORE_ERROR'
      && e.message.startsWith(`cannot create the folder of store ${path}: E`));
  } finally {
    cleanup();
  }
});

test("DuckDB's own failures of the store file are typed; an input file's are left alone", () => {
  const at = '/data/o.duckdb';
  const code = (m: string) => {
    const e = storeFailure(new Error(m), at);
    return e && [e.code, e.details.reason ?? e.details.pid];
  };
  assert.deepEqual(code('TransactionContext Error: Failed to commit: Cannot open file "/data/o.duckdb.wal": Permission denied'), ['STORE_ERROR', 'not writable']);
  assert.deepEqual(code('IO Error: Could not write file "/data/o.duckdb": No space left on device'), ['STORE_ERROR', 'disk full']);
  assert.deepEqual(code('IO Error: Could not set lock on file "/data/o.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242). See also …'), ['STORE_LOCKED', 4242]);
  assert.equal(code('IO Error: Cannot open file "/home/me/bill.csv": Permission denied'), undefined, 'the input, not the store');
  assert.equal(code('Binder Error: Referenced column "x" not found'), undefined, 'a bug, not the store');
});

test('the refusal of a store in use names the process that holds it', async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 's.duckdb');
  const store = await DuckDBStore.open({ path });
  try {
    const r = runCli(['--store', path, 'sources']);
    assert.equal(r.status, 3);
    assert.equal(r.stderr.trim(), `outlay: store ${path} is in use by another process (process ${process.pid}, ${process.execPath}): stop it, or use --store for another file [STORE_LOCKED]`);
  } finally {
    await store.close();
    cleanup();
  }
});

/** A tmpfs of `size` at dir/disk, or undefined where this user may not mount one. */
function tinyDisk(dir: string, size: string): string | undefined {
  const disk = join(dir, 'disk');
  mkdirSync(disk);
  return process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', disk]).status === 0 ? disk : undefined;
}

test('a full disk while the store is first made is a store error, not the failed ROLLBACK that hid it (exit 70)', async (t) => {
  const { dir, cleanup } = tempDir();
  const disk = tinyDisk(dir, '16k');
  try {
    if (!disk) return t.skip('needs root and tmpfs to simulate a full disk');
    const store = join(disk, 's.duckdb');
    const bill = join(dir, 'bill.csv');
    writeFileSync(bill, 'BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,BilledCost,BillingCurrency,ProviderName\n'
      + 'a,2024-09-01,2024-10-01,2024-09-01,2024-09-02,1.00,USD,AWS\n');
    const r = runCli(['--store', store, 'ingest', bill]);
    assert.equal(r.status, 3, r.stderr);
    assert.equal(r.stderr.trim(), `outlay: store ${store}: no space left on its disk; nothing from this command was stored (free space, or use --store on another disk) [STORE_ERROR]`);
  } finally {
    if (disk) spawnSync('umount', [disk]);
    cleanup();
  }
});

test('a store file shorter than its headers is reported as incomplete, not as a backup to restore', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.duckdb');
    writeFileSync(path, '');
    await assert.rejects(DuckDBStore.open({ path }), (e: unknown) => isOutlayError(e) && e.code === 'STORE_ERROR' && e.details.reason === 'incomplete'
      && e.message === `store ${path} is incomplete (0 bytes: creating it was cut short, e.g. by a full disk) and nothing can be read from it; move it away and run again`);
  } finally {
    cleanup();
  }
});

test('a full disk under the store refuses the ingest as a store error and keeps what was stored', async (t) => {
  const { dir, cleanup } = tempDir();
  const disk = tinyDisk(dir, '4m');
  try {
    if (!disk) return t.skip('needs root and tmpfs to simulate a full disk');
    const store = join(disk, 's.duckdb');
    const before = await DuckDBStore.open({ path: store });
    await before.sql(`INSERT INTO cost_records (source_id, "BilledCost", "BillingCurrency") VALUES ('s', 1.25, 'USD')`);
    await before.close();
    const big = join(dir, 'big.csv');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    // Another month, so nothing is restated; distinct resources so it does not compress to nothing.
    await conn.run(`COPY (SELECT 'acct-1' AS BillingAccountId, '2024-10-01T00:00:00Z' AS BillingPeriodStart, '2024-11-01T00:00:00Z' AS BillingPeriodEnd,
        '2024-10-05T00:00:00Z' AS ChargePeriodStart, '2024-10-06T00:00:00Z' AS ChargePeriodEnd, 'Usage' AS ChargeCategory,
        (i % 997) / 100 AS BilledCost, '0.01' AS EffectiveCost, '0.01' AS ListCost, 'USD' AS BillingCurrency, 'AWS' AS ProviderName,
        'Amazon EC2' AS ServiceName, 'Compute' AS ServiceCategory, md5(i::VARCHAR) AS ResourceId
      FROM range(30000) t(i)) TO '${big}' (HEADER true)`);
    conn.closeSync();
    inst.closeSync();
    const r = runCli(['--store', store, 'ingest', big]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, new RegExp(`^outlay: store ${store}: no space left on its disk; nothing from this command was stored .*\\[STORE_ERROR\\]`));
    const after = await DuckDBStore.open({ path: store });
    const q = await after.sql('SELECT sum("BilledCost")::DOUBLE AS billed, count(*)::INTEGER AS n FROM cost_records');
    await after.close();
    assert.deepEqual(q, [{ billed: 1.25, n: 1 }]);
  } finally {
    if (disk) spawnSync('umount', [disk]);
    cleanup();
  }
});

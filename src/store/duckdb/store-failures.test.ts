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

test('a full disk under the store refuses the ingest as a store error and keeps what was stored', async (t) => {
  const { dir, cleanup } = tempDir();
  const disk = join(dir, 'disk');
  mkdirSync(disk);
  const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]).status === 0;
  if (!mounted) {
    cleanup();
    t.skip('needs root and tmpfs to simulate a full disk');
    return;
  }
  try {
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
    spawnSync('umount', [disk]);
    cleanup();
  }
});

/**
 * kill -9 in the middle of an ingest leaves the previous state intact: a real
 * `outlay ingest` child process is killed while DuckDB is loading a large
 * restatement, then the store is reopened and checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { REPO_ROOT, runCli, tempDir } from '../helpers.ts';
import { writeSample } from '../store-contract.ts';

async function writeBigRestatement(path: string, rows: number): Promise<void> {
  // Same provider/account/billing period as the sample, so loading it would replace the sample's rows.
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(`COPY (SELECT 'acct-1' AS BillingAccountId, '2024-09-01T00:00:00Z' AS BillingPeriodStart, '2024-10-01T00:00:00Z' AS BillingPeriodEnd,
      '2024-09-05T00:00:00Z' AS ChargePeriodStart, '2024-09-06T00:00:00Z' AS ChargePeriodEnd, 'Usage' AS ChargeCategory,
      '0.01' AS BilledCost, '0.01' AS EffectiveCost, '0.01' AS ListCost, 'USD' AS BillingCurrency, 'AWS' AS ProviderName,
      'Amazon EC2' AS ServiceName, 'Compute' AS ServiceCategory, 'i-' || i AS ResourceId, '{"team":"research"}' AS Tags
    FROM range(${rows}) t(i)) TO '${path}' (HEADER true)`);
  conn.closeSync();
  inst.closeSync();
}

test('kill -9 during an ingest leaves the previous state', { timeout: 180_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 'store.duckdb');
    const first = runCli(['--store', store, 'ingest', writeSample(dir)]);
    assert.equal(first.status, 0, first.stderr);
    const before = runCli(['--store', store, 'query', '-m', 'billed,rows', '--format', 'json']);
    assert.deepEqual(JSON.parse(before.stdout), [
      { BillingCurrency: 'USD', BilledCost: '38.75', Rows: '5' },
      { BillingCurrency: 'EUR', BilledCost: '3.00', Rows: '1' },
    ]);

    const big = join(dir, 'big.csv');
    await writeBigRestatement(big, 3_000_000);
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'outlay.js'), '--store', store, 'ingest', big], {
      env: { ...process.env, OUTLAY_LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    await new Promise<void>((res) => child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('"msg":"loading"')) res();
    }));
    await new Promise((r) => setTimeout(r, 700)); // well inside the multi-second load
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', 'the ingest must still have been running when killed');

    const after = runCli(['--store', store, 'query', '-m', 'billed,rows', '--format', 'json']);
    assert.equal(after.status, 0, after.stderr);
    assert.deepEqual(JSON.parse(after.stdout), JSON.parse(before.stdout));
    const sources = JSON.parse(runCli(['--store', store, 'sources', '--format', 'json']).stdout) as { path: string }[];
    assert.deepEqual(sources.map((s) => s.path), [join(dir, 'sample.csv')]);
  } finally {
    cleanup();
  }
});

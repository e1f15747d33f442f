/**
 * `outlay reconcile` through the real CLI: a quarantined file reconciles as
 * "rejected" with the refused amount, and --check turns that into exit 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FOCUS_MIN_HEADER, focusRow, runCli, tempDir, writeCsv } from '../helpers.ts';

test('reconcile: quarantined file → rejected line with the refused amount; --check exits 1, JSON says which', () => {
  const tmp = tempDir();
  try {
    const store = join(tmp.dir, 's.duckdb');
    const f = writeCsv(join(tmp.dir, 'q.csv'), FOCUS_MIN_HEADER, [
      focusRow({ BilledCost: '3.00' }),
      focusRow({ BilledCost: '0.75', BillingCurrency: 'USD', ChargePeriodEnd: 'not a date' }),
    ]);
    assert.equal(runCli(['--store', store, 'ingest', '--quarantine', join(tmp.dir, 'refused.csv'), f]).status, 1);
    const plain = runCli(['--store', store, 'reconcile']);
    assert.equal(plain.status, 0, plain.stderr);
    // file 3.75 (3.00 + refused 0.75), stored 3.00, all of it with team research, difference 0.75
    assert.match(plain.stdout, /3\.75 USD\s+3\.00 USD\s+3\.00 USD\s+0\.00 USD\s+0\.75 USD\s+rejected/);
    const checked = runCli(['--store', store, 'reconcile', '--check', '--format', 'json']);
    assert.equal(checked.status, 1);
    const body = JSON.parse(checked.stdout) as { ok: boolean; lines: { status: string; difference: { BilledCost: string; rows: number } }[] };
    assert.equal(body.ok, false);
    assert.deepEqual(body.lines.map((l) => [l.status, l.difference.BilledCost, l.difference.rows]), [['rejected', '0.75', 1]]);
  } finally {
    tmp.cleanup();
  }
});

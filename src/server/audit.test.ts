/**
 * The audit chain, checked with a SHA-256 written here (not the code's
 * auditHash), then broken three ways: an edited entry, a removed entry, and a
 * rewritten hash; `outlay audit verify` must exit non-zero on the broken file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DuckDBStore, verifyAuditChain } from '../store/index.ts';
import { runCli, tempDir } from '../../test/helpers.ts';

const entry = (i: number) => ({ actor: `token:t${i}`, action: 'setting.change', target: `k${i}`, origin: '198.51.100.7', details: { n: i, note: 'ünïcode' } });

test('entries chain by SHA-256 over the previous hash and the entry', async () => {
  const tmp = tempDir();
  const store = await DuckDBStore.open({ path: join(tmp.dir, 'a.duckdb') });
  try {
    const meta = store.metadata();
    for (let i = 1; i <= 3; i += 1) await meta.appendAudit(entry(i));
    const rows = await meta.listAudit({ limit: 10, offset: 0 });
    let prev = '0'.repeat(64);
    for (const e of rows) {
      const body = JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.origin, e.details]);
      assert.equal(e.prevHash, prev);
      assert.equal(e.hash, createHash('sha256').update(`${prev}\n${body}`).digest('hex'));
      prev = e.hash;
    }
    assert.deepEqual(rows.map((e) => e.seq), [1, 2, 3]);
    assert.deepEqual(await verifyAuditChain(meta), { ok: true, entries: 3, brokenAt: null, reason: null });

    await store.sql(`UPDATE audit_log SET details = '{"n":99,"note":"ünïcode"}' WHERE seq = 2`);
    assert.equal((await verifyAuditChain(meta)).brokenAt, 2);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});

test('outlay audit verify exits non-zero when an entry is removed', async () => {
  const tmp = tempDir();
  const path = join(tmp.dir, 'b.duckdb');
  try {
    const store = await DuckDBStore.open({ path });
    for (let i = 1; i <= 4; i += 1) await store.metadata().appendAudit(entry(i));
    await store.close();
    const ok = runCli(['--store', path, 'audit', 'verify']);
    assert.equal(ok.status, 0, ok.stderr);
    // list pages from the oldest: skip 1, take 2 → entries 2 and 3; a limit or offset that is no count is refused
    const page = runCli(['--store', path, 'audit', 'list', '--offset', '1', '--limit', '2', '--format', 'json']);
    assert.deepEqual((JSON.parse(page.stdout) as { target: string }[]).map((e) => e.target), ['k2', 'k3']);
    assert.equal(runCli(['--store', path, 'audit', 'list', '--limit', 'abc']).status, 2);
    assert.equal(runCli(['--store', path, 'audit', 'list', '--offset', '-1']).status, 2);

    const again = await DuckDBStore.open({ path });
    await again.sql('DELETE FROM audit_log WHERE seq = 3');
    const r = await verifyAuditChain(again.metadata());
    assert.equal(r.ok, false);
    assert.equal(r.brokenAt, 4);
    await again.close();
    const broken = runCli(['--store', path, 'audit', 'verify']);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /BROKEN at entry 4/);
  } finally {
    tmp.cleanup();
  }
});

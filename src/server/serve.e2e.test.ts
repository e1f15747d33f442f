/**
 * The real `outlay serve` on a free loopback port: tokens made with the CLI
 * beforehand, the same rows as `outlay query --format json`, a clear refusal
 * from the CLI while the server holds the store, and a clean stop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempDir } from '../../test/helpers.ts';
import { writeOrgCsv } from './testing/fixture.ts';

function startServe(store: string): Promise<{ url: string; bootstrap: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'outlay.js'), '--store', store, 'serve', '--port', '0', '--bootstrap-token'], {
    env: { ...process.env, OUTLAY_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: m[1],
        bootstrap: /^(otk_\S+)$/m.exec(out)?.[1] ?? '',
        stop: () => new Promise((done) => { child.once('exit', (code) => done(code)); child.kill('SIGTERM'); }),
      });
    });
  });
}

test('outlay serve end to end', async () => {
  const tmp = tempDir('outlay-serve-');
  try {
    const store = join(tmp.dir, 'o.duckdb');
    assert.equal(runCli(['--store', store, 'ingest', writeOrgCsv(tmp.dir)]).status, 0);
    const made = runCli(['--store', store, 'tokens', 'create', '--name', 'ops', '--role', 'finops', '--expires', '1d']);
    assert.equal(made.status, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^otk_[0-9a-f]{16}_\S{43}$/);
    const cli = runCli(['--store', store, 'query', '--group-by', 'team,provider', '--measure', 'billed', '--format', 'json']);
    const expected = JSON.parse(cli.stdout) as unknown[];

    const server = await startServe(store);
    try {
      const res = await fetch(`${server.url}/api/v1/costs?group_by=team,provider&measure=billed`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(((await res.json()) as { rows: unknown[] }).rows, expected);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${server.url}/api/v1/costs`)).status, 401);
      const tokens = await fetch(`${server.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${server.bootstrap}` } });
      assert.equal(tokens.status, 200, 'the bootstrap token is an admin token');
      assert.deepEqual(((await tokens.json()) as { items: Array<{ name: string }> }).items.map((t) => t.name.replace(/\d+T\d+$/, '')), ['ops', 'bootstrap-']);

      const locked = runCli(['--store', store, 'tokens', 'create', '--name', 'x', '--role', 'admin']);
      assert.equal(locked.status, 3);
      assert.match(locked.stderr, /outlay serve.*STORE_LOCKED/s);
    } finally {
      assert.equal(await server.stop(), 0);
    }
    const verify = runCli(['--store', store, 'audit', 'verify']);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /intact: 2 entries/);
  } finally {
    tmp.cleanup();
  }
});

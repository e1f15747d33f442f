/** HTTPS when given a certificate and key: a self-signed pair made here with openssl. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { silentLogger } from '../core/index.ts';
import { DuckDBStore } from '../store/index.ts';
import { tempDir } from '../../test/helpers.ts';
import { loadServerConfig } from './config.ts';
import { startServer } from './serve.ts';

test('serves HTTPS on loopback with the configured certificate', async () => {
  const tmp = tempDir();
  const cert = join(tmp.dir, 'cert.pem');
  const key = join(tmp.dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const store = await DuckDBStore.open({ path: ':memory:' });
  const server = await startServer({ store, meta: store.metadata(), logger: silentLogger, config: loadServerConfig({ overrides: [[['port'], 0], [['tls'], { cert, key }]] }) });
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const status = await new Promise<number>((resolve, reject) => {
      get(`${server.url}/healthz`, { ca: readFileSync(cert) }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
    });
    assert.equal(status, 200);
  } finally {
    await server.close();
    await store.close();
    tmp.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.ts';
import { loadServerConfig } from './config.ts';

const mistakes = (f: () => unknown): string => {
  try { f(); } catch (e) { return `${(e as { code?: string }).code}: ${(e as Error).message}`; }
  return 'no error';
};

test('secure defaults: loopback, no TLS, no OIDC, limits set', () => {
  const c = loadServerConfig();
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 8787);
  assert.equal(c.tls, undefined);
  assert.equal(c.auth.oidc, undefined);
  assert.equal(c.limits.bodyBytes, 1024 * 1024);
  assert.equal(c.auth.maxFailures, 10);
});

test('file < environment < flags', () => {
  const tmp = tempDir();
  try {
    const file = join(tmp.dir, 'c.json');
    writeFileSync(file, JSON.stringify({ port: 9000, host: '0.0.0.0', limits: { bodyBytes: 10 } }));
    const c = loadServerConfig({ file, env: { OUTLAY_PORT: '9100' }, overrides: [[['host'], '127.0.0.2']] });
    assert.deepEqual([c.host, c.port, c.limits.bodyBytes, c.limits.uploadBytes], ['127.0.0.2', 9100, 10, 512 * 1024 * 1024]);
  } finally {
    tmp.cleanup();
  }
});

test('each mistake is named with its key and where it came from', () => {
  const tmp = tempDir();
  try {
    const file = join(tmp.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ prot: 1, limits: { bodyBytes: -1 }, auth: { oidc: { issuer: 'not a url' } } }));
    const msg = mistakes(() => loadServerConfig({ file, env: { OUTLAY_PORT: 'eighty' } }));
    assert.match(msg, /^CONFIG_INVALID/);
    assert.match(msg, /port: .*\(from \$OUTLAY_PORT\)/);
    assert.match(msg, /"prot"/);
    assert.match(msg, /limits\.bodyBytes: .*bad\.json/);
    assert.match(msg, /auth\.oidc\.issuer: must be the issuer URL/);
    assert.match(msg, /auth\.oidc\.audience/);
    // a flag that is not a boolean says what is allowed, not just "Invalid input"
    assert.match(mistakes(() => loadServerConfig({ env: { OUTLAY_TRUST_PROXY: 'yes' } })), /trustProxy: must be true, false, 1 or 0 \(from \$OUTLAY_TRUST_PROXY\)/);
    writeFileSync(file, '{ "port": ');
    assert.match(mistakes(() => loadServerConfig({ file })), /CONFIG_INVALID: config file .* is not valid JSON/);
    assert.match(mistakes(() => loadServerConfig({ env: { OUTLAY_TLS_CERT: join(tmp.dir, 'nope.pem'), OUTLAY_TLS_KEY: file } })), /tls\.cert: file .* does not exist/);
  } finally {
    tmp.cleanup();
  }
});

/**
 * Token secrets never leave the server except in the one answer that creates
 * them: not in the debug log (every request, every failure), not in any other
 * response, not in the audit log. Walks every operation as admin with the
 * admin token, sends it where it must be refused (query string, a mangled
 * copy), creates and revokes a token, and fails an upload.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { jsonLogger } from '../core/index.ts';
import { createApp } from './app.ts';
import { loadServerConfig } from './config.ts';
import { createDeps } from './serve.ts';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

test('no token secret in the debug log, in responses other than its creation, or in the audit log', async () => {
  const lines: string[] = [];
  const deps = createDeps({ store: fx.store, meta: fx.meta, config: loadServerConfig({}), logger: jsonLogger('debug', (l) => lines.push(l)) });
  const app = createApp(deps);
  const admin = fx.tokens.admin ?? '';
  const secretOf = (t: string) => t.split('_').slice(2).join('_');
  const call = (path: string, init: RequestInit = {}, token = admin) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
  const bodies: string[] = [];
  const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if (method !== 'get') continue;
      bodies.push(await (await call(path.replace(/\{\w+\}/, 'team'))).text());
    }
  }
  bodies.push(await (await app.request(`/api/v1/costs?access_token=${admin}`)).text());
  bodies.push(await (await call('/api/v1/costs', {}, `${admin.slice(0, -1)}x`)).text());
  const made = await call('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'ci', role: 'viewer', teams: ['research'] }), headers: { 'content-type': 'application/json' } });
  const created = ((await made.json()) as { token: string }).token;
  bodies.push(await (await call('/api/v1/costs', {}, created)).text());
  bodies.push(await (await call('/api/v1/tokens/ci', { method: 'DELETE' })).text());
  bodies.push(await (await call('/api/v1/ingestions?file_name=bad.csv', { method: 'POST', body: 'a,b\n1,2\n' })).text());
  await deps.jobs.idle();
  bodies.push(await (await call('/api/v1/ingestions')).text());
  bodies.push(await (await call('/api/v1/tokens?include_revoked=true')).text());
  const audit = JSON.stringify(await fx.meta.listAudit({ limit: 10_000, offset: 0 }));
  assert.ok(lines.length > bodies.length / 2, `the debug log saw the requests (${lines.length} lines)`);
  for (const secret of [secretOf(admin), secretOf(created)]) {
    assert.equal(secret.length, 43);
    for (const l of lines) assert.ok(!l.includes(secret), `log line carries a token secret: ${l.slice(0, 200)}`);
    for (const b of bodies) assert.ok(!b.includes(secret), `response carries a token secret: ${b.slice(0, 200)}`);
    assert.ok(!audit.includes(secret), 'the audit log carries a token secret');
  }
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture({ env: { OUTLAY_MAX_BODY_BYTES: '2048' } }); });
after(async () => { await fx.close(); });

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

test('no token, a wrong token, a token in the query string: refused', async () => {
  const none = await fx.call('/api/v1/costs');
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="outlay"');
  assert.equal(((await none.json()) as { code: string }).code, 'UNAUTHENTICATED');
  assert.equal((await fx.call('/api/v1/costs', `${fx.tokens.admin?.slice(0, -1)}x`)).status, 401);
  assert.equal((await fx.call('/api/v1/costs', 'not-a-token')).status, 401);
  const inQuery = await fx.call(`/api/v1/costs?access_token=${fx.tokens.admin}`);
  assert.equal(inQuery.status, 400);
  assert.equal(((await inQuery.json()) as { details: { field: string } }).details.field, 'access_token');
});

test('roles: permissions by route', async () => {
  const cases: Array<[string, string, number]> = [
    ['auditor', '/api/v1/costs', 403],
    ['auditor', '/api/v1/audit', 200],
    ['member-research', '/api/v1/audit', 403],
    ['member-research', '/api/v1/sources', 403],
    ['finops', '/api/v1/sources', 200],
    ['finops', '/api/v1/tokens', 403],
    ['viewer-research', '/api/v1/costs/export', 403],
    ['member-research', '/api/v1/costs/export', 200],
    ['viewer-research', '/api/v1/prices?limit=1', 200],
  ];
  for (const [who, path, status] of cases) assert.equal((await fx.call(path, fx.tokens[who])).status, status, `${who} ${path}`);
});

test('token lifecycle: created once, works, listed without secret, revoked, stops working; expiry', async () => {
  const made = await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'grafana', role: 'viewer', teams: ['Research'], expires: '1h' }));
  assert.equal(made.status, 201);
  const { token, info } = (await made.json()) as { token: string; info: { teams: string[]; expiresAt: string } };
  assert.deepEqual(info.teams, ['research']);
  assert.ok(Math.abs(Date.parse(info.expiresAt) - Date.now() - 3_600_000) < 60_000);
  assert.equal((await fx.call('/api/v1/costs', token)).status, 200);
  const listed = await (await fx.call('/api/v1/tokens', fx.tokens.admin)).text();
  assert.ok(listed.includes('grafana') && !listed.includes(token.split('_')[2] ?? '?'));
  const [row] = await fx.store.sql(`SELECT hash FROM api_tokens WHERE name = 'grafana'`);
  assert.notEqual(row?.hash, token.split('_')[2]);
  assert.equal((await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'grafana', role: 'admin' }))).status, 409);
  assert.equal((await fx.call('/api/v1/tokens/grafana', fx.tokens.admin, { method: 'DELETE' })).status, 200);
  assert.equal((await fx.call('/api/v1/costs', token)).status, 401);
  assert.equal((await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'm', role: 'member' }))).status, 400);

  const short = (await (await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'short', role: 'admin', expires: '1s' }))).json()) as { token: string };
  await fx.store.sql(`UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE name = 'short'`);
  fx.deps.tokens.clear();
  assert.equal((await fx.call('/api/v1/costs', short.token)).status, 401);
});

test('request bodies over the limit are 413', async () => {
  const big = await fx.call('/api/v1/settings/note', fx.tokens.admin, { method: 'PUT', body: JSON.stringify({ value: 'x'.repeat(5000) }), headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413);
  assert.equal(((await big.json()) as { code: string }).code, 'PAYLOAD_TOO_LARGE');
  const ok = await fx.call('/api/v1/settings/note', fx.tokens.admin, { method: 'PUT', body: JSON.stringify({ value: { currency: 'EUR' } }), headers: { 'content-type': 'application/json' } });
  assert.equal(ok.status, 200);
  const got = (await (await fx.call('/api/v1/settings', fx.tokens.finops)).json()) as { settings: Record<string, unknown> };
  assert.deepEqual(got.settings.note, { currency: 'EUR' });
});

test('failed authentications are rate-limited per address, then even a good token waits', async () => {
  const lim = await serverFixture({ env: { OUTLAY_TRUST_PROXY: 'true' }, file: undefined, overrides: [[['auth', 'maxFailures'], 3]] });
  try {
    const from = (ip: string, token: string) => lim.call('/api/v1/costs', token, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i += 1) assert.equal((await from('203.0.113.9', 'otk_bad')).status, 401);
    const blocked = await from('203.0.113.9', lim.tokens.admin ?? '');
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal(((await blocked.json()) as { code: string }).code, 'RATE_LIMITED');
    assert.equal((await from('203.0.113.10', lim.tokens.admin ?? '')).status, 200);
  } finally {
    await lim.close();
  }
});

test('a blank team name is refused: it would make a member token that matches no row yet counts as "a team"', async () => {
  const res = await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'blank-team', role: 'member', teams: ['  '] }));
  assert.equal(res.status, 400);
  const p = (await res.json()) as { code: string; details: { field: string } };
  assert.deepEqual([p.code, p.details.field], ['INPUT_INVALID', 'teams']);
  const listed = (await (await fx.call('/api/v1/tokens?limit=1000', fx.tokens.admin)).json()) as { items: Array<{ name: string }> };
  assert.equal(listed.items.some((t) => t.name === 'blank-team'), false);
});

test('read-only and team roles cannot write: every change route answers 403 and changes nothing', async () => {
  const put = (body: unknown) => ({ ...json(body), method: 'PUT' });
  const writes: Array<[string, RequestInit]> = [
    ['/api/v1/ingestions?file_name=x.csv', { method: 'POST', body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } }],
    ['/api/v1/tokens', json({ name: 'sneaky', role: 'admin' })],
    ['/api/v1/tokens/admin', { method: 'DELETE' }],
    ['/api/v1/settings/budget.default', put({ value: 1 })],
  ];
  const sourcesBefore = await fx.store.listSources();
  for (const who of ['viewer-research', 'member-research', 'auditor']) {
    for (const [path, init] of writes) {
      const res = await fx.call(path, fx.tokens[who], init);
      assert.equal(res.status, 403, `${who} ${init.method} ${path}`);
      assert.equal(((await res.json()) as { code: string }).code, 'FORBIDDEN');
    }
  }
  assert.equal((await fx.store.listSources()).length, sourcesBefore.length);
  assert.equal(await fx.meta.getSetting('budget.default'), null);
  assert.equal((await fx.call('/api/v1/costs', fx.tokens.admin)).status, 200, 'the admin token was not revoked');
  const listed = (await (await fx.call('/api/v1/tokens?limit=1000', fx.tokens.admin)).json()) as { items: Array<{ name: string }> };
  assert.equal(listed.items.some((t) => t.name === 'sneaky'), false);
  // finops may upload and read settings, but not manage tokens or change settings.
  assert.equal((await fx.call('/api/v1/tokens', fx.tokens.finops, json({ name: 'sneaky', role: 'admin' }))).status, 403);
  assert.equal((await fx.call('/api/v1/settings/budget.default', fx.tokens.finops, put({ value: 1 }))).status, 403);
});

test('an expiry too far out to be a date is a 400 naming expires, not a 500', async () => {
  const res = await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'forever', role: 'viewer', teams: ['research'], expires: '99999999999y' }));
  assert.equal(res.status, 400);
  const p = (await res.json()) as { code: string; details: { field: string } };
  assert.deepEqual([p.code, p.details.field], ['INPUT_INVALID', 'expires']);
  const ok = await fx.call('/api/v1/tokens', fx.tokens.admin, json({ name: 'century', role: 'viewer', teams: ['research'], expires: '100y' }));
  assert.equal(ok.status, 201);
});

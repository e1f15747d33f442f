/**
 * OIDC against a real provider (oidc-provider) on loopback: client-credentials
 * access tokens issued as JWTs for Outlay's resource, with role and team
 * claims; verified by the server through discovery and the JWKS.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { serverFixture } from './testing/fixture.ts';

const AUDIENCE = 'urn:outlay:api';
const CLAIMS: Record<string, Record<string, unknown>> = {
  'research-app': { outlay_roles: ['member'], outlay_teams: ['Research'] },
  'finance-app': { outlay_roles: ['viewer', 'finops'], outlay_teams: [] },
  'nobody-app': {},
};

let http: Server;
let issuer: string;
let fx: Awaited<ReturnType<typeof serverFixture>>;

before(async () => {
  http = createServer();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] },
    clients: Object.keys(CLAIMS).map((id) => ({ client_id: id, client_secret: `${id}-secret`, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        getResourceServerInfo: () => ({ scope: 'costs', audience: AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => CLAIMS[token.clientId ?? ''] ?? {},
  });
  http.on('request', provider.callback());
  fx = await serverFixture({ overrides: [[['auth', 'oidc'], { issuer, audience: AUDIENCE }]] });
});

after(async () => {
  await fx.close();
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
});

async function accessToken(client: string): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client}:${client}-secret`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: AUDIENCE, scope: 'costs' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  assert.ok(body.access_token, `token endpoint: ${JSON.stringify(body)}`);
  assert.equal(body.access_token.split('.').length, 3, 'a JWT access token');
  return body.access_token;
}

type Rows = { rows: Array<Record<string, string | null>> };

test('a member JWT sees its teams only; the team claim is normalised', async () => {
  const jwt = await accessToken('research-app');
  const res = await fx.call('/api/v1/costs?group_by=team&measure=billed', jwt);
  assert.equal(res.status, 200);
  assert.deepEqual(((await res.json()) as Rows).rows.map((r) => [r.x_Team, r.BilledCost]), [['research', '21.75']]);
  assert.equal((await fx.call('/api/v1/sources', jwt)).status, 403);
});

test('the most privileged role in the claim wins', async () => {
  const jwt = await accessToken('finance-app');
  const rows = ((await (await fx.call('/api/v1/costs?group_by=team&measure=billed', jwt)).json()) as Rows).rows;
  assert.equal(rows.length, 3);
  assert.equal((await fx.call('/api/v1/sources', jwt)).status, 200);
});

test('no role claim → 403; a tampered or foreign-audience token → 401', async () => {
  assert.equal((await fx.call('/api/v1/costs', await accessToken('nobody-app'))).status, 403);
  const jwt = await accessToken('research-app');
  const [h, p, s] = jwt.split('.');
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), outlay_roles: ['admin'] })).toString('base64url')}.${s}`;
  assert.equal((await fx.call('/api/v1/costs', forged)).status, 401);
  const other = await serverFixture({ overrides: [[['auth', 'oidc'], { issuer, audience: 'urn:someone-else' }]] });
  try {
    assert.equal((await other.call('/api/v1/costs', jwt)).status, 401);
  } finally {
    await other.close();
  }
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ALL_ROUTES } from './routes/index.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; security: unknown[]; parameters: Array<{ name: string; in: string; required: boolean; schema: { type?: string; enum?: string[]; default?: unknown; maximum?: number } }>; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> } }>>;
  components: { schemas: { Problem: { properties: Record<string, unknown> } } };
}

test('the document is OpenAPI 3.1, lists every route, and carries the validation schemas', async () => {
  const res = await fx.call('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as Doc;
  assert.equal(doc.openapi, '3.1.0');
  const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
  assert.deepEqual(new Set(ops), new Set(ALL_ROUTES.map((r) => r.operationId)));
  const costs = doc.paths['/api/v1/costs']?.get;
  const p = Object.fromEntries((costs?.parameters ?? []).map((x) => [x.name, x]));
  assert.deepEqual(p.grain?.schema.enum, ['hour', 'day', 'week', 'month']);
  assert.equal(p.limit?.schema.maximum, 10_000);
  assert.equal(p.limit?.required, false);
  assert.ok(p.filter && p.group_by && p.measure && p.from && p.to);
  assert.deepEqual(costs?.security, [{ bearer: [] }]);
  assert.deepEqual(doc.paths['/healthz']?.get?.security, []);
  const body = doc.paths['/api/v1/tokens']?.post?.requestBody?.content['application/json']?.schema;
  assert.deepEqual(body?.required?.sort(), ['name', 'role']);
  assert.ok(doc.components.schemas.Problem.properties.code);
});

test('the document validates against the OpenAPI 3.1 schema', async () => {
  const doc = (await (await fx.call('/api/v1/openapi.json')).json()) as Parameters<Validator['validate']>[0];
  const res = await new Validator().validate(doc);
  assert.ok(res.valid, JSON.stringify(res.errors, null, 2)?.slice(0, 2000));
});

test('the reference page is self-contained', async () => {
  const res = await fx.call('/api/v1/docs');
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  assert.ok(!/(src|href)=["']?https?:/i.test(html), 'no external resources');
  assert.match(html, /fetch\('\.\/openapi\.json'\)/);
});

test('unknown routes are problem+json 404s', async () => {
  const res = await fx.call('/api/v2/nothing');
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { code: string }).code, 'NOT_FOUND');
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

type Rows = { rows: Record<string, string | null>[]; next_offset: number | null };

test('admin sees every team, totals by hand', async () => {
  const res = await fx.call('/api/v1/costs?group_by=team&measure=billed', fx.tokens.admin);
  assert.equal(res.status, 200);
  const body = (await res.json()) as Rows;
  const byTeam = Object.fromEntries(body.rows.map((r) => [r.x_Team ?? '(none)', r.BilledCost]));
  assert.deepEqual(byTeam, { research: '21.75', vision: '11111.10', '(none)': '55.55' });
  assert.equal(body.next_offset, null);
});

test('member of research sees only research, even when asking for vision', async () => {
  const all = (await (await fx.call('/api/v1/costs?group_by=team,provider&measure=billed', fx.tokens['member-research'])).json()) as Rows;
  assert.deepEqual(all.rows.map((r) => [r.x_Team, r.ProviderName, r.BilledCost]), [['research', 'AWS', '14.75'], ['research', 'OpenAI', '7.00']]);
  const asked = (await (await fx.call('/api/v1/costs?group_by=team&filter=team:vision', fx.tokens['member-research'])).json()) as Rows;
  assert.deepEqual(asked.rows, []);
});

test('filters, range, grain and paging', async () => {
  const q = '/api/v1/costs?measure=billed&filter=provider:AWS&from=2024-09-19&to=2024-09-21&grain=day';
  const body = (await (await fx.call(q, fx.tokens.finops)).json()) as Rows;
  assert.deepEqual(body.rows.map((r) => [r.ChargePeriodStart, r.BilledCost]), [['2024-09-19T00:00:00Z', '4.25'], ['2024-09-20T00:00:00Z', '55.55']]);
  const p1 = (await (await fx.call('/api/v1/costs?group_by=resource&measure=billed&limit=2', fx.tokens.admin)).json()) as Rows;
  assert.equal(p1.rows.length, 2);
  assert.equal(p1.next_offset, 2);
  const p2 = (await (await fx.call('/api/v1/costs?group_by=resource&measure=billed&limit=2&offset=2', fx.tokens.admin)).json()) as Rows;
  const p3 = (await (await fx.call('/api/v1/costs?group_by=resource&measure=billed&limit=2&offset=4', fx.tokens.admin)).json()) as Rows;
  assert.equal(p3.next_offset, null);
  assert.deepEqual(new Set([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.ResourceId)), new Set(['i-r1', 'i-r2', 'gpt-r', 'i-secret-vision', 'tpu-vision', 'i-shared']));
});

test('bad input is a 400 problem naming the field, never a 500', async () => {
  const cases: Array<[string, string]> = [
    ['/api/v1/costs?group_by=nonsense', 'group_by'],
    ['/api/v1/costs?measure=dollars', 'measure'],
    ['/api/v1/costs?grain=fortnight', 'grain'],
    ['/api/v1/costs?limit=-3', 'limit'],
    ['/api/v1/costs?limit=abc', 'limit'],
    ['/api/v1/costs?from=yesterday-ish', 'from'],
    ['/api/v1/costs?colour=blue', 'colour'],
    ['/api/v1/costs?filter=novalue', 'filter'],
  ];
  for (const [path, field] of cases) {
    const res = await fx.call(path, fx.tokens.admin);
    assert.equal(res.status, 400, path);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const p = (await res.json()) as { code: string; details?: { field?: string }; detail: string };
    assert.ok(['INPUT_INVALID', 'QUERY_INVALID'].includes(p.code), `${path}: ${p.code}`);
    assert.equal(p.details?.field, field, `${path}: ${p.detail}`);
  }
});

test('malformed JSON and wrong types in a body are 400s naming the field', async () => {
  const post = (body: string) => fx.call('/api/v1/tokens', fx.tokens.admin, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const broken = await post('{"name": "x",');
  assert.equal(broken.status, 400);
  assert.equal(((await broken.json()) as { details: { field: string } }).details.field, 'body');
  const wrong = await post('{"name": 5, "role": "admin"}');
  assert.equal(wrong.status, 400);
  assert.equal(((await wrong.json()) as { details: { field: string } }).details.field, 'name');
  const role = await post('{"name": "x", "role": "emperor"}');
  assert.equal(((await role.json()) as { details: { field: string } }).details.field, 'role');
});

test('export streams every scoped row as CSV and is audited', async () => {
  const res = await fx.call('/api/v1/costs/export?group_by=team&measure=billed&format=csv', fx.tokens['member-research']);
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.deepEqual(text.trim().split('\n'), ['x_Team,BillingCurrency,BilledCost', 'research,USD,21.75']);
  const audit = (await (await fx.call('/api/v1/audit', fx.tokens.auditor)).json()) as { items: Array<{ action: string; actor: string }> };
  assert.ok(audit.items.some((e) => e.action === 'costs.export' && e.actor === 'token:member-research'));
});

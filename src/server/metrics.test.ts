import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

/** `name{labels} value` lines → map. */
function samples(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1] === name) out.set(m[2] ?? '', Number(m[3]));
  }
  return out;
}

test('spend by team and provider, hand totals, in Prometheus text format', async () => {
  const res = await fx.call('/metrics', fx.tokens.finops);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const spend = samples(text, 'outlay_spend');
  assert.deepEqual(Object.fromEntries(spend), {
    '{team="research",provider="AWS",currency="USD"}': 14.75,
    '{team="research",provider="OpenAI",currency="USD"}': 7,
    '{team="vision",provider="AWS",currency="USD"}': 9876.54,
    '{team="vision",provider="Google Cloud",currency="USD"}': 1234.56,
    '{team="",provider="AWS",currency="USD"}': 55.55,
  });
  assert.match(text, /# TYPE outlay_spend gauge/);
  const lag = samples(text, 'outlay_ingestion_lag_seconds');
  assert.ok([...lag.keys()].some((k) => k.includes('provider="AWS"')));
  for (const v of lag.values()) assert.ok(v >= 0 && v < 600, `lag ${v}`);
});

test('API latency histogram by route template', async () => {
  await fx.call('/api/v1/costs?group_by=team', fx.tokens.admin);
  await fx.call('/api/v1/dimensions/team/values', fx.tokens.admin);
  const text = await (await fx.call('/metrics', fx.tokens.admin)).text();
  const counts = samples(text, 'outlay_http_request_duration_seconds_count');
  assert.ok((counts.get('{method="GET",route="/api/v1/costs",status="200"}') ?? 0) >= 1, [...counts.keys()].join('\n'));
  assert.ok(counts.has('{method="GET",route="/api/v1/dimensions/:dimension/values",status="200"}'));
  assert.match(text, /outlay_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/costs",status="200"\}/);
});

test('/metrics needs a token; members get no ingestion gauges; health and readiness are open', async () => {
  assert.equal((await fx.call('/metrics')).status, 401);
  const member = await (await fx.call('/metrics', fx.tokens['member-research'])).text();
  assert.equal(samples(member, 'outlay_ingestion_lag_seconds').size, 0);
  assert.equal((await fx.call('/healthz')).status, 200);
  const ready = await fx.call('/readyz');
  assert.equal(ready.status, 200);
  assert.ok(((await ready.json()) as { schemaVersion: number }).schemaVersion >= 10);
});

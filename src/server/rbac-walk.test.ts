/**
 * Walks every operation of the served OpenAPI document as a member and a
 * viewer of team research, and as an auditor (who sees no cost at all), with
 * and without parameters that ask for team vision, and checks that nothing of
 * vision's or of the unallocated cost comes back, and that nothing answers 500.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RESEARCH_MARKERS, serverFixture, VISION_MARKERS } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

interface Op { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }

const PATH_SAMPLES: Record<string, string[]> = {
  dimension: ['team', 'resource', 'provider', 'service', 'tag:team'],
  id: ['00000000-0000-4000-8000-000000000000'],
  name: ['admin'],
  key: ['budget.default'],
};

/** Query values that try to reach another team's numbers. */
const ATTACKS: Record<string, string[]> = {
  group_by: ['team,provider,resource', 'tag:team,service'],
  filter: ['team:vision', 'team:', 'resource:i-secret-vision', 'team!:research'],
  measure: ['billed,effective,list,rows'],
  grain: ['day'],
  include_revoked: ['true'],
  all: ['true'],
};

function urls(path: string, op: Op): string[] {
  let bases = [path];
  for (const [name, samples] of Object.entries(PATH_SAMPLES)) {
    if (!path.includes(`{${name}}`)) continue;
    bases = bases.flatMap((b) => samples.map((s) => b.replace(`{${name}}`, encodeURIComponent(s))));
  }
  const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const out = [...bases];
  for (const name of queryNames) {
    for (const v of ATTACKS[name] ?? []) out.push(...bases.map((b) => `${b}?${name}=${encodeURIComponent(v)}`));
  }
  return out;
}

const WALKERS = [
  { who: 'member-research', forbidden: VISION_MARKERS },
  { who: 'viewer-research', forbidden: VISION_MARKERS },
  { who: 'auditor', forbidden: [...VISION_MARKERS, ...RESEARCH_MARKERS] },
] as const;

for (const { who, forbidden } of WALKERS) {
  test(`every route as ${who}: no other team's data, no 500`, async () => {
    const doc = (await (await fx.call('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    let operations = 0;
    let calls = 0;
    const seen = new Set<number>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations += 1;
        for (const url of urls(path, op)) {
          const init: RequestInit = { method: method.toUpperCase() };
          if (op.requestBody) Object.assign(init, { body: '{"name":"x","role":"admin","value":1}', headers: { 'content-type': 'application/json' } });
          const res = await fx.call(url, fx.tokens[who], init);
          const text = await res.text();
          calls += 1;
          seen.add(res.status);
          assert.ok(res.status < 500, `${method} ${url} → ${res.status}: ${text.slice(0, 300)}`);
          if (url.startsWith('/api/v1/openapi.json') || url.startsWith('/api/v1/docs')) continue;
          // The audit log records what callers asked for (filter texts, file names), never amounts.
          if (who === 'auditor' && url.startsWith('/api/v1/audit')) continue;
          // Process, runtime, latency and ingestion-lag series carry no cost data, and their numbers
          // (CPU seconds, heap bytes) can contain a marker's digits by chance.
          // Instants are masked too: GET /prices answers with "at" = now, and a clock reading of 06:07:21.752 holds "21.75".
          const checked = (url.startsWith('/metrics')
            ? text.split('\n').filter((l) => !/^(# (HELP|TYPE) )?outlay_(process_|nodejs_|http_|ingestion_lag_)/.test(l)).join('\n')
            : text).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<instant>');
          for (const marker of forbidden) assert.ok(!checked.includes(marker), `${method} ${url} leaked "${marker}": ${checked.slice(0, 400)}`);
        }
      }
    }
    assert.ok(operations >= 20, `walked ${operations} operations`);
    assert.ok(calls > operations);
    assert.ok(seen.has(200) && seen.has(403), `statuses seen: ${[...seen].join(', ')}`);
  });
}

test('the member still sees its own numbers (the walk is not vacuous)', async () => {
  const costs = await (await fx.call('/api/v1/costs?group_by=team&measure=billed', fx.tokens['member-research'])).text();
  assert.match(costs, /"research"/);
  assert.match(costs, /"21\.75"/);
  const metrics = await (await fx.call('/metrics', fx.tokens['member-research'])).text();
  assert.match(metrics, /outlay_spend\{team="research",provider="AWS",currency="USD"\} 14\.75/);
  const values = (await (await fx.call('/api/v1/dimensions/team/values', fx.tokens['member-research'])).json()) as { values: string[] };
  assert.deepEqual(values.values, ['research']);
});

test('the store answers the same as SQL written here', async () => {
  const [sql] = await fx.store.sql(`SELECT sum("BilledCost")::VARCHAR AS s FROM cost_records WHERE "x_Team" = 'research'`);
  const api = (await (await fx.call('/api/v1/costs?measure=billed', fx.tokens['member-research'])).json()) as { rows: Array<{ BilledCost: string }> };
  assert.equal(Number(api.rows[0]?.BilledCost), Number(sql?.s));
});

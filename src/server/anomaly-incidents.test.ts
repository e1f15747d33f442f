/**
 * Stored anomaly incidents over HTTP: a team-scoped caller sees and changes
 * only its teams' incidents; a status change is recorded with its event and
 * audited; a false positive raises the scope's thresholds.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { anomalyStore, scopeKey, type IncidentRecord } from '../store/index.ts';
import { fixtureIncident, serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

interface Page { items: Array<{ id: string; scope: Record<string, string | null> }>; next_offset: number | null }
const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

test('a research member lists only research incidents; finops lists all three', async () => {
  const member = (await (await fx.call('/api/v1/anomaly-incidents', fx.tokens['member-research'])).json()) as Page;
  assert.deepEqual(member.items.map((i) => i.id), ['an-research']);
  const finops = (await (await fx.call('/api/v1/anomaly-incidents?limit=2', fx.tokens.finops)).json()) as Page;
  assert.equal(finops.items.length, 2);
  assert.equal(finops.next_offset, 2);
  const rest = (await (await fx.call('/api/v1/anomaly-incidents?limit=2&offset=2', fx.tokens.finops)).json()) as Page;
  assert.deepEqual([...finops.items, ...rest.items].map((i) => i.id).sort(), ['an-research', 'an-total', 'an-vision']);
  const later = (await (await fx.call('/api/v1/anomaly-incidents?from=2024-09-19', fx.tokens.finops)).json()) as Page;
  assert.deepEqual(later.items, []);
});

test("another team's incident is not found by id, nor can it be changed", async () => {
  assert.equal((await fx.call('/api/v1/anomaly-incidents/an-vision', fx.tokens['member-research'])).status, 404);
  assert.equal((await fx.call('/api/v1/anomaly-incidents/an-total', fx.tokens['member-research'])).status, 404);
  const res = await fx.call('/api/v1/anomaly-incidents/an-vision/status', fx.tokens['member-research'], post({ status: 'resolved' }));
  assert.equal(res.status, 404);
  assert.equal((await anomalyStore(fx.store).getIncident('an-vision'))?.status, 'open');
});

test('a viewer may read but not change an incident', async () => {
  assert.equal((await fx.call('/api/v1/anomaly-incidents/an-research', fx.tokens['viewer-research'])).status, 200);
  assert.equal((await fx.call('/api/v1/anomaly-incidents/an-research/status', fx.tokens['viewer-research'], post({ status: 'acknowledged' }))).status, 403);
});

test('a member acknowledges, then marks a false positive: events, note, audit and raised thresholds', async () => {
  const ack = await fx.call('/api/v1/anomaly-incidents/an-research/status', fx.tokens['member-research'], post({ status: 'acknowledged', note: 'looking' }));
  assert.equal(ack.status, 200);
  const fp = (await (await fx.call('/api/v1/anomaly-incidents/an-research/status', fx.tokens['member-research'], post({ status: 'false_positive', note: 'load test' }))).json()) as {
    incident: { status: string; note: string }; settings: Array<{ scope: string; minImpact: number; sensitivity: number }>;
  };
  assert.equal(fp.incident.status, 'false_positive');
  assert.equal(fp.incident.note, 'load test');
  // Impact 10.5 × 1.5 = 15.75 is below the default 100, which stays; sensitivity 1 × 0.8.
  assert.deepEqual(fp.settings.map((s) => [s.scope, s.minImpact, s.sensitivity]), [['team=research,currency=USD', 100, 0.8]]);
  const got = (await (await fx.call('/api/v1/anomaly-incidents/an-research', fx.tokens['member-research'])).json()) as { events: Array<{ from: string; to: string; note: string; by: string }> };
  assert.deepEqual(got.events.map((e) => [e.from, e.to, e.note, e.by]), [
    ['open', 'acknowledged', 'looking', 'token:member-research'],
    ['acknowledged', 'false_positive', 'load test', 'token:member-research'],
  ]);
  const audit = await fx.meta.listAudit({ limit: 100, offset: 0 });
  assert.equal(audit.filter((a) => a.action === 'anomaly.status' && a.target === 'an-research').length, 2);
  const fps = (await (await fx.call('/api/v1/anomaly-incidents?status=false_positive', fx.tokens.admin)).json()) as Page;
  assert.deepEqual(fps.items.map((i) => i.id), ['an-research']);
});

test("a member's false positive raises its own team's thresholds only, never another team's or the total's", async () => {
  const wide: IncidentRecord = {
    ...fixtureIncident('an-research-wide', { team: 'research' }, 400, 'i-r1'),
    related: [
      { scope: { team: 'vision' }, onset: '2024-09-18T00:00:00.000Z', impact: 900 },
      { scope: {}, onset: '2024-09-18T00:00:00.000Z', impact: 1300 },
      { scope: { team: 'research', service: 'GPT' }, onset: '2024-09-18T00:00:00.000Z', impact: 200 },
    ],
  };
  const incidents = anomalyStore(fx.store);
  await incidents.upsertIncidents([wide, { ...wide, id: 'an-research-wide-2' }]);
  const before = new Set((await incidents.listScopeSettings()).map((s) => s.scope));
  const res = await fx.call('/api/v1/anomaly-incidents/an-research-wide/status', fx.tokens['member-research'], post({ status: 'false_positive' }));
  assert.equal(res.status, 200);
  const written = (await incidents.listScopeSettings()).filter((s) => !before.has(s.scope) || s.updatedBy === 'token:member-research');
  // 400 × 1.5 = 600 for the team; 200 × 1.5 = 300 for research's GPT service (both above the default 100).
  assert.deepEqual(written.map((s) => [s.scope, s.minImpact]).sort(), [[`${scopeKey({ team: 'research', service: 'GPT' })},currency=USD`, 300], [`${scopeKey({ team: 'research' })},currency=USD`, 600]].sort());
  assert.equal((await incidents.listScopeSettings()).some((s) => s.scope.startsWith(scopeKey({ team: 'vision' })) || s.scope.startsWith('currency=')), false);
  // An admin sees every team, so its verdict tunes every scope the incident covers.
  const admin = await fx.call('/api/v1/anomaly-incidents/an-research-wide-2/status', fx.tokens.admin, post({ status: 'false_positive' }));
  assert.equal(admin.status, 200);
  const all = new Map((await incidents.listScopeSettings()).map((s) => [s.scope, s.minImpact]));
  assert.equal(all.get(`${scopeKey({ team: 'vision' })},currency=USD`), 1350);
  assert.equal(all.get('currency=USD'), 1950);
});

test('from/to without a zone are UTC as documented, whatever the server host\'s zone; an impossible day is refused', async () => {
  const saved = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata'; // +05:30: 03:00 read as local time would be 21:30 UTC the day before
  try {
    // The three fixture incidents (the tests above add others with the same onset).
    const ids = async (qs: string) => ((await (await fx.call(`/api/v1/anomaly-incidents?${qs}`, fx.tokens.finops)).json()) as Page).items.map((i) => i.id)
      .filter((id) => !id.startsWith('an-research-wide')).sort();
    // Every fixture incident has its onset at 2024-09-18T00:00Z.
    assert.deepEqual(await ids('from=2024-09-18T03:00:00'), []);
    assert.deepEqual(await ids('from=2024-09-18%2003:00'), []);
    assert.deepEqual(await ids('to=2024-09-18T03:00:00'), ['an-research', 'an-total', 'an-vision']);
    assert.deepEqual(await ids('from=2024-09-18T05:00:00%2B05:30'), ['an-research', 'an-total', 'an-vision'], '05:00 +05:30 is 23:30 UTC the day before');
    assert.equal((await fx.call('/api/v1/anomaly-incidents?from=2024-09-31', fx.tokens.finops)).status, 400);
  } finally {
    if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved;
  }
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOCUS_MIN_HEADER, focusRow, writeCsv } from '../../test/helpers.ts';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture({ overrides: [[['limits', 'uploadBytes'], 4096]] }); });
after(async () => { await fx.close(); });

interface Job { id: string; status: string; progress: number; error: { code: string; details?: { line?: number } } | null; result: { files: Array<{ rows: number; path: string }> } | null }

async function upload(name: string, body: Buffer | string, token = fx.tokens.finops): Promise<Response> {
  return fx.call(`/api/v1/ingestions?file_name=${encodeURIComponent(name)}`, token, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
}

async function settle(id: string): Promise<Job> {
  await fx.deps.jobs.idle();
  return (await (await fx.call(`/api/v1/ingestions/${id}`, fx.tokens.finops)).json()) as Job;
}

const researchTotal = async () => {
  const [r] = await fx.store.sql(`SELECT coalesce(sum("BilledCost"), 0)::VARCHAR AS s FROM cost_records WHERE "x_Team" = 'research'`);
  return Number(r?.s);
};

/** Through the API (and its query cache, which a finished ingestion must clear). */
const apiResearchTotal = async () => {
  const body = (await (await fx.call('/api/v1/costs?measure=billed&filter=team:research', fx.tokens.finops)).json()) as { rows: Array<{ BilledCost: string }> };
  return Number(body.rows[0]?.BilledCost);
};

test('an upload becomes a job that loads the file; its progress ends at 1', async () => {
  const path = writeCsv(join(fx.dir, 'oct.csv'), FOCUS_MIN_HEADER, [
    focusRow({ day: '2024-10-02', BilledCost: '3.00', BillingPeriodStart: '2024-10-01T00:00:00Z', BillingPeriodEnd: '2024-11-01T00:00:00Z' }),
    focusRow({ day: '2024-10-03', BilledCost: '2.00', BillingPeriodStart: '2024-10-01T00:00:00Z', BillingPeriodEnd: '2024-11-01T00:00:00Z' }),
  ]);
  const before = await researchTotal();
  assert.equal(await apiResearchTotal(), before);
  const res = await upload('oct.csv', readFileSync(path));
  assert.equal(res.status, 202);
  const job = (await res.json()) as Job;
  assert.equal(res.headers.get('location'), `/api/v1/ingestions/${job.id}`);
  const done = await settle(job.id);
  assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
  assert.equal(done.progress, 1);
  assert.equal(done.result?.files[0]?.rows, 2);
  assert.equal(done.result?.files[0]?.path, 'oct.csv', "the file as uploaded, not the server's private upload folder");
  assert.equal(await researchTotal(), before + 5);
  assert.equal(await apiResearchTotal(), before + 5);
  const list = (await (await fx.call('/api/v1/ingestions', fx.tokens.admin)).json()) as { items: Job[] };
  assert.equal(list.items[0]?.id, job.id);
});

test('a file that fails validation stores nothing and the job says where', async () => {
  const path = writeCsv(join(fx.dir, 'bad.csv'), FOCUS_MIN_HEADER, [
    focusRow({ day: '2024-11-02', BilledCost: '1.00', BillingPeriodStart: '2024-11-01T00:00:00Z', BillingPeriodEnd: '2024-12-01T00:00:00Z' }),
    focusRow({ day: '2024-11-03', BilledCost: 'lots', BillingPeriodStart: '2024-11-01T00:00:00Z', BillingPeriodEnd: '2024-12-01T00:00:00Z' }),
  ]);
  const [before] = await fx.store.sql('SELECT count(*)::INTEGER AS n FROM cost_records');
  const job = (await (await upload('bad.csv', readFileSync(path))).json()) as Job;
  const done = await settle(job.id);
  assert.equal(done.status, 'failed');
  assert.equal(done.error?.code, 'INGEST_BAD_ROW');
  assert.equal(done.error?.details?.line, 3);
  const [after] = await fx.store.sql('SELECT count(*)::INTEGER AS n FROM cost_records');
  assert.equal(after?.n, before?.n);
});

test('uploads over the limit are refused with 413 and leave nothing behind; members may not upload', async () => {
  const res = await upload('huge.csv', 'x'.repeat(5000));
  assert.equal(res.status, 413);
  assert.equal((await upload('a.csv', 'a,b\n1,2\n', fx.tokens['member-research'])).status, 403);
  assert.equal((await fx.call('/api/v1/ingestions?file_name=x.csv', fx.tokens.finops, { method: 'POST' })).status, 400);
});

test('ingestions are audited with who and what', async () => {
  const audit = (await (await fx.call('/api/v1/audit?limit=1000', fx.tokens.auditor)).json()) as { items: Array<{ action: string; actor: string; target: string }> };
  const actions = audit.items.map((e) => `${e.action} ${e.target} ${e.actor}`);
  assert.ok(actions.includes('ingestion.start oct.csv token:finops'), actions.join('\n'));
  assert.ok(actions.includes('ingestion.succeeded oct.csv token:finops'));
  assert.ok(actions.includes('ingestion.failed bad.csv token:finops'));
});

test("a failed job names the file as uploaded, never the server's private upload folder", async () => {
  const job = (await (await upload('mystery.bin', 'hello world\n')).json()) as Job;
  const done = await settle(job.id);
  assert.equal(done.error?.code, 'INGEST_UNKNOWN_FORMAT');
  const text = JSON.stringify(done.error);
  assert.doesNotMatch(text, /outlay-upload-/);
  assert.doesNotMatch(text, new RegExp(tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(text, /"detail":"mystery\.bin: not a format Outlay reads/);
});

test('an unknown format= is a 400 naming format before anything is uploaded', async () => {
  const res = await fx.call('/api/v1/ingestions?file_name=x.csv&format=nonsense', fx.tokens.finops, { method: 'POST', body: 'a\n1\n' });
  assert.equal(res.status, 400);
  const p = (await res.json()) as { code: string; details: { field: string } };
  assert.deepEqual([p.code, p.details.field], ['INPUT_INVALID', 'format']);
  const jobs = (await (await fx.call('/api/v1/ingestions?limit=1000', fx.tokens.finops)).json()) as { items: Array<{ fileName: string; status: string }> };
  assert.equal(jobs.items.filter((j) => j.fileName === 'x.csv').length, 0);
});

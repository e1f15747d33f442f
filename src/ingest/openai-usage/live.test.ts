/**
 * Live reading against a fake OpenAI admin API on loopback that serves the
 * fixture pages: cursors are followed, a page that says has_more without a
 * cursor is a clear error with nothing stored, and the admin key never
 * appears in any output, even at debug log level.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir } from '../../../test/helpers.ts';
import { fakeServer, runCliAsync } from '../../../test/usage-helpers.ts';

const KEY = 'sk-admin-TEST-5f1c9e0d-never-print-me';
const page1 = readFileSync(fixture('usage', 'openai', 'usage-completions-spec-example.json'), 'utf8');
const cursor = (JSON.parse(page1) as { next_page: string }).next_page;
const page2 = JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: 1730505600, end_time: 1730592000, results: [
  { object: 'organization.usage.completions.result', input_tokens: 2000, output_tokens: 100, input_cached_tokens: 0, num_model_requests: 2, model: 'gpt-4o-2024-08-06', project_id: 'proj_1', batch: false },
] }], has_more: false, next_page: null });
const costs = readFileSync(fixture('usage', 'openai', 'costs-spec-example.json'), 'utf8');

function checkNoKey(out: { stdout: string; stderr: string }): void {
  assert.ok(!out.stdout.includes(KEY) && !out.stderr.includes(KEY), 'the admin key must never be printed');
  assert.ok(!out.stdout.includes('TEST-5f1c') && !out.stderr.includes('TEST-5f1c'));
}

test('outlay collect openai follows next_page, loads usage and costs, never prints the key', async () => {
  const srv = await fakeServer((req, url) => {
    if (req.headers.authorization !== `Bearer ${KEY}`) return { status: 401, body: '{"error":"bad key"}' };
    if (url.pathname.endsWith('/organization/costs')) return { body: costs };
    return { body: url.searchParams.get('page') === cursor ? page2 : page1 };
  });
  const t = tempDir();
  try {
    const out = await runCliAsync(['--store', join(t.dir, 's.duckdb'), 'collect', 'openai', '--since', '2024-11-01', '--endpoints', 'usage/completions,costs', '--out', join(t.dir, 'pages'), '--json'],
      { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: `${srv.url}/v1` });
    assert.equal(out.status, 0, out.stderr);
    checkNoKey(out);
    const report = JSON.parse(out.stdout) as { files: { rows: number }[] };
    assert.deepEqual(report.files.map((f) => f.rows).sort(), [1, 2]);
    assert.ok(srv.requests.some((r) => (r.url ?? '').includes(`page=${encodeURIComponent(cursor)}`)), 'second page requested with the cursor');
    const saved = readFileSync(join(t.dir, 'pages', 'openai-usage-completions.jsonl'), 'utf8');
    assert.ok(!saved.includes(KEY));
  } finally {
    await srv.close();
    t.cleanup();
  }
});

test('a page with has_more but no next_page is refused and nothing is stored', async () => {
  const broken = JSON.stringify({ ...JSON.parse(page1) as object, next_page: null });
  const srv = await fakeServer(() => ({ body: broken }));
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    const keyFile = join(t.dir, 'key');
    (await import('node:fs')).writeFileSync(keyFile, `${KEY}\n`);
    const out = await runCliAsync(['--store', store, 'collect', 'openai', '--endpoints', 'usage/completions', '--out', join(t.dir, 'p')],
      { OPENAI_ADMIN_KEY: '', OPENAI_ADMIN_KEY_FILE: keyFile, OPENAI_BASE_URL: `${srv.url}/v1` });
    assert.notEqual(out.status, 0);
    assert.match(out.stderr, /page 1 of http:\/\/127\.0\.0\.1:\d+\/v1\/organization\/usage\/completions says has_more = true but has no next_page cursor/, 'names the endpoint, the page and the field');
    assert.match(out.stderr, /INGEST_BAD_ROW/);
    checkNoKey(out);
    const listed = await runCliAsync(['--store', store, 'sources', '--format', 'json'], {});
    assert.deepEqual(JSON.parse(listed.stdout || '[]'), []);
  } finally {
    await srv.close();
    t.cleanup();
  }
});

test('no key in the environment: a clear configuration error, no request made', async () => {
  const srv = await fakeServer(() => ({ body: page2 }));
  const t = tempDir();
  try {
    const out = await runCliAsync(['--store', join(t.dir, 's.duckdb'), 'collect', 'openai', '--out', join(t.dir, 'p')], { OPENAI_ADMIN_KEY: '', OPENAI_ADMIN_KEY_FILE: '', OPENAI_BASE_URL: `${srv.url}/v1` });
    assert.notEqual(out.status, 0);
    assert.match(out.stderr, /OPENAI_ADMIN_KEY/);
    assert.equal(srv.requests.length, 0);
  } finally {
    await srv.close();
    t.cleanup();
  }
});

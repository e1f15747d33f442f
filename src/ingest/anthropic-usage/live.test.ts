/**
 * `outlay collect anthropic` against a fake Admin API on loopback serving the
 * docs example pages: the key travels only in the x-api-key header, pages are
 * followed by cursor, and the key is never printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir } from '../../../test/helpers.ts';
import { fakeServer, runCliAsync } from '../../../test/usage-helpers.ts';

const KEY = 'sk-ant-admin01-TEST-0c7f-never-print-me';
const usage = readFileSync(fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json'), 'utf8');
const cost = readFileSync(fixture('usage', 'anthropic', 'cost-report-docs-example.json'), 'utf8');
const last = (body: string) => JSON.stringify({ ...(JSON.parse(body) as object), data: [], has_more: false, next_page: null });

test('outlay collect anthropic: usage and cost reports, cursor followed, key only in the header', async () => {
  const srv = await fakeServer((req, url) => {
    if (req.headers['x-api-key'] !== KEY || !req.headers['anthropic-version']) return { status: 401, body: '{"type":"error"}' };
    const body = url.pathname.endsWith('/cost_report') ? cost : usage;
    return { body: url.searchParams.get('page') ? last(body) : body };
  });
  const t = tempDir();
  try {
    const out = await runCliAsync(['--store', join(t.dir, 's.duckdb'), 'collect', 'anthropic', '--since', '2025-08-01T15:20:00Z', '--out', join(t.dir, 'p'), '--json'],
      { ANTHROPIC_ADMIN_KEY: KEY, ANTHROPIC_BASE_URL: srv.url });
    assert.equal(out.status, 0, out.stderr);
    assert.ok(!`${out.stdout}${out.stderr}`.includes('TEST-0c7f'), 'the key is never printed');
    assert.ok(srv.requests.every((r) => !(r.url ?? '').includes('TEST-0c7f')), 'the key is never in a URL');
    const report = JSON.parse(out.stdout) as { files: { rows: number; totals: Record<string, { BilledCost: string }> }[] };
    assert.deepEqual(report.files.map((f) => f.rows).sort(), [1, 1]);
    assert.equal(srv.requests.length, 4, 'two pages per report');
    const from = srv.requests.map((r) => new URL(r.url ?? '/', 'http://x').searchParams.get('starting_at'));
    assert.deepEqual(from, Array(4).fill('2025-08-01T00:00:00.000Z'), '--since 15:20 asks from that midnight, so 1 August is not skipped');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

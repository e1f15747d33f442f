/**
 * An Anthropic report page that says has_more without a next_page cursor:
 * saved, it is refused with the file, line and `$.next_page`; live, `outlay
 * collect anthropic` refuses the pull naming the endpoint and `$.next_page`,
 * and nothing is stored, not even the usage report that was pulled whole
 * before the broken cost report. The store already holds a delivery, which
 * must be left as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir, writeCsv, FOCUS_MIN_HEADER, focusRow } from '../../../test/helpers.ts';
import { expectRefusal, withSeededStore } from '../../../test/refusal.ts';
import { fakeServer, runCliAsync } from '../../../test/usage-helpers.ts';

const KEY = 'sk-ant-admin01-TEST-77aa-never-print-me';
const usage = readFileSync(fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json'), 'utf8');
const cost = readFileSync(fixture('usage', 'anthropic', 'cost-report-docs-example.json'), 'utf8');
const withoutCursor = (body: string) => JSON.stringify({ ...(JSON.parse(body) as object), has_more: true, next_page: null }, null, 2);
const last = (body: string) => JSON.stringify({ ...(JSON.parse(body) as object), data: [], has_more: false, next_page: null });

test('a saved Anthropic report page with has_more and no cursor is refused at $.next_page', () => withSeededStore(async (store, dir) => {
  for (const [name, body] of [['usage.json', usage], ['cost.json', cost]] as const) {
    const p = join(dir, name);
    writeFileSync(p, withoutCursor(body));
    await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 1, field: '$.next_page' });
  }
}));

test('outlay collect anthropic: a live page without a cursor stores nothing and names the endpoint', async () => {
  const srv = await fakeServer((_req, url) => {
    if (url.pathname.endsWith('/cost_report')) return { body: withoutCursor(cost) };
    return { body: url.searchParams.get('page') ? last(usage) : usage };
  });
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    const seed = writeCsv(join(t.dir, 'seed.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '4.00' })]);
    const env = { ANTHROPIC_ADMIN_KEY: KEY, ANTHROPIC_BASE_URL: srv.url };
    assert.equal((await runCliAsync(['--store', store, 'ingest', seed], env)).status, 0);
    const out = await runCliAsync(['--store', store, 'collect', 'anthropic', '--since', '2025-08-01', '--out', join(t.dir, 'p'), '--json'], env);
    assert.notEqual(out.status, 0);
    const err = JSON.parse(out.stdout) as { code: string; error: string; details: { file: string; field: string } };
    assert.equal(err.code, 'INGEST_BAD_ROW');
    assert.equal(err.details.file, `${srv.url}/v1/organizations/cost_report`);
    assert.equal(err.details.field, '$.next_page');
    assert.match(err.error, /has_more = true but has no next_page cursor/);
    assert.ok(!`${out.stdout}${out.stderr}`.includes('TEST-77aa'), 'the key is never printed');
    const after = JSON.parse((await runCliAsync(['--store', store, 'sources', '--format', 'json'], env)).stdout) as { path: string; rows: number }[];
    assert.deepEqual(after.map((s) => [s.path, s.rows]), [[seed, 1]], 'only the seed: the whole usage report pulled first is not stored either');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

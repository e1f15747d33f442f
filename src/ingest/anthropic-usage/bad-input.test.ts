/**
 * Bad usage payloads are refused with the file, the line and the JSON path
 * of the field, and nothing from the delivery is stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { isOutlayError, type OutlayError } from '../../core/index.ts';
import { fixture, tempDir } from '../../../test/helpers.ts';

async function refused(files: Record<string, string>, good: string[] = []): Promise<OutlayError> {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const paths = Object.entries(files).map(([name, body]) => { const p = join(t.dir, name); writeFileSync(p, body); return p; });
    const err = await ingest(store, [...good, ...paths]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err), `expected an OutlayError, got ${String(err)}`);
    const left = await store.query({ measures: ['rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(Number(left.rows[0]?.Rows ?? 0), 0, 'nothing stored');
    return err;
  } finally {
    await store.close();
    t.cleanup();
  }
}

const anthropicUsage = (result: object) => JSON.stringify({ data: [{ starting_at: '2025-08-01T00:00:00Z', ending_at: '2025-08-02T00:00:00Z', results: [result] }], has_more: false, next_page: null }, null, 2);

test('Anthropic: a negative token count names line and JSON path; the good file beside it is not stored either', async () => {
  const e = await refused({ 'u.json': anthropicUsage({ uncached_input_tokens: -5, output_tokens: 1, cache_read_input_tokens: 0, model: 'claude-sonnet-4-20250514' }) },
    [fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json')]);
  assert.equal(e.code, 'INGEST_BAD_ROW');
  assert.equal(e.details.field, '$.data[0].results[0].uncached_input_tokens');
  assert.equal(e.details.line, 7);
  assert.match(e.message, /u\.json:7: \$\.data\[0\]\.results\[0\]\.uncached_input_tokens/);
});

test('Anthropic cost report: an amount that is not a number is refused', async () => {
  const body = JSON.stringify({ data: [{ starting_at: '2025-08-01T00:00:00Z', ending_at: '2025-08-02T00:00:00Z', results: [{ currency: 'USD', amount: 'twelve', cost_type: 'tokens' }] }] });
  const e = await refused({ 'c.json': body });
  assert.equal(e.details.field, '$.data[0].results[0].amount');
});

test('OpenAI: a bucket without start_time, and cached tokens above input, are refused with their paths', async () => {
  const noStart = JSON.stringify({ object: 'page', data: [{ object: 'bucket', end_time: 1, results: [{ object: 'organization.usage.completions.result', input_tokens: 1 }] }] });
  assert.equal((await refused({ 'a.json': noStart })).details.field, '$.data[0].start_time');
  const cached = JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: 0, end_time: 86400, results: [{ object: 'organization.usage.completions.result', input_tokens: 1, input_cached_tokens: 5 }] }] });
  assert.equal((await refused({ 'b.json': cached })).details.field, '$.data[0].results[0].input_cached_tokens');
});

test('broken JSON names the line', async () => {
  const e = await refused({ 'x.json': '{\n  "object": "page",\n  "data": [ {"object": "organization.usage.completions.result" ,, ]\n}' });
  assert.equal(e.code, 'INGEST_BAD_ROW');
  assert.equal(e.details.line, 3);
});

test('reports whose first buckets are empty are still recognised; time stamps in Postgres export form parse', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const a = join(t.dir, 'a.json');
    writeFileSync(a, JSON.stringify({ data: [{ starting_at: '2025-08-01T00:00:00Z', ending_at: '2025-08-02T00:00:00Z', results: [] }], has_more: false, next_page: null }));
    const o = join(t.dir, 'o.json');
    writeFileSync(o, JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [] }], has_more: false, next_page: null }));
    const l = join(t.dir, 'l.json');
    writeFileSync(l, JSON.stringify([{ request_id: 'r1', spend: 0.5, prompt_tokens: 1, completion_tokens: 1, model: 'gpt-4o', startTime: '2024-05-03 18:41:02.123+00', endTime: '2024-05-03 18:41:03.000000+00:00' }]));
    const r = await ingest(store, [a, o, l]);
    assert.deepEqual(r.notes.map((n) => n.format), ['anthropic-usage', 'litellm-spend-logs', 'openai-usage']);
    const q = await store.query({ measures: ['billed'], groupBy: [], grain: 'day' }, FULL_ACCESS);
    assert.equal(q.rows[0]?.ChargePeriodStart?.slice(0, 10), '2024-05-03');
  } finally {
    await store.close();
    t.cleanup();
  }
});

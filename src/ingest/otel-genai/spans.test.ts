/**
 * OTel GenAI spans (hand-written to the OTLP/HTTP JSON encoding and the
 * current GenAI conventions; no real capture is public): tokens by kind per
 * hour, agent spans not counted twice, old attribute names, NDJSON, errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { tempDir } from '../../../test/helpers.ts';
import { openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { exactSum, loadFiles, storedRows } from '../../../test/usage-helpers.ts';

const ns = (iso: string) => `${BigInt(Date.parse(iso)) * 1_000_000n}`;
const attr = (key: string, v: string | number) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } });
const span = (id: string, at: string, attrs: ReturnType<typeof attr>[]) => ({ traceId: 'a'.repeat(32), spanId: id.padStart(16, '0'), name: 'chat', kind: 3, startTimeUnixNano: ns(at), endTimeUnixNano: ns(at.replace(/00Z$/, '02Z')), attributes: attrs });
const request = (spans: object[]) => ({ resourceSpans: [{ resource: { attributes: [attr('service.name', 'support-bot'), attr('deployment.environment.name', 'prod')] }, scopeSpans: [{ scope: { name: 'openai-instrumentation' }, spans }] }] });

const chat = (id: string, at: string, input: number, output: number, cached = 0) => span(id, at, [
  attr('gen_ai.operation.name', 'chat'), attr('gen_ai.provider.name', 'openai'), attr('gen_ai.request.model', 'gpt-4o'), attr('gen_ai.response.model', 'gpt-4o-2024-08-06'),
  attr('gen_ai.usage.input_tokens', input), attr('gen_ai.usage.output_tokens', output), ...(cached ? [attr('gen_ai.usage.cache_read.input_tokens', cached)] : []),
]);

test('GenAI spans → hourly rows with tokens by kind; agent spans and non-GenAI spans do not count', async () => {
  const t = tempDir();
  try {
    const agent = span('9', '2026-08-03T10:05:00Z', [attr('gen_ai.operation.name', 'invoke_agent'), attr('gen_ai.usage.input_tokens', 99999), attr('gen_ai.usage.output_tokens', 99999)]);
    const http = span('8', '2026-08-03T10:06:00Z', [attr('http.request.method', 'POST')]);
    const old = span('7', '2026-08-03T11:00:00Z', [attr('gen_ai.system', 'anthropic'), attr('gen_ai.request.model', 'claude-sonnet-4-20250514'),
      attr('gen_ai.usage.prompt_tokens', 3000), attr('gen_ai.usage.completion_tokens', 100), attr('gen_ai.usage.cache_creation.input_tokens', 1000)]);
    const p = join(t.dir, 'traces.json');
    writeFileSync(p, JSON.stringify(request([chat('1', '2026-08-03T10:00:00Z', 1000, 200, 400), chat('2', '2026-08-03T10:30:00Z', 500, 100), agent, http, old]), null, 1));
    const l = await loadFiles([p]);
    assert.equal(l.rows.length, 2);
    const oa = l.rows.find((r) => r.ProviderName === 'OpenAI');
    assert.equal(oa?.x_Requests, '2');
    assert.equal(oa?.x_InputTokens, '1100');
    assert.equal(oa?.x_CachedInputTokens, '400');
    assert.equal(oa?.x_OutputTokens, '300');
    // gpt-4o-2024-08-06: 1100 × 2.5 + 400 × 1.25 + 300 × 10 per Mtok
    assert.equal(Number(oa?.x_PricedCost), 0.00625);
    assert.equal(oa?.x_Environment, 'prod');
    const an = l.rows.find((r) => r.ProviderName === 'Anthropic');
    assert.equal(an?.x_InputTokens, '2000');
    assert.equal(an?.x_CacheWriteTokens, '1000');
    assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /1 agent\/tool span/);
  } finally {
    t.cleanup();
  }
});

test('collector file exporter (one request per line) and a bad token count naming line and attribute', async () => {
  const t = tempDir();
  try {
    const p = join(t.dir, 'traces.jsonl');
    writeFileSync(p, `${JSON.stringify(request([chat('1', '2026-08-03T10:00:00Z', 10, 5)]))}\n${JSON.stringify(request([chat('2', '2026-08-03T12:00:00Z', 20, 5)]))}\n`);
    const l = await loadFiles([p]);
    assert.equal(l.sum('x_InputTokens'), '30');
    assert.deepEqual(l.rows.map((r) => r.x_SourceLine).sort(), ['1', '2']);
    const bad = request([chat('1', '2026-08-03T10:00:00Z', 10, 5)]);
    (bad.resourceSpans[0]?.scopeSpans[0]?.spans[0] as { attributes: object[] }).attributes.push(attr('gen_ai.usage.output_tokens', 'lots'));
    writeFileSync(p, `${JSON.stringify(request([]))}\n${JSON.stringify(bad)}\n`);
    const err = await loadFiles([p]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.equal(err.details.line, 2);
    assert.equal(err.details.field, 'gen_ai.usage.output_tokens');
  } finally {
    t.cleanup();
  }
});

test('a span exported twice (same traceId and spanId: a retried request, or the same span twice in one request) counts once', async () => {
  const t = tempDir();
  try {
    const p = join(t.dir, 'traces.jsonl');
    const first = request([chat('1', '2026-08-03T10:00:00Z', 100, 10), chat('2', '2026-08-03T10:10:00Z', 200, 20)]);
    // line 2 retries line 1 whole; line 3 holds span 2 again beside a new span 3
    const third = request([chat('2', '2026-08-03T10:10:00Z', 200, 20), chat('3', '2026-08-03T10:20:00Z', 400, 40)]);
    writeFileSync(p, [first, first, third].map((r) => JSON.stringify(r)).join('\n'));
    const l = await loadFiles([p]);
    // spans 1, 2, 3 once each: 100 + 200 + 400 input, 10 + 20 + 40 output, 3 requests
    assert.equal(l.sum('x_InputTokens'), '700');
    assert.equal(l.sum('x_OutputTokens'), '70');
    assert.equal(l.sum('x_Requests'), '3');
    assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /3 duplicate span\(s\)/);
  } finally {
    t.cleanup();
  }
});

test('the file exporter\'s file loaded again after it grew (a retried span and a new one appended) restates, not adds', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const p = join(t.dir, 'traces.jsonl');
    const one = JSON.stringify(request([chat('1', '2026-08-03T10:00:00Z', 100, 10), chat('2', '2026-08-03T10:10:00Z', 200, 20)]));
    writeFileSync(p, `${one}\n`);
    await ingest(store, [p]);
    writeFileSync(p, `${one}\n${JSON.stringify(request([chat('2', '2026-08-03T10:10:00Z', 200, 20), chat('3', '2026-08-04T09:00:00Z', 400, 40)]))}\n`);
    await ingest(store, [p]);
    // spans 1, 2, 3 once each: 100 + 200 + 400
    assert.equal(exactSum((await storedRows(store)).map((r) => r.x_InputTokens)), '700');
  } finally {
    await store.close();
    t.cleanup();
  }
});

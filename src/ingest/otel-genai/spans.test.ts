/**
 * OTel GenAI spans (hand-written to the OTLP/HTTP JSON encoding and the
 * current GenAI conventions; no real capture is public): tokens by kind per
 * hour, agent spans not counted twice, old attribute names, NDJSON, errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { runCli, tempDir } from '../../../test/helpers.ts';
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

test('GenAI spans → one row per model-call span with tokens by kind; agent spans and non-GenAI spans do not count', async () => {
  const t = tempDir();
  try {
    const agent = span('9', '2026-08-03T10:05:00Z', [attr('gen_ai.operation.name', 'invoke_agent'), attr('gen_ai.usage.input_tokens', 99999), attr('gen_ai.usage.output_tokens', 99999)]);
    const http = span('8', '2026-08-03T10:06:00Z', [attr('http.request.method', 'POST')]);
    const old = span('7', '2026-08-03T11:00:00Z', [attr('gen_ai.system', 'anthropic'), attr('gen_ai.request.model', 'claude-sonnet-4-20250514'),
      attr('gen_ai.usage.prompt_tokens', 3000), attr('gen_ai.usage.completion_tokens', 100), attr('gen_ai.usage.cache_creation.input_tokens', 1000)]);
    const p = join(t.dir, 'traces.json');
    writeFileSync(p, JSON.stringify(request([chat('1', '2026-08-03T10:00:00Z', 1000, 200, 400), chat('2', '2026-08-03T10:30:00Z', 500, 100), agent, http, old]), null, 1));
    const l = await loadFiles([p]);
    assert.equal(l.rows.length, 3);
    const isOa = (r: Record<string, string | null>) => r.ProviderName === 'OpenAI';
    assert.equal(l.sum('x_Requests', isOa), '2');
    assert.equal(l.sum('x_InputTokens', isOa), '1100');
    assert.equal(l.sum('x_CachedInputTokens', isOa), '400');
    assert.equal(l.sum('x_OutputTokens', isOa), '300');
    // gpt-4o-2024-08-06: 1100 × 2.5 + 400 × 1.25 + 300 × 10 per Mtok
    assert.equal(l.sum('x_PricedCost', isOa), '0.00625');
    assert.deepEqual(l.rows.filter(isOa).map((r) => r.x_UsageId).sort(), [`otel:${'a'.repeat(32)}/${'1'.padStart(16, '0')}`, `otel:${'a'.repeat(32)}/${'2'.padStart(16, '0')}`]);
    assert.ok(l.rows.filter(isOa).every((r) => r.x_Environment === 'prod'));
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

/** A holds spans 1–3; B, a later file of the exporter, re-sends spans 2 and 3 and adds span 4. */
function writeSpanFiles(a: string, b: string): void {
  writeFileSync(a, JSON.stringify(request([chat('1', '2026-08-03T10:00:00Z', 1000, 100), chat('2', '2026-08-03T10:10:00Z', 2000, 200), chat('3', '2026-08-03T11:00:00Z', 4000, 400)])));
  writeFileSync(b, JSON.stringify(request([chat('2', '2026-08-03T10:10:00Z', 2000, 200), chat('3', '2026-08-03T11:00:00Z', 4000, 400), chat('4', '2026-08-03T12:00:00Z', 8000, 800)])));
}

test('a span re-sent in a later file (another name) is stored once; the ingest says how many it skipped and exits 0', async () => {
  const t = tempDir();
  try {
    const store = join(t.dir, 'outlay.duckdb');
    const a = join(t.dir, 'traces-a.json');
    const b = join(t.dir, 'traces-b.json');
    writeSpanFiles(a, b);
    assert.equal(runCli(['--store', store, 'ingest', a]).status, 0);
    const r = runCli(['--store', store, 'ingest', b]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /traces-b\.json: 2 record\(s\) already stored from another file/);
    const s = await openStore({ path: store });
    try {
      const rows = await storedRows(s);
      // spans 1–4 once: input 1000 + 2000 + 4000 + 8000, output a tenth of that
      assert.equal(exactSum(rows.map((x) => x.x_InputTokens)), '15000');
      assert.equal(exactSum(rows.map((x) => x.x_OutputTokens)), '1500');
      assert.equal(exactSum(rows.map((x) => x.x_Requests)), '4');
      // gpt-4o-2024-08-06 at $2.50 in, $10 out per Mtok: 15000 × 2.5e-6 + 1500 × 1e-5
      assert.equal(exactSum(rows.map((x) => x.x_PricedCost)), '0.0525');
      assert.equal(exactSum(rows.map((x) => x.BilledCost)), '0.0525');
      const sources = await s.listSources();
      assert.deepEqual(sources.map((x) => [basename(x.path), x.rows, x.usage.x_InputTokens]).sort(), [['traces-a.json', 3, '7000'], ['traces-b.json', 1, '8000']]);
    } finally {
      await s.close();
    }
  } finally {
    t.cleanup();
  }
});

test('spans repeated across files of one delivery count once; a restated file replaces its own spans, which are not "already stored"', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const a = join(t.dir, 'traces-a.json');
    const b = join(t.dir, 'traces-b.json');
    writeSpanFiles(a, b);
    const both = await ingest(store, [a, b]);
    assert.deepEqual(both.files.map((f) => [basename(f.path), f.rows, f.skippedRows]), [['traces-a.json', 3, 0], ['traces-b.json', 1, 2]]);
    assert.equal(exactSum((await storedRows(store)).map((r) => r.x_InputTokens)), '15000');
    // A again under its name, span 1 corrected to 1500: A's rows (1, 2, 3) make way for the new version's
    writeFileSync(a, JSON.stringify(request([chat('1', '2026-08-03T10:00:00Z', 1500, 100), chat('2', '2026-08-03T10:10:00Z', 2000, 200), chat('3', '2026-08-03T11:00:00Z', 4000, 400)])));
    const again = await ingest(store, [a]);
    assert.equal(again.files[0]?.replacedRows, 3);
    assert.equal(again.files[0]?.skippedRows, 0);
    assert.ok(!again.notes.some((n) => n.warnings.some((w) => /already stored/.test(w))));
    // 1500 + 2000 + 4000 + 8000
    assert.equal(exactSum((await storedRows(store)).map((r) => r.x_InputTokens)), '15500');
  } finally {
    await store.close();
    t.cleanup();
  }
});

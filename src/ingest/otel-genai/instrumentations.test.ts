/**
 * How real instrumentations fill the GenAI attributes, checked against their
 * source: OpenLIT (openlit/openlit sdk/python/src/openlit/instrumentation/
 * anthropic/utils.py, sdk/typescript/src/instrumentation/anthropic/wrapper.ts)
 * puts Anthropic's own input_tokens, without cache reads and writes, in
 * gen_ai.usage.input_tokens and tags its resource telemetry.sdk.name
 * "openlit"; OpenLLMetry (traceloop/openllmetry, opentelemetry-instrumentation-
 * anthropic) adds the cache tokens in, as the conventions say, and names
 * Mistral "MistralAI". Spans are hand-made in those shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOutlayError } from '../../core/index.ts';
import { loadText } from '../../../test/usage-helpers.ts';

const attr = (key: string, v: string | number) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } });
const request = (resource: ReturnType<typeof attr>[], attrs: ReturnType<typeof attr>[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: resource },
  scopeSpans: [{ scope: { name: 'openlit.otel.tracing' }, spans: [{ traceId: 'b'.repeat(32), spanId: '1'.padStart(16, '0'), name: 'chat claude-3-5-sonnet-latest', kind: 3,
    startTimeUnixNano: '1785751200000000000', endTimeUnixNano: '1785751201000000000', attributes: attrs }] }] }] });
const anthropicCall = (input: number, read: number, write: number) => [
  attr('gen_ai.operation.name', 'chat'), attr('gen_ai.system', 'anthropic'), attr('gen_ai.request.model', 'claude-3-5-sonnet-latest'),
  attr('gen_ai.response.model', 'claude-3-5-sonnet-20241022'), attr('gen_ai.usage.input_tokens', input), attr('gen_ai.usage.output_tokens', 20),
  attr('gen_ai.usage.cache_creation.input_tokens', write), attr('gen_ai.usage.cache_read.input_tokens', read), attr('gen_ai.client.token.usage', input + 20),
];
const openlit = [attr('service.name', 'default'), attr('deployment.environment', 'default'), attr('telemetry.sdk.name', 'openlit')];

test('OpenLIT Anthropic spans: input_tokens is already the uncached part, the cache tokens come on top', async () => {
  // OpenLIT's own test usage: input 10, output 20, cache creation 5, cache read 3
  const l = await loadText('openlit.json', request(openlit, anthropicCall(10, 3, 5)));
  const r = l.rows[0];
  assert.equal(l.rows.length, 1);
  assert.equal(r?.x_InputTokens, '10');
  assert.equal(r?.x_CachedInputTokens, '3');
  assert.equal(r?.x_CacheWriteTokens, '5');
  assert.equal(r?.x_OutputTokens, '20');
  // claude-3-5-sonnet-20241022 per Mtok: 10 × 3 + 3 × 0.30 + 5 × 3.75 + 20 × 15 = 349.65
  assert.equal(Number(r?.x_PricedCost), 0.00034965);
});

test('OpenLIT Anthropic span whose cache reads exceed input_tokens loads (a mostly cached prompt), not refused', async () => {
  const l = await loadText('openlit.json', request(openlit, anthropicCall(12, 4000, 0)));
  assert.equal(l.rows[0]?.x_InputTokens, '12');
  assert.equal(l.rows[0]?.x_CachedInputTokens, '4000');
});

test('the same attributes from any other SDK keep the conventions\' reading: cache tokens inside input_tokens', async () => {
  const other = [attr('service.name', 'default'), attr('telemetry.sdk.name', 'opentelemetry')];
  const l = await loadText('otel.json', request(other, anthropicCall(10, 3, 5)));
  assert.equal(l.rows[0]?.x_InputTokens, '2', '10 − 3 − 5');
  const err = await loadText('otel.json', request(other, anthropicCall(12, 4000, 0))).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.equal(err.details.field, 'gen_ai.usage.input_tokens');
  assert.equal(err.details.line, 1);
});

test('OpenLLMetry\'s "MistralAI" system is Mistral\'s catalogue', async () => {
  const l = await loadText('mistral.json', request([attr('service.name', 'bot')], [attr('gen_ai.system', 'MistralAI'), attr('gen_ai.request.model', 'mistral-large-2411'),
    attr('gen_ai.usage.prompt_tokens', 1000), attr('gen_ai.usage.completion_tokens', 500), attr('llm.usage.total_tokens', 1500)]));
  assert.equal(l.rows[0]?.ProviderName, 'Mistral AI');
  // mistral-large-2411: 1000 × 2 + 500 × 6 per Mtok
  assert.equal(Number(l.rows[0]?.x_PricedCost), 0.005);
});

/**
 * The Usage and Costs API fields read as OpenAI's API reference defines them
 * (organization.usage.completions.result, organization.costs.result, as
 * generated into the public OpenAPI clients), with hand-computed answers.
 * Prices: the catalogue's gpt-4o row (2.5 input, 1.25 cached input, 10 output
 * USD per Mtok, batch discount 50 %).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadText } from '../../../test/usage-helpers.ts';

const DAY = 1754006400; // 2025-08-01T00:00:00Z, epoch seconds as the API sends them
const page = (results: object[], more = false, next: string | null = null, start = DAY): string =>
  JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: start, end_time: start + 86_400, results }], has_more: more, next_page: next });

test('earlier spec: input_tokens includes input_cached_tokens; batch = true is priced at the batch discount', async () => {
  // "input_tokens: The aggregated number of text input tokens used, including cached tokens."
  const l = await loadText('batch.json', page([{ object: 'organization.usage.completions.result', input_tokens: 1_000_000, input_cached_tokens: 400_000,
    output_tokens: 500_000, input_audio_tokens: 0, output_audio_tokens: 0, num_model_requests: 10, project_id: 'proj_x', user_id: 'user_1', api_key_id: 'key_1', model: 'gpt-4o', batch: true }]));
  const r = l.rows[0];
  assert.equal(r?.x_InputTokens, '600000'); // uncached: 1,000,000 − 400,000
  assert.equal(r?.x_CachedInputTokens, '400000');
  assert.equal(r?.x_OutputTokens, '500000');
  assert.equal(r?.x_Requests, '10'); // num_model_requests
  // (0.6 × 2.5 + 0.4 × 1.25 + 0.5 × 10) × 50 % = (1.5 + 0.5 + 5) / 2 = 3.5
  assert.equal(Number(r?.BilledCost), 3.5);
  assert.equal(r?.x_ServiceTier, 'batch');
  assert.equal(r?.SubAccountId, 'proj_x');
  assert.equal(r?.x_ApiKeyId, 'key_1');
  assert.deepEqual(JSON.parse(r?.Tags ?? '{}'), { user_id: 'user_1', project_id: 'proj_x' });
  assert.equal(r?.ChargePeriodStart, '2025-08-01T00:00:00Z');
});

test('current spec: input_tokens = cached + uncached + cache-write; audio is a part of uncached, not added on top', async () => {
  // "input_uncached_tokens: ... uncached input tokens across text, audio, and image inputs, excluding cache-write tokens."
  const l = await loadText('current.json', page([{ object: 'organization.usage.completions.result', input_tokens: 1_000_000, input_cached_tokens: 200_000,
    input_uncached_tokens: 800_000, input_cache_write_tokens: 0, input_audio_tokens: 100_000, input_image_tokens: 0, output_tokens: 300_000,
    output_audio_tokens: 0, output_image_tokens: 0, num_model_requests: 4, model: 'gpt-4o' }]));
  const r = l.rows[0];
  assert.equal(r?.x_InputTokens, '800000'); // text 700,000 + audio 100,000
  assert.equal(r?.x_AudioInputTokens, '100000');
  assert.equal(r?.x_CachedInputTokens, '200000');
  assert.equal(Number(r?.ConsumedQuantity), 1_300_000); // 1,000,000 input + 300,000 output, nothing twice
  assert.equal(r?.x_PricingStatus, 'partial'); // audio input has no catalogue rate
});

test('Costs API: amount.value is in dollars (a JSON number), currency lowercase', async () => {
  const l = await loadText('costs.json', page([{ object: 'organization.costs.result', amount: { value: 0.06, currency: 'usd' }, line_item: 'gpt-4o-2024-08-06, input', project_id: 'proj_x' }]));
  const r = l.rows[0];
  assert.equal(Number(r?.BilledCost), 0.06);
  assert.equal(r?.BillingCurrency, 'USD');
  assert.equal(r?.x_Model, 'gpt-4o-2024-08-06');
});

test('NDJSON of pages whose last page still says has_more: the file is incomplete and the load says so', async () => {
  const res = [{ object: 'organization.usage.completions.result', input_tokens: 10, output_tokens: 1, num_model_requests: 1, model: 'gpt-4o' }];
  const stopped = await loadText('stopped.ndjson', `${page(res, true, 'page_2')}\n${page(res, true, 'page_3', DAY + 86_400)}\n`);
  assert.equal(stopped.rows.length, 2);
  assert.match(stopped.report.notes[0]?.warnings.join('\n') ?? '', /last of 2 saved pages says has_more = true \(next_page page_3\)/);
  // The same pull run to its end: the first page's has_more is the pagination itself, nothing to say.
  const whole = await loadText('whole.ndjson', `${page(res, true, 'page_2')}\n${page(res, false, null, DAY + 86_400)}\n`);
  assert.doesNotMatch(whole.report.notes[0]?.warnings.join('\n') ?? '', /has_more/);
});

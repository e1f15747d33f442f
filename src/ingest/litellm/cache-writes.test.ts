/**
 * Anthropic calls in LiteLLM spend logs: newer LiteLLM (litellm/llms/anthropic/
 * chat/transformation.py, calculate_usage) adds cache reads and cache writes
 * into prompt_tokens and states both in usage_object.prompt_tokens_details
 * (cached_tokens, cache_creation_tokens). Rows are hand-made in that shape,
 * one with metadata as a JSON string, as a Postgres export of
 * LiteLLM_SpendLogs gives it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOutlayError } from '../../core/index.ts';
import { loadText } from '../../../test/usage-helpers.ts';

const usage = (prompt: number, read: number, write: number) => ({ prompt_tokens: prompt, completion_tokens: 100, total_tokens: prompt + 100,
  prompt_tokens_details: { audio_tokens: null, cached_tokens: read, text_tokens: null, image_tokens: null, cache_creation_tokens: write, cache_creation_token_details: { ephemeral_5m_input_tokens: write, ephemeral_1h_input_tokens: 0 } },
  completion_tokens_details: null, cache_creation_input_tokens: write, cache_read_input_tokens: read });
const row = (id: string, prompt: number, read: number, write: number, asString: boolean) => {
  const metadata = { user_api_key_team_alias: 'search', usage_object: usage(prompt, read, write) };
  return { request_id: id, call_type: 'acompletion', api_key: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b', spend: 0.004, total_tokens: prompt + 100,
    prompt_tokens: prompt, completion_tokens: 100, startTime: '2026-07-01T10:00:00.000000Z', endTime: '2026-07-01T10:00:03.000000Z', model: 'claude-sonnet-4-20250514',
    model_group: 'claude-sonnet', custom_llm_provider: 'anthropic', api_base: 'https://api.anthropic.com/v1/messages', user: 'default_user_id',
    metadata: asString ? JSON.stringify(metadata) : metadata, cache_hit: 'False', request_tags: '[]', team_id: 'team-1', end_user: '' };
};

test('cache writes stated in prompt_tokens_details are priced as writes, not as plain input', async () => {
  // prompt 1500 = 200 uncached + 1000 read + 300 written
  const l = await loadText('spend-logs.json', JSON.stringify([row('chatcmpl-1', 1500, 1000, 300, false), row('chatcmpl-2', 1500, 1000, 300, true)]));
  assert.equal(l.rows.length, 2);
  for (const r of l.rows) {
    assert.equal(r.x_InputTokens, '200');
    assert.equal(r.x_CachedInputTokens, '1000');
    assert.equal(r.x_CacheWriteTokens, '300');
    // claude-sonnet-4-20250514 per Mtok: 200 × 3 + 1000 × 0.30 + 300 × 3.75 + 100 × 15 = 3525
    assert.equal(Number(r.x_PricedCost), 0.003525);
    assert.equal(Number(r.BilledCost), 0.004, "LiteLLM's own spend stays the billed cost");
  }
});

test('reads and writes larger than prompt_tokens are refused naming the row', async () => {
  const err = await loadText('spend-logs.json', JSON.stringify([row('chatcmpl-1', 1000, 900, 300, false)])).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.match(String(err.details.field), /prompt_tokens_details\.cached_tokens$/);
  assert.match(err.message, /\(900\) with cache_creation_tokens \(300\) exceeds prompt_tokens \(1000\)/);
});

/**
 * The OpenAI and Anthropic fixtures in shared/fixtures/usage load, and what is
 * stored reconciles with totals.json: tokens by kind, requests, money.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, readJson } from '../../../test/helpers.ts';
import { loadFiles } from '../../../test/usage-helpers.ts';

type Totals = Record<string, { sha256: string; results?: number; sums?: Record<string, number>; amount_by_currency?: Record<string, string>; amount_by_currency_major_units?: Record<string, string> }>;
const totals = readJson<Totals>(fixture('usage', 'totals.json'));
const want = (rel: string) => {
  const t = totals[rel];
  assert.ok(t, `${rel} in totals.json`);
  return t;
};
const s = (t: ReturnType<typeof want>, k: string): bigint => BigInt(t.sums?.[k] ?? 0);

test('OpenAI cookbook capture (earlier spec: audio counted apart from input/output)', async () => {
  const rel = 'openai/usage-completions-1d-cookbook.json';
  const t = want(rel);
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.report.files[0]?.sha256, t.sha256);
  assert.equal(l.rows.length, t.results);
  // input_tokens (text incl. cached) + audio input = uncached (all modalities) + cached
  assert.equal(BigInt(l.sum('x_InputTokens')) + BigInt(l.sum('x_CachedInputTokens')), s(t, 'input_tokens') + s(t, 'input_audio_tokens'));
  assert.equal(l.sum('x_CachedInputTokens'), String(s(t, 'input_cached_tokens')));
  assert.equal(l.sum('x_AudioInputTokens'), String(s(t, 'input_audio_tokens')));
  assert.equal(l.sum('x_OutputTokens'), String(s(t, 'output_tokens') + s(t, 'output_audio_tokens')));
  assert.equal(l.sum('x_AudioOutputTokens'), String(s(t, 'output_audio_tokens')));
  assert.equal(l.sum('x_Requests'), String(s(t, 'num_model_requests')));
  // No model (no group_by): every row is unpriced, flagged and reported, never priced as free.
  assert.ok(l.rows.every((r) => r.x_PricingStatus === 'unpriced' && r.x_PricedCost === null));
  assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /26 row\(s\) unpriced/);
  const starts = l.rows.map((r) => r.ChargePeriodStart ?? '').sort();
  assert.match(starts[0] ?? '', /^2025-01-11[ T]17:31:00/);
  const ends = l.rows.map((r) => r.ChargePeriodEnd ?? '').sort();
  assert.match(ends[ends.length - 1] ?? '', /^2025-02-10[ T]17:31:03/, 'last_end_time 1739208663');
});

test('OpenAI spec example (current spec: input = cached + uncached + cache write)', async () => {
  const rel = 'openai/usage-completions-spec-example.json';
  const t = want(rel);
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.rows.length, 1);
  const total = BigInt(l.sum('x_InputTokens')) + BigInt(l.sum('x_CachedInputTokens')) + BigInt(l.sum('x_CacheWriteTokens'));
  assert.equal(total, s(t, 'input_tokens'));
  assert.equal(l.sum('x_InputTokens'), String(s(t, 'input_uncached_tokens')));
  assert.equal(l.sum('x_CachedInputTokens'), String(s(t, 'input_cached_tokens')));
  assert.equal(l.sum('x_CacheWriteTokens'), String(s(t, 'input_cache_write_tokens')));
  assert.equal(l.sum('x_OutputTokens'), String(s(t, 'output_tokens')));
  assert.equal(l.sum('x_AudioInputTokens'), String(s(t, 'input_audio_tokens')));
  assert.equal(l.sum('x_ImageInputTokens'), String(s(t, 'input_image_tokens')));
  assert.equal(l.sum('x_ImageOutputTokens'), String(s(t, 'output_image_tokens')));
  assert.equal(l.sum('x_Requests'), String(s(t, 'num_model_requests')));
  assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /has_more = true/);
});

test('OpenAI costs example: amount kept as its literal, currency upper-cased, invoice row', async () => {
  const rel = 'openai/costs-spec-example.json';
  const t = want(rel);
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.rows.length, t.results);
  assert.equal(l.sum('BilledCost'), t.amount_by_currency?.usd);
  assert.equal(l.rows[0]?.BillingCurrency, 'USD');
  assert.equal(l.rows[0]?.x_PricingStatus, 'invoice');
});

test('Anthropic usage report: cache writes by lifetime, priced by kind', async () => {
  const rel = 'anthropic/usage-report-messages-docs-example.json';
  const t = want(rel);
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.rows.length, t.results);
  assert.equal(l.sum('x_InputTokens'), String(s(t, 'uncached_input_tokens')));
  assert.equal(l.sum('x_CacheWriteTokens'), String(s(t, 'cache_creation.ephemeral_5m_input_tokens') + s(t, 'cache_creation.ephemeral_1h_input_tokens')));
  assert.equal(l.sum('x_CacheWrite1hTokens'), String(s(t, 'cache_creation.ephemeral_1h_input_tokens')));
  assert.equal(l.sum('x_CachedInputTokens'), String(s(t, 'cache_read_input_tokens')));
  assert.equal(l.sum('x_OutputTokens'), String(s(t, 'output_tokens')));
  assert.equal(l.sum('x_WebSearchRequests'), String(s(t, 'server_tool_use.web_search_requests')));
  const all = ['x_InputTokens', 'x_CacheWriteTokens', 'x_CachedInputTokens'].reduce((a, c) => a + BigInt(l.sum(c)), 0n);
  assert.equal(all, s(t, 'all_input_tokens'));
  // claude-sonnet-4 ≤200k: 1500×3 + 500×3.75 + 1000×(2×3) + 200×0.3 + 500×15 per Mtok = $0.019935;
  // web search has no catalogue rate, so the row is partial, not fully priced.
  assert.equal(l.sum('x_PricedCost'), '0.019935');
  assert.equal(l.rows[0]?.x_PricingStatus, 'partial');
});

test('Anthropic cost report: cents as decimal strings become exact dollars', async () => {
  const rel = 'anthropic/cost-report-docs-example.json';
  const t = want(rel);
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.rows.length, t.results);
  assert.equal(l.sum('BilledCost'), t.amount_by_currency_major_units?.USD);
  assert.equal(l.rows[0]?.x_Model, 'claude-sonnet-4-20250514');
});

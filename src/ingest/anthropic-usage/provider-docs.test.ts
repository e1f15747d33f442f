/**
 * The Admin API's usage and cost reports read as Anthropic's API reference
 * defines them (GET /v1/organizations/usage_report/messages and
 * /cost_report), with hand-computed answers. Prices: the catalogue's
 * claude-sonnet-4-20250514 row for ≤ 200k (3 input, 0.3 cache read, 3.75
 * 5-minute cache write, 15 output USD per Mtok); 1-hour writes at 2 × input
 * and batch at 50 %, Anthropic's published rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadText } from '../../../test/usage-helpers.ts';

const report = (results: object[], more = false, next: string | null = null, day = '2025-08-01'): string =>
  JSON.stringify({ data: [{ starting_at: `${day}T00:00:00Z`, ending_at: `${day.slice(0, 8)}${String(Number(day.slice(8)) + 1).padStart(2, '0')}T00:00:00Z`, results }], has_more: more, next_page: next });

const usage = (serviceTier: string) => ({
  uncached_input_tokens: 1_000_000, cache_creation: { ephemeral_5m_input_tokens: 1_000_000, ephemeral_1h_input_tokens: 1_000_000 },
  cache_read_input_tokens: 1_000_000, output_tokens: 1_000_000, server_tool_use: { web_search_requests: 0 },
  api_key_id: 'apikey_1', workspace_id: 'wrkspc_1', model: 'claude-sonnet-4-20250514', service_tier: serviceTier, context_window: '0-200k',
});

test('uncached_input_tokens excludes cache reads and writes: each is stored and priced once, 5m and 1h apart', async () => {
  const l = await loadText('usage.json', report([usage('standard')]));
  const r = l.rows[0];
  assert.equal(r?.x_InputTokens, '1000000');
  assert.equal(r?.x_CachedInputTokens, '1000000');
  assert.equal(r?.x_CacheWriteTokens, '2000000'); // 5m + 1h
  assert.equal(r?.x_CacheWrite1hTokens, '1000000');
  assert.equal(Number(r?.ConsumedQuantity), 5_000_000);
  // 3 + 0.3 + 3.75 + 2 × 3 + 15 = 28.05
  assert.equal(Number(r?.BilledCost), 28.05);
  assert.equal(r?.SubAccountId, 'wrkspc_1');
  assert.equal(r?.x_ApiKeyId, 'apikey_1');
});

test('service_tier batch: 50 % of the standard price, cache writes and reads included', async () => {
  const l = await loadText('batch.json', report([usage('batch')]));
  assert.equal(Number(l.rows[0]?.BilledCost), 14.025); // 28.05 / 2
  assert.equal(l.rows[0]?.x_ServiceTier, 'batch');
});

test('cost report: amount is a decimal string in cents ("123.78912" = $1.2378912)', async () => {
  const l = await loadText('cost.json', report([{ amount: '123.78912', context_window: '0-200k', cost_type: 'tokens', currency: 'USD',
    description: 'Claude Sonnet 4 Usage - Input Tokens', model: 'claude-sonnet-4-20250514', service_tier: 'standard', token_type: 'uncached_input_tokens', workspace_id: null }]));
  assert.equal(Number(l.rows[0]?.BilledCost), 1.2378912);
  assert.equal(l.rows[0]?.BillingCurrency, 'USD');
  assert.equal(l.rows[0]?.ChargePeriodStart, '2025-08-01T00:00:00Z');
});

test('NDJSON of pages whose last page still says has_more: the file is incomplete and the load says so', async () => {
  const r = [{ ...usage('standard'), model: 'claude-sonnet-4-20250514' }];
  const stopped = await loadText('stopped.ndjson', `${report(r, true, 'page_2')}\n${report(r, true, 'page_3', '2025-08-02')}\n`);
  assert.equal(stopped.rows.length, 2);
  assert.match(stopped.report.notes[0]?.warnings.join('\n') ?? '', /last of 2 saved pages says has_more = true \(next_page page_3\)/);
  const whole = await loadText('whole.ndjson', `${report(r, true, 'page_2')}\n${report(r, false, null, '2025-08-02')}\n`);
  assert.doesNotMatch(whole.report.notes[0]?.warnings.join('\n') ?? '', /has_more/);
});

test('speed "fast" (fast mode, billed at a premium over standard rates) is unpriced, never priced at standard rates; requests is x_Requests', async () => {
  // Fast mode docs: "priced at a multiplier on standard rates"; the usage report states `speed` when grouped by it, and `requests`.
  const l = await loadText('fast.json', report([{ ...usage('standard'), speed: 'fast', requests: 40 }, { ...usage('standard'), speed: 'standard', requests: 60 }]));
  const [fast, standard] = l.rows;
  assert.equal(fast?.x_PricingStatus, 'unpriced');
  assert.equal(fast?.x_PricedCost, null);
  assert.equal(Number(fast?.BilledCost), 0); // unpriced rows bill 0 and are flagged
  assert.match(fast?.x_PricingNote ?? '', /fast/);
  assert.equal(JSON.parse(fast?.Tags ?? '{}').speed, 'fast');
  assert.equal(fast?.x_Requests, '40');
  assert.equal(Number(standard?.BilledCost), 28.05); // as the first test: standard speed is the catalogue's rate
  assert.equal(standard?.x_Requests, '60');
});

test('the Console usage export\'s speed column: a fast row is unpriced too', async () => {
  const l = await loadText('claude_api_tokens_2026_08.csv', 'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,'
    + 'usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed\n'
    + '2026-08-05,claude-sonnet-4-20250514,ci-key,Default,standard,≤ 200k,1000000,0,0,0,0,0,global,fast\n');
  assert.equal(l.rows[0]?.x_PricingStatus, 'unpriced');
  assert.equal(l.rows[0]?.x_InputTokens, '1000000');
});

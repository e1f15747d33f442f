/**
 * The Claude Console's CSV exports, written by hand with the usage export's
 * columns (and a cost export's usage_date_utc / token_type / cost_usd): they
 * load as the Admin API reports do, priced by kind from the catalogue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOutlayError } from '../../core/index.ts';
import { exactSum, loadText } from '../../../test/usage-helpers.ts';

const USAGE = 'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,'
  + 'usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed';

test('a Console usage export: tokens by kind, priced per model, batch at half price', async () => {
  const l = await loadText('claude_api_tokens_2026_08.csv', [USAGE,
    '2026-08-05,claude-sonnet-4-20250514,ci-key,Default,standard,≤ 200k,"1,000,000",100000,0,2000000,50000,0,global,',
    '2026-08-05,claude-3-5-haiku-20241022,ci-key,Default,batch,≤ 200k,1000000,0,0,0,1000000,0,not_available,',
  ].join('\n') + '\n');
  assert.equal(l.report.notes[0]?.format, 'anthropic-usage');
  // Sonnet 4 (≤ 200k): 1M × 3 + 0.1M × 3.75 (5-minute write) + 2M × 0.3 (read) + 0.05M × 15 = 4.725
  // Haiku 3.5, batch: (1M × 0.8 + 1M × 4) × 50 % = 2.4
  assert.equal(exactSum(l.rows.map((r) => r.x_PricedCost)), '7.125');
  assert.equal(exactSum(l.rows.map((r) => r.x_InputTokens)), '2000000');
  assert.equal(exactSum(l.rows.map((r) => r.x_CacheWriteTokens)), '100000');
  assert.ok(l.rows.every((r) => r.ChargePeriodStart?.startsWith('2026-08-05') && r.ChargePeriodEnd?.startsWith('2026-08-06')));
});

test('a Console cost export: dollars (not cents) as invoice rows', async () => {
  const l = await loadText('claude_api_cost_2026_08.csv', 'usage_date_utc,model,workspace,api_key,usage_type,token_type,cost_usd\n'
    + '2026-08-05,Claude Sonnet 4,Default,ci-key,standard,input_no_cache,3.00\n2026-08-05,Claude Sonnet 4,Default,ci-key,standard,output,0.75\n');
  assert.equal(l.report.notes[0]?.format, 'anthropic-cost');
  assert.equal(exactSum(l.rows.map((r) => r.BilledCost)), '3.75');
  assert.ok(l.rows.every((r) => r.x_PricingStatus === 'invoice'));
});

test('a cost export names models by display name; its rows carry the model id the usage export uses', async () => {
  const l = await loadText('claude_api_cost_2026_08.csv', 'usage_date_utc,model,workspace,api_key,usage_type,token_type,cost_usd\n'
    + '2026-08-05,Claude Sonnet 4,Default,ci-key,standard,input_no_cache,3.00\n2026-08-05,Claude Opus 4.1,Default,ci-key,standard,output,0.75\n'
    + '2026-08-05,Claude 3.5 Haiku,Default,ci-key,standard,output,0.25\n2026-08-05,Claude 3.5 Sonnet,Default,ci-key,standard,output,0.5\n');
  const byModel = Object.fromEntries(l.rows.map((r) => [r.x_Model ?? '', Number(r.BilledCost)]));
  assert.deepEqual(byModel, { 'claude-sonnet-4-20250514': 3, 'claude-opus-4-1-20250805': 0.75, 'claude-3-5-haiku-20241022': 0.25, 'Claude 3.5 Sonnet': 0.5 });
});

test('a Console export cell that is not a count names its line and column', async () => {
  const err = await loadText('bad.csv', `${USAGE}\n2026-08-05,claude-sonnet-4-20250514,k,Default,standard,≤ 200k,12,0,0,0,many,0,global,\n`).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.equal(err.details.line, 2);
  assert.equal(err.details.field, '$.usage_output_tokens');
});

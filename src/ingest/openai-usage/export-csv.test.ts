/**
 * The OpenAI dashboard's CSV exports (usage and costs), written by hand with
 * the export's columns: decimals for counts ("1000.0"), TRUE/FALSE for batch,
 * Unix and ISO bucket times, and rows of empty cells for buckets without
 * traffic. They load as the API pages do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOutlayError } from '../../core/index.ts';
import { exactSum, loadText } from '../../../test/usage-helpers.ts';

const USAGE = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,'
  + 'input_cached_tokens,input_uncached_tokens,input_text_tokens,output_text_tokens,input_cached_text_tokens,input_audio_tokens,input_cached_audio_tokens,'
  + 'output_audio_tokens,input_image_tokens,input_cached_image_tokens,output_image_tokens';
const DAY1 = '1785542400,1785628800,2026-08-01T00:00:00+00:00,2026-08-02T00:00:00+00:00';
const DAY2 = '1785628800,1785715200,2026-08-02T00:00:00+00:00,2026-08-03T00:00:00+00:00';

test('a usage export: one priced row per group, empty buckets skipped', async () => {
  const l = await loadText('completions_usage_2026-08.csv', [USAGE,
    `${DAY1},proj_a,10.0,user-a,key_a,gpt-4o-mini,FALSE,default,1000.0,500.0,200.0,800.0,800.0,500.0,200.0,0.0,0.0,0.0,0.0,0.0,0.0`,
    `${DAY2}${','.repeat(20)}`,
    `${DAY2},proj_a,2.0,user-a,key_a,gpt-4o-mini,TRUE,default,2000.0,1000.0,0.0,2000.0,2000.0,1000.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0`,
  ].join('\n') + '\n');
  assert.equal(l.report.notes[0]?.format, 'openai-usage');
  assert.equal(l.rows.length, 2);
  // gpt-4o-mini: 0.15 input, 0.075 cached, 0.60 output $/Mtok; batch at the catalogue's 50 %.
  // Day 1: 800 × 0.15 + 200 × 0.075 + 500 × 0.60 = 435 µ$; day 2: (2000 × 0.15 + 1000 × 0.60) × 0.5 = 450 µ$.
  assert.equal(exactSum(l.rows.map((r) => r.x_PricedCost)), '0.000885');
  assert.equal(exactSum(l.rows.map((r) => r.x_Requests)), '12');
  assert.equal(exactSum(l.rows.map((r) => r.x_CachedInputTokens)), '200');
  assert.deepEqual(l.rows.map((r) => r.ChargePeriodStart?.slice(0, 10)).sort(), ['2026-08-01', '2026-08-02']);
});

test('a costs export: the amounts as invoice rows, model from the line item', async () => {
  const l = await loadText('cost_2026-08.csv', ['start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name',
    `${DAY1},0.8958740000000000,usd,,,org-abc,Personal`,
    `${DAY2},,,,,,`,
    `${DAY2},0.072054,usd,"gpt-4o-mini-2024-07-18, input",proj_a,org-abc,Personal`,
  ].join('\n') + '\n');
  assert.equal(l.report.notes[0]?.format, 'openai-costs');
  assert.equal(exactSum(l.rows.map((r) => r.BilledCost)), '0.967928'); // 0.895874 + 0.072054
  assert.deepEqual(l.rows.map((r) => r.x_Model).sort(), ['gpt-4o-mini-2024-07-18', null].sort());
  assert.ok(l.rows.every((r) => r.BillingCurrency === 'USD' && r.x_PricingStatus === 'invoice'));
});

test('a usage export cell that is not a count names its line and column; nothing is stored', async () => {
  const err = await loadText('bad_usage.csv', `${USAGE}\n${DAY1},proj_a,1.0,,,gpt-4o,FALSE,default,lots,5.0,0.0,,,,,,,,,,\n`).then(() => undefined, (e: unknown) => e);
  assert.ok(isOutlayError(err));
  assert.equal(err.details.line, 2);
  assert.equal(err.details.field, '$.input_tokens');
});

/**
 * LiteLLM's /user/daily/activity answer, written by hand in its shape
 * (results[].date / metrics / breakdown.models): one row per day and model,
 * the rest of a day's spend kept, LiteLLM's spend as the provider cost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactSum, loadText } from '../../../test/usage-helpers.ts';

const m = (spend: number, prompt: number, completion: number, cacheRead: number, requests: number): object => ({
  spend, prompt_tokens: prompt, completion_tokens: completion, cache_read_input_tokens: cacheRead, cache_creation_input_tokens: 0,
  total_tokens: prompt + completion, successful_requests: requests, failed_requests: 0, api_requests: requests,
});

test('daily activity: rows per day and model, unbroken-down spend kept, cache reads out of prompt tokens', async () => {
  const l = await loadText('daily-activity.json', JSON.stringify({
    results: [
      { date: '2026-08-01', metrics: m(1.25, 1_200_000, 100_000, 200_000, 12), breakdown: { models: {
        'gpt-4o-mini': { metrics: m(0.25, 1_000_000, 100_000, 200_000, 10), metadata: {}, api_key_breakdown: {} },
        'anthropic/claude-3-5-haiku-20241022': { metrics: m(0.5, 200_000, 0, 0, 1), metadata: {} },
      }, providers: {}, api_keys: {} } },
      { date: '2026-08-02', metrics: m(2, 0, 0, 0, 3), breakdown: {} },
    ],
    metadata: { total_spend: 3.25, page: 1, total_pages: 1, has_more: false },
  }));
  assert.equal(l.report.notes[0]?.format, 'litellm-spend-report');
  assert.equal(exactSum(l.rows.map((r) => r.BilledCost)), '3.25'); // 1.25 + 2, the days' totals
  const mini = l.rows.find((r) => r.x_Model === 'gpt-4o-mini');
  // 800k uncached × 0.15 + 200k cached × 0.075 + 100k output × 0.60 $/Mtok = 0.195
  assert.equal(Number(mini?.x_PricedCost), 0.195);
  assert.equal(mini?.x_CachedInputTokens, '200000');
  assert.equal(l.rows.find((r) => r.x_Model === 'claude-3-5-haiku-20241022')?.ProviderName, 'Anthropic');
  // 2026-08-01: 1.25 − 0.25 − 0.5 not broken down by model; 2026-08-02: no breakdown at all.
  assert.deepEqual(l.rows.filter((r) => r.x_Model === null).map((r) => [r.ChargePeriodStart?.slice(0, 10), Number(r.BilledCost)]).sort(), [['2026-08-01', 0.5], ['2026-08-02', 2]]);
});

test('daily activity: token counts past 2^53 stay exact, in the rows and in the rest of the day', async () => {
  // Written as text: JSON.stringify cannot write these numbers exactly. 2^53 + 1 = 9007199254740993.
  const counts = (prompt: string, requests: string): string =>
    `"prompt_tokens": ${prompt}, "completion_tokens": 0, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0, "api_requests": ${requests}`;
  const l = await loadText('daily-activity.json', `{"results": [{"date": "2026-08-03",
    "metrics": {"spend": 3, ${counts('9007199254740993', '9007199254740995')}},
    "breakdown": {"models": {"gpt-4o-mini": {"metrics": {"spend": 1, ${counts('9007199254740991', '1')}}}}}}],
    "metadata": {"has_more": false}}`);
  const row = (model: string | null) => l.rows.find((r) => r.x_Model === model);
  assert.equal(row('gpt-4o-mini')?.x_InputTokens, '9007199254740991');
  // The rest: 9007199254740993 − 9007199254740991 = 2 prompt tokens, 9007199254740995 − 1 = 9007199254740994 requests, 3 − 1 = 2 USD.
  assert.equal(row(null)?.x_InputTokens, '2');
  assert.equal(row(null)?.x_Requests, '9007199254740994');
  assert.equal(Number(row(null)?.BilledCost), 2);
});

/**
 * LiteLLM fixtures reconcile with totals.json (spend, tokens, cost per model);
 * a full spend-log row keeps LiteLLM's spend as BilledCost beside Outlay's
 * price, with cached and reasoning tokens and request tags.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { fixture, readJson, tempDir } from '../../../test/helpers.ts';
import { loadFiles } from '../../../test/usage-helpers.ts';

const totals = readJson<Record<string, Record<string, unknown>>>(fixture('usage', 'totals.json'));
const close = (a: string, b: unknown, what: string) => assert.ok(Math.abs(Number(a) - Number(b)) < 1e-9, `${what}: ${a} vs ${String(b)}`);

test('LiteLLM spend-log row (docs example)', async () => {
  const rel = 'litellm/spendlogs-row-docs-example.json';
  const t = totals[rel] ?? {};
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.rows.length, t.records);
  close(l.sum('BilledCost'), t.spend_usd, 'spend');
  assert.equal(Number(l.sum('x_InputTokens')), t.prompt_tokens);
  assert.equal(Number(l.sum('x_OutputTokens')), t.completion_tokens);
  assert.equal(Number(l.sum('x_InputTokens')) + Number(l.sum('x_OutputTokens')), t.total_tokens);
  const tags = JSON.parse(l.rows[0]?.Tags ?? '{}') as Record<string, string>;
  assert.equal(tags.jobID, '214590dsff09fds');
  assert.equal(l.rows[0]?.ProviderName, 'Groq');
});

test('LiteLLM global spend report by key', async () => {
  const rel = 'litellm/global-spend-report-by-internal-user-docs.json';
  const t = totals[rel] ?? {};
  const l = await loadFiles([fixture('usage', rel)]);
  assert.equal(l.rows.length, t.model_detail_records);
  close(l.sum('BilledCost'), t.total_cost_usd_from_model_details, 'total cost');
  assert.equal(Number(l.sum('x_InputTokens')), t.input_tokens);
  assert.equal(Number(l.sum('x_OutputTokens')), t.output_tokens);
  for (const [model, cost] of Object.entries(t.cost_by_model_usd as Record<string, string>)) close(l.sum('BilledCost', (r) => r.x_Model === model), cost, model);
  assert.equal(new Set(l.rows.map((r) => r.x_ApiKeyId)).size, t.api_keys);
});

test('a full spend-log row: cached and reasoning tokens, provider spend beside the catalogue price', async () => {
  const tmp = tempDir();
  try {
    const row = { request_id: 'chatcmpl-1', call_type: 'acompletion', api_key: 'hashed', spend: 0.0031, prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200,
      startTime: '2026-08-03T10:00:00.000Z', endTime: '2026-08-03T10:00:02.500Z', model: 'gpt-4o', custom_llm_provider: 'openai', user: 'u1', team_id: 't1',
      request_tags: '["team:research"]', metadata: { usage_object: { prompt_tokens_details: { cached_tokens: 400 }, completion_tokens_details: { reasoning_tokens: 50 } } } };
    const p = join(tmp.dir, 'spend.json');
    writeFileSync(p, JSON.stringify([row]));
    const l = await loadFiles([p]);
    const r = l.rows[0];
    assert.equal(r?.x_InputTokens, '600');
    assert.equal(r?.x_CachedInputTokens, '400');
    assert.equal(r?.x_ReasoningTokens, '50');
    assert.equal(Number(r?.BilledCost), 0.0031);
    // gpt-4o: 600 × 2.5 + 400 × 1.25 + 200 × 10 per Mtok = $0.004
    assert.equal(Number(r?.x_PricedCost), 0.004);
    assert.equal(r?.x_Team, 'research');
    writeFileSync(p, JSON.stringify([{ ...row, prompt_tokens: 'many' }]));
    const err = await loadFiles([p]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.equal(err.details.field, '$[0].prompt_tokens');
  } finally {
    tmp.cleanup();
  }
});

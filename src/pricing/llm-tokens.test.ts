import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDecimals } from '../core/index.ts';
import { priceTokens, tokenPrice } from './index.ts';
import type { TokenPriceQuote } from './index.ts';

function quote(provider: string, model: string, at = '2026-08-01', ctx = 0): TokenPriceQuote {
  const q = tokenPrice(provider, model, at, ctx);
  assert.ok(q.priced, `expected a price for ${provider} ${model}`);
  return q;
}

test('gpt-4o: 1M input + 1M output = 12.50 USD, exactly', () => {
  const q = quote('openai', 'gpt-4o');
  assert.equal(q.priceDate, '2026-07-24');
  assert.match(q.source, /litellm/);
  const c = priceTokens({ input: 1_000_000, output: 1_000_000 }, q);
  assert.equal(compareDecimals(c.cost, '12.50'), 0);
  assert.equal(c.cost, '12.5');
});

test('cached input, cache writes and batch discount', () => {
  const gpt = quote('openai', 'gpt-4o');
  assert.equal(priceTokens({ cachedInput: 1_000_000 }, gpt).cost, '1.25');
  assert.equal(priceTokens({ input: 1_000_000, output: 1_000_000 }, gpt, { batch: true }).cost, '6.25');
  const sonnet = quote('anthropic', 'claude-sonnet-4-5-20250929');
  assert.equal(priceTokens({ cacheWrite: 1_000_000, cachedInput: 2_000_000 }, sonnet).cost, '4.35');
  // gpt-4o has no cache-write price: charged at input rate, and the note says so.
  const w = priceTokens({ cacheWrite: 1_000_000 }, gpt);
  assert.equal(w.cost, '2.5');
  assert.equal(w.notes.length, 1);
});

test('single tokens stay exact (no float drift)', () => {
  const mini = quote('openai', 'gpt-4o-mini');
  assert.equal(priceTokens({ input: 1 }, mini).cost, '0.00000015');
  assert.equal(priceTokens({ input: 3, output: 7 }, mini).cost, '0.00000465');
});

test('the price in force is the latest dated on or before the usage date', () => {
  // Claude Sonnet 5 rose from 2/10 to 3/15 on 2026-09-01.
  assert.equal(quote('anthropic', 'claude-sonnet-5', '2026-08-31').price.inputPerMtok, '2');
  assert.equal(quote('anthropic', 'claude-sonnet-5', '2026-09-01').price.inputPerMtok, '3');
  const early = quote('openai', 'gpt-4o', '2025-01-01');
  assert.match(early.note ?? '', /earliest known/);
});

test('context tiers, dated-id prefixes and provider aliases', () => {
  assert.equal(quote('anthropic', 'claude-sonnet-4-5-20250929', '2026-08-01', 250_000).price.inputPerMtok, '6');
  const short = quote('anthropic', 'claude-sonnet-4-5');
  assert.equal(short.price.model, 'claude-sonnet-4-5-20250929');
  assert.match(short.note ?? '', /matched/);
  assert.equal(quote('bedrock', 'amazon.nova-pro-v1:0').price.outputPerMtok, '3.2');
  // A family name resolves to its dated snapshot, not to a longer sibling (claude-sonnet-4-5, -4-6).
  assert.equal(quote('anthropic', 'claude-sonnet-4').price.model, 'claude-sonnet-4-20250514');
  assert.equal(quote('anthropic', 'claude-3-5-sonnet').price.model, 'claude-3-5-sonnet-20241022');
  assert.equal(tokenPrice('anthropic', 'claude').priced, false);
});

test('unknown models are unpriced, never 0', () => {
  const q = tokenPrice('openai', 'gpt-unknown', '2026-08-01');
  assert.equal(q.priced, false);
  assert.ok(!q.priced && q.reason.includes('gpt-unknown'));
});

test('a dated or versioned snapshot the catalogue lacks is priced as its family; a listed snapshot keeps its own price', () => {
  // The catalogue lists gpt-4o-mini at 0.15/0.60 per Mtok, and no row for the 2024-07-18 snapshot usage reports name.
  const mini = quote('openai', 'gpt-4o-mini-2024-07-18', '2026-08-01');
  assert.equal(mini.price.model, 'gpt-4o-mini');
  assert.match(mini.note ?? '', /family "gpt-4o-mini"/);
  assert.equal(quote('openai', 'gpt-4-0613', '2026-08-01').price.model, 'gpt-4');
  assert.equal(quote('google_gemini_api', 'gemini-2.0-flash-001', '2026-08-01').price.model, 'gemini-2.0-flash');
  assert.equal(quote('anthropic', 'claude-3-5-sonnet-latest').price.model, 'claude-3-5-sonnet-20241022');
  // gpt-4o-2024-05-13 has its own row (5 $/Mtok input), not the family's 2.5.
  assert.equal(quote('openai', 'gpt-4o-2024-05-13', '2026-08-01').price.inputPerMtok, '5');
  assert.equal(tokenPrice('openai', 'gpt-unknown-2024-07-18', '2026-08-01').priced, false);
});

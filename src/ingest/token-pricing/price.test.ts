/**
 * Token pricing by kind against the catalogue, exactly: every kind, context
 * tiers, batch and priority tiers, and what has no rate is never free.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextTokensFromWindow, priceUsage } from './index.ts';

const at = new Date('2026-08-01T00:00:00Z');
const M = 1_000_000n;

test('gpt-4o: input, cached read, output (reasoning is output) at catalogue rates', () => {
  const r = priceUsage({ provider: 'openai', model: 'gpt-4o', at, tokens: { textIn: M, cacheRead: M, textOut: M } });
  assert.deepEqual([r.status, r.cost], ['priced', '13.75']); // 2.5 + 1.25 + 10
});

test('batch and flex take the catalogue batch discount; priority has no rate and is unpriced', () => {
  assert.equal(priceUsage({ provider: 'openai', model: 'gpt-4o', at, tokens: { textIn: M, textOut: M }, batch: true }).cost, '6.25');
  assert.equal(priceUsage({ provider: 'openai', model: 'gpt-4o', at, tokens: { textIn: M, textOut: M }, serviceTier: 'flex' }).cost, '6.25');
  const p = priceUsage({ provider: 'openai', model: 'gpt-4o', at, tokens: { textIn: M }, serviceTier: 'priority' });
  assert.deepEqual([p.status, p.cost], ['unpriced', null]);
});

test('Anthropic cache writes by lifetime and context tiers', () => {
  const base = { provider: 'anthropic', model: 'claude-sonnet-4-20250514', at };
  const small = priceUsage({ ...base, tokens: { cacheWrite5m: M, cacheWrite1h: M } });
  assert.equal(small.cost, '9.75'); // 3.75 + 2 × 3
  const large = priceUsage({ ...base, tokens: { textIn: M, textOut: M }, contextTokens: contextTokensFromWindow('200k-1M') });
  assert.equal(large.cost, '28.5'); // > 200k tier: 6 + 22.5
  assert.equal(priceUsage({ ...base, tokens: { textIn: M }, contextTokens: contextTokensFromWindow('0-200k') }).cost, '3');
  const batch = priceUsage({ ...base, tokens: { textIn: M, textOut: M }, serviceTier: 'batch' });
  assert.deepEqual([batch.status, batch.cost], ['priced', '9']); // (3 + 15) × 50 %
});

test('kinds without a catalogue rate make the row partial, never free; unknown models are unpriced', () => {
  const a = priceUsage({ provider: 'openai', model: 'gpt-4o', at, tokens: { textIn: M, audioIn: 5n, cacheWrite1h: 7n } });
  assert.equal(a.status, 'partial');
  assert.equal(a.cost, '2.5');
  assert.match(a.note ?? '', /7 1h cache-write, 5 audio input/);
  assert.equal(priceUsage({ provider: 'openai', model: 'no-such-model', at, tokens: { textIn: 1n } }).status, 'unpriced');
  assert.equal(priceUsage({ provider: 'openai', model: null, at, tokens: { textIn: 1n } }).status, 'unpriced');
  assert.deepEqual(priceUsage({ provider: 'openai', model: null, at, tokens: {} }), { status: 'priced', cost: '0', note: null });
});

test('exact decimals: one token of each kind', () => {
  const r = priceUsage({ provider: 'openai', model: 'gpt-4o-mini', at, tokens: { textIn: 1n, cacheRead: 1n, textOut: 1n } });
  assert.equal(r.cost, '0.000000825'); // (0.15 + 0.075 + 0.6) / 1e6
});

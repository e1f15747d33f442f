import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSummary } from './summary.ts';
import type { Summary } from './summary.ts';

const base: Summary = {
  thisMonth: '2026-11', lastMonth: '2026-10', note: null, byTeam: [], daysElapsed: 22, topServices: [], topModels: [],
  gpuHours: [], tokens: '0', unallocated: [],
};

test('a model whose source reports tokens but no request counts shows "—" requests, not 0', () => {
  // As `outlay demo` writes it: the Anthropic usage report carries tokens, no requests; OpenAI's carries both.
  const out = renderSummary({ ...base, topModels: [
    { x_Model: 'claude-sonnet-4-5', BillingCurrency: 'USD', EffectiveCost: '7909.21', x_Tokens: '2181957958', x_Requests: '0' },
    { x_Model: 'gpt-4o', BillingCurrency: 'USD', EffectiveCost: '5430.18', x_Tokens: '1912901963', x_Requests: '1849646' },
    { x_Model: 'idle-model', BillingCurrency: 'USD', EffectiveCost: '0', x_Tokens: '0', x_Requests: '0' },
  ] });
  const line = (m: string) => out.split('\n').find((l) => l.startsWith(m)) ?? '';
  assert.match(line('claude-sonnet-4-5'), /2,181,957,958\s+—$/);
  assert.match(line('gpt-4o'), /1,912,901,963\s+1,849,646$/);
  assert.match(line('idle-model'), /\s0\s+0$/);
  assert.match(out, /requests — : the source reports no request counts/);
});

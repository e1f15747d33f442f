import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDecimals, compareDecimals } from '../core/index.ts';
import { instancePrice, multiplyDecimals, tokenPrice } from '../pricing/index.ts';
import type { PricingModel, TokenPrice } from '../pricing/index.ts';
import { generateDemo } from './index.ts';
import { readDemoRows } from './read-back.ts';

let out: string;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'outlay-waste-'));
  await generateDemo({ out, seed: 3, resources: 30, days: 40, end: new Date('2026-11-01T00:00:00Z') });
});

after(() => rmSync(out, { recursive: true, force: true }));

const CLOUD: Record<string, string> = { AWS: 'aws', 'Google Cloud': 'gcp', Microsoft: 'azure' };
const LLM: Record<string, string> = { OpenAI: 'openai', Anthropic: 'anthropic' };

function hourly(provider: string, type: string, model: PricingModel, at: string): string {
  const q = instancePrice({ provider, instanceType: type, pricingModel: model, at });
  assert.ok(q.priced, `${provider} ${type} ${model}`);
  return q.usdPerHour;
}

function tokens(provider: string, model: string, at: string): TokenPrice {
  const q = tokenPrice(provider, model, at);
  assert.ok(q.priced);
  return q.price;
}

const perM = (n: string, a: string, b: string): string => multiplyDecimals(n, addDecimals([a, `-${b}`]), '0.000001');

/** The avoidable USD of one row, recomputed from the catalogue (the formula each basis states). */
function saving(type: string, c: Record<string, string>): string {
  const at = c.ChargePeriodStart ?? '';
  const qty = c.ConsumedQuantity ?? '0';
  if (c.x_Model) {
    const p = tokens(LLM[c.ProviderName ?? ''] ?? '', c.x_Model, at);
    if (type === 'uncached_repeated_prompts') return multiplyDecimals('0.8', perM(c.x_InputTokens ?? '0', p.inputPerMtok, p.cachedInputPerMtok ?? '0'));
    const m = tokens('openai', 'gpt-4o-mini', at);
    return addDecimals([
      perM(c.x_InputTokens ?? '0', p.inputPerMtok, m.inputPerMtok), perM(c.x_OutputTokens ?? '0', p.outputPerMtok, m.outputPerMtok),
      perM(c.x_CachedInputTokens ?? '0', p.cachedInputPerMtok ?? '0', m.cachedInputPerMtok ?? '0'),
    ]);
  }
  const provider = CLOUD[c.ProviderName ?? ''] ?? '';
  const inst = (c.SkuId ?? '').replace(/^(Box|Spot)Usage:/, '').replace(/ Spot$/, '');
  const od = hourly(provider, inst, 'on_demand', at);
  const alt = type === 'idle_gpu' ? '0'
    : type === 'oversized_gpu' ? hourly('aws', 'p5.4xlarge', 'on_demand', at)
    : hourly(provider, inst, type === 'on_demand_could_be_spot' ? 'spot' : 'commit_1y', at);
  return multiplyDecimals(qty, addDecimals([od, `-${alt}`]));
}

test('every waste type is planted once, with a basis', () => {
  const gt = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8'));
  const types = (gt.waste as { type: string }[]).map((w) => w.type).sort();
  assert.deepEqual(types, ['flagship_model_for_simple_task', 'idle_gpu', 'on_demand_could_be_committed', 'on_demand_could_be_spot', 'oversized_gpu', 'uncached_repeated_prompts']);
});

test('waste monthly_cost is recomputed exactly from the written rows and the catalogue', () => {
  const gt = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8'));
  const rows = readDemoRows(out);
  for (const w of gt.waste as { type: string; resource_ids: string[]; monthly_cost: string; window: { start: string; end: string; days: number } }[]) {
    assert.equal(w.window.days, 30);
    const mine = rows.filter((r) => w.resource_ids.includes(r.cells.ResourceId ?? '') && r.cells.ChargeCategory === 'Usage' && (r.cells.ChargePeriodStart ?? '') >= w.window.start);
    assert.ok(mine.length >= 30, `${w.type}: ${mine.length} rows`);
    const expected = addDecimals(mine.map((r) => saving(w.type, r.cells)));
    assert.equal(compareDecimals(expected, w.monthly_cost), 0, `${w.type}: ${expected} vs ${w.monthly_cost}`);
    assert.ok(Number(w.monthly_cost) > 100, `${w.type} saves ${w.monthly_cost}`);
  }
});

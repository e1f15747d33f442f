/**
 * Organisation overrides: hand-computed discounted and fixed prices through
 * the catalogue lookups, effective dating, first-match-wins, and validation
 * errors that name the file, line and field.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { instancePrice } from '../gpu-instances.ts';
import { priceTokens, tokenPrice } from '../llm-tokens.ts';
import { loadPriceOverrides, usePriceOverrides } from './index.ts';

const ORG_YAML = `# Acme's negotiated prices
overrides:
  - name: AWS EDP, 18 % off p5 on-demand
    gpu: { provider: aws, instance: "p5.*", pricingModel: on_demand }
    discountPct: 18
    from: 2026-01-01
  - name: Acme support fine-tune
    tokens: { provider: openai, model: "ft:gpt-4o-mini:acme:*" }
    price: { input: 0.30, output: "1.20" }
    from: 2026-06-01
  - name: Anthropic commit, 10 % off Sonnet 4 until September
    tokens: { provider: anthropic, model: "claude-sonnet-4*" }
    discountPct: 10
    from: 2026-07-01
    until: 2026-09-01
  - name: never reached (the first rule already covers p5)
    gpu: { provider: aws, instance: p5.48xlarge, pricingModel: on_demand }
    usdPerHour: 1
    from: 2026-01-01
`;

function withFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'outlay-overrides-'));
  const file = join(dir, 'prices.yaml');
  writeFileSync(file, text);
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

afterEach(() => usePriceOverrides(null));

test('GPU: 18 % off the catalogue on-demand price while in force; spot and earlier dates untouched; first match wins', () => {
  usePriceOverrides(loadPriceOverrides(withFile(ORG_YAML)));
  const q = instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', at: '2026-08-01' });
  assert.ok(q.priced);
  assert.equal(q.usdPerHour, '45.1328'); // 55.04 × 0.82
  assert.equal(q.override?.name, 'AWS EDP, 18 % off p5 on-demand');
  assert.match(q.note ?? '', /catalogue 55\.04 less 18 % = 45\.1328/);
  assert.match(q.override?.at ?? '', /prices\.yaml:3$/);
  const spot = instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', pricingModel: 'spot', at: '2026-08-01' });
  assert.equal(spot.priced && spot.usdPerHour, '28.106467');
  const before = instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', at: '2025-12-31' });
  assert.equal(before.priced && before.usdPerHour, '55.04');
});

test('tokens: a fixed price prices a private model the catalogue lacks, from its date on', () => {
  usePriceOverrides(loadPriceOverrides(withFile(ORG_YAML)));
  const q = tokenPrice('openai', 'ft:gpt-4o-mini:acme:support-v2', '2026-07-15');
  assert.ok(q.priced);
  assert.equal(q.override?.kind, 'fixed');
  // 2M input × 0.30 + 1M output × 1.20 (USD per million) = 1.80
  assert.equal(priceTokens({ input: 2_000_000, output: 1_000_000 }, q).cost, '1.8');
  assert.equal(tokenPrice('openai', 'ft:gpt-4o-mini:acme:support-v2', '2026-05-31').priced, false);
});

test('tokens: a discount scales every catalogue rate, only inside [from, until)', () => {
  usePriceOverrides(loadPriceOverrides(withFile(ORG_YAML)));
  const q = tokenPrice('anthropic', 'claude-sonnet-4', '2026-08-01');
  assert.ok(q.priced);
  // catalogue 3 / 15 / 0.3 / 3.75 USD per Mtok, less 10 %
  assert.deepEqual([q.price.inputPerMtok, q.price.outputPerMtok, q.price.cachedInputPerMtok, q.price.cacheWritePerMtok].map(Number), [2.7, 13.5, 0.27, 3.375]);
  assert.equal(priceTokens({ input: 1_000_000, output: 1_000_000 }, q).cost, '16.2');
  const after = tokenPrice('anthropic', 'claude-sonnet-4', '2026-09-01');
  assert.ok(after.priced);
  assert.equal(after.override, undefined);
  assert.equal(after.price.inputPerMtok, '3');
});

test('validation: every problem named with file:line and field', () => {
  const file = withFile(`overrides:
  - name: too generous
    gpu: { provider: aws, instance: "p5.*" }
    discountPct: 180
    from: 2026-01-01
  - name: no price, bad date, typo
    tokens: { provider: openai, model: gpt-4o }
    from: 1 January 2026
    untill: 2026-02-01
`);
  assert.throws(() => loadPriceOverrides(file), (e: unknown) => {
    assert.ok(isOutlayError(e));
    assert.equal(e.code, 'CONFIG_INVALID');
    assert.match(e.message, new RegExp(`${file}:4: overrides\\[0\\]\\.discountPct: must be between 0 and 100`));
    assert.match(e.message, new RegExp(`${file}:8: overrides\\[1\\]\\.from: must be a date YYYY-MM-DD`));
    assert.match(e.message, /overrides\[1\]: Unrecognized key: "untill"/);
    assert.equal(e.details.file, file);
    return true;
  });
  // a day that matches YYYY-MM-DD but is not on the calendar is refused, not compared as text
  assert.throws(() => loadPriceOverrides(withFile(`overrides:
  - name: leap
    gpu: { provider: aws, instance: "p5.*" }
    discountPct: 5
    from: 2026-02-29
    until: 2026-13-01
`)), (e: unknown) => {
    assert.ok(isOutlayError(e));
    assert.match(e.message, /prices\.yaml:5: overrides\[0\]\.from: is not a day of the calendar/);
    assert.match(e.message, /prices\.yaml:6: overrides\[0\]\.until: is not a day of the calendar/);
    return true;
  });
  assert.throws(() => loadPriceOverrides(withFile('overrides:\n  - name: x\n   gpu: [')), /prices\.yaml:\d+: \(yaml\)/);
});

/**
 * Organisation price overrides through the real CLI: $OUTLAY_PRICE_OVERRIDES
 * prices a private fine-tune at ingest (a model the catalogue lacks) and
 * `outlay prices` says which rule set the price; a bad file stops the command
 * with its file, line and field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers.ts';

const YAML = `overrides:
  - name: Acme support fine-tune
    tokens: { provider: openai, model: "ft:gpt-4o-mini:acme:*" }
    price: { input: "0.30", output: "1.20" }
    from: 2026-06-01
  - name: AWS EDP
    gpu: { provider: aws, instance: "p5.*", pricingModel: on_demand }
    discountPct: 18
    from: 2026-01-01
`;

/** One OpenAI usage bucket on 2026-07-15: 2M uncached input and 1M output tokens of the fine-tune. */
const usagePage = {
  object: 'page', has_more: false, next_page: null,
  data: [{ object: 'bucket', start_time: Date.UTC(2026, 6, 15) / 1000, end_time: Date.UTC(2026, 6, 16) / 1000, results: [{
    object: 'organization.usage.completions.result', input_tokens: 2_000_000, input_cached_tokens: 0, output_tokens: 1_000_000,
    num_model_requests: 10, project_id: null, user_id: null, api_key_id: null, model: 'ft:gpt-4o-mini:acme:support', batch: false,
  }] }],
};

test('overrides: a fixed-price private model is priced at ingest; prices explains the rule; a bad file is refused with file:line', () => {
  const tmp = tempDir();
  try {
    const overrides = join(tmp.dir, 'prices.yaml');
    writeFileSync(overrides, YAML);
    const usage = join(tmp.dir, 'usage.json');
    writeFileSync(usage, JSON.stringify(usagePage));
    const store = join(tmp.dir, 's.duckdb');
    const env = { OUTLAY_PRICE_OVERRIDES: overrides };
    const ing = runCli(['--store', store, 'ingest', usage], { env });
    assert.equal(ing.status, 0, ing.stderr);
    const q = runCli(['--store', store, 'query', '--measure', 'list', '--format', 'json']);
    // ListCost is the catalogue (here: override) price: 2M × 0.30 + 1M × 1.20 USD per million tokens
    assert.equal(Number((JSON.parse(q.stdout) as Record<string, string>[])[0]?.ListCost), 1.8, q.stdout + q.stderr);

    const p = runCli(['prices', '--instance', 'p5.48xlarge', '--at', '2026-08-01', '--format', 'json'], { env });
    const od = (JSON.parse(p.stdout) as { prices: { pricing: string; price: string; origin: string; catalogue_price: string }[] }).prices.find((x) => x.pricing === 'on_demand');
    assert.equal(od?.price, '45.1328'); // 55.04 less 18 %
    assert.equal(od?.catalogue_price, '55.04');
    assert.match(od?.origin ?? '', /^override: AWS EDP \(.*prices\.yaml:6\)$/);

    writeFileSync(overrides, YAML.replace('discountPct: 18', 'discountPct: eighteen'));
    const bad = runCli(['prices'], { env });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /prices\.yaml:8: overrides\[1\]\.discountPct: must be a non-negative decimal/);
    // sub-commands of a pricing command check the file too, before any network call
    const collect = runCli(['--store', store, 'collect', 'prometheus', '--url', 'http://127.0.0.1:9', '--since', '2026-11-01', '--until', '2026-11-02'], { env });
    assert.equal(collect.status, 2, collect.stderr);
    assert.match(collect.stderr, /invalid price overrides/);
    assert.equal(runCli(['--store', store, 'sources'], { env }).status, 0, 'commands that price nothing ignore the file');
  } finally {
    tmp.cleanup();
  }
});

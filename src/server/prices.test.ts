/** GET /api/v1/prices applies the organisation's overrides and says which rule did. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPriceOverrides, usePriceOverrides } from '../pricing/index.ts';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
const dir = mkdtempSync(join(tmpdir(), 'outlay-prices-'));
before(async () => {
  const file = join(dir, 'prices.yaml');
  writeFileSync(file, 'overrides:\n  - name: EDP\n    gpu: { provider: aws, instance: p5.48xlarge, pricingModel: on_demand }\n    discountPct: "18"\n    from: 2026-01-01\n');
  usePriceOverrides(loadPriceOverrides(file));
  fx = await serverFixture();
});
after(async () => {
  usePriceOverrides(null);
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

test('p5.48xlarge on-demand: 55.04 less 18 % = 45.1328, with the rule and the catalogue price; spot untouched', async () => {
  const res = await fx.call('/api/v1/prices?instance=p5.48xlarge&at=2026-08-01', fx.tokens['viewer-research']);
  assert.equal(res.status, 200);
  const items = ((await res.json()) as { items: { pricingModel: string; usdPerHour: string; override: { name: string; cataloguePrice: string } | null }[] }).items;
  const od = items.find((i) => i.pricingModel === 'on_demand');
  assert.equal(od?.usdPerHour, '45.1328');
  assert.deepEqual([od?.override?.name, od?.override?.cataloguePrice], ['EDP', '55.04']);
  assert.equal(items.find((i) => i.pricingModel === 'spot')?.override, null);
});

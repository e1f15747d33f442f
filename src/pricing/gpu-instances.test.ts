import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gpuInstance, instancePrice, gpuInstancePrices } from './index.ts';

test('loads every row of the GPU snapshot', () => {
  assert.equal(gpuInstancePrices().length, 296);
});

test('p5.48xlarge: 8 × H100 at 55.04 USD/h on demand in us-east-1, with its origin', () => {
  const t = gpuInstance('AWS', 'P5.48XLARGE');
  assert.equal(t?.gpuModel, 'NVIDIA H100');
  assert.equal(t?.gpuCount, 8);
  assert.equal(t?.gpuMemoryGibEach, 80);
  const q = instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', region: 'us-east-1', at: '2026-01-15' });
  assert.ok(q.priced);
  assert.equal(q.usdPerHour, '55.04');
  assert.equal(q.priceDate, '2025-11-30');
  assert.match(q.source, /vantage/);
  assert.equal(q.note, undefined);
});

test('spot and commitment rows are separate pricing models', () => {
  const spot = instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', pricingModel: 'spot', at: '2026-01-01' });
  assert.ok(spot.priced);
  assert.equal(spot.usdPerHour, '28.106467');
  const c1 = instancePrice({ provider: 'aws', instanceType: 'p4d.24xlarge', pricingModel: 'commit_1y', at: '2026-01-01' });
  assert.ok(c1.priced);
  assert.equal(c1.usdPerHour, '13.921094');
  // The source has no 1-year Standard RI for p5.48xlarge: unpriced, not 0.
  const none = instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', pricingModel: 'commit_1y' });
  assert.equal(none.priced, false);
  assert.ok(!none.priced && /commit_3y/.test(none.reason));
});

test('a date before the snapshot uses the earliest price and says so', () => {
  const q = instancePrice({ provider: 'gcp', instanceType: 'a3-highgpu-8g', at: '2025-01-01' });
  assert.ok(q.priced);
  assert.equal(q.usdPerHour, '88.49');
  assert.match(q.note ?? '', /earliest known \(2026-07-30\)/);
});

test('undated SkyPilot rows are priced with a note', () => {
  const q = instancePrice({ provider: 'azure', instanceType: 'Standard_ND96isr_H100_v5' });
  assert.ok(q.priced);
  assert.equal(q.usdPerHour, '98.32');
  assert.equal(q.priceDate, null);
  assert.match(q.note ?? '', /date unknown/);
  assert.equal(gpuInstance('azure', 'Standard_ND96isr_H100_v5')?.gpuCount, 8);
});

test('unknown instance types and regions are unpriced', () => {
  assert.equal(gpuInstance('aws', 'm5.large'), undefined);
  assert.equal(instancePrice({ provider: 'aws', instanceType: 'm5.large' }).priced, false);
  assert.equal(instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge', region: 'eu-west-1' }).priced, false);
});

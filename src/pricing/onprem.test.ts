import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutlayError } from '../core/index.ts';
import { gpuSpec, onPremGpuHourCost } from './index.ts';

test('TDP comes from the catalogue', () => {
  assert.equal(gpuSpec('NVIDIA H100')?.tdpWatts, 700);
  assert.equal(gpuSpec('nvidia h100', 'PCIe')?.tdpWatts, 350);
  assert.equal(gpuSpec('NVIDIA A10')?.tdpWatts, null);
});

test('H100 SXM at 30k USD over 4 years, 0.12 USD/kWh, PUE 1.3, 60% busy', () => {
  const c = onPremGpuHourCost({
    gpuModel: 'NVIDIA H100', purchasePriceUsd: '30000', amortisationYears: 4, electricityUsdPerKwh: '0.12',
    pue: '1.3', utilisation: '0.6', idleDrawShare: '0.3', hostingUsdPerGpuYear: '1752',
  });
  // 30000 / (4 × 8760) = 0.85616438356… → 0.8561643836
  assert.equal(c.capexPerGpuHour, '0.8561643836');
  // 700 W × (0.3 + 0.7 × 0.6) = 504 W; 0.504 kW × 1.3 × 0.12 = 0.078624
  assert.equal(c.drawWatts, '504');
  assert.equal(c.powerPerGpuHour, '0.078624');
  assert.equal(c.hostingPerGpuHour, '0.2');
  assert.equal(c.costPerGpuHour, '1.1347883836');
  assert.equal(c.idleShare, '0.4');
  assert.equal(c.idleCostPerGpuHour, '0.4539153534');
  assert.equal(c.costPerUtilisedGpuHour, '1.8913139727');
});

test('bad assumptions and unknown TDP are refused with a code', () => {
  const base = { gpuModel: 'NVIDIA H100', purchasePriceUsd: 1, amortisationYears: 4, electricityUsdPerKwh: 0.1, pue: 1.2, utilisation: 0.5 };
  assert.throws(() => onPremGpuHourCost({ ...base, utilisation: 1.5 }), (e: unknown) => e instanceof OutlayError && e.code === 'INPUT_INVALID');
  assert.throws(() => onPremGpuHourCost({ ...base, gpuModel: 'NVIDIA A10' }), (e: unknown) => e instanceof OutlayError && e.code === 'NOT_FOUND');
});

/**
 * Output captured from a real nvidia-smi on an H100 (test/fixtures/nvidia-smi-h100,
 * see its README): every file goes through ingest's real path and what is
 * stored matches values read off the files by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../test/helpers.ts';
import { loadFiles } from '../../../test/usage-helpers.ts';

const capture = (name: string): string => join(REPO_ROOT, 'test', 'fixtures', 'nvidia-smi-h100', name);
const UUID = 'GPU-7e754ec4-d467-2940-009a-e75f7623e20c';
const MODEL = 'NVIDIA H100'; // the catalogue's name for the driver's "NVIDIA H100 80GB HBM3"

/** Loads one capture, which must store exactly one row, and returns it. */
async function onlyRow(name: string): Promise<Awaited<ReturnType<typeof loadFiles>>['rows'][number]> {
  const l = await loadFiles([capture(name)]);
  assert.equal(l.rows.length, 1);
  return l.rows[0]!;
}

test('one --query-gpu sample (units in cells) is one idle H100 with its power draw and no GPU-hours', async () => {
  const r = await onlyRow('query-gpu.csv');
  assert.equal(r.ResourceId, UUID);
  assert.equal(r.x_GpuModel, MODEL);
  assert.equal(r.x_GpuCount, '1');
  assert.equal(Number(r.x_GpuUtilization), 0); // "0 %"
  assert.equal(Number(r.x_GpuMemoryUsedGib), 0); // "0 MiB"
  assert.equal(Number(r.x_GpuPowerWatts), 95.51); // "95.51 W"
  assert.equal(Number(r.x_GpuHours), 0, 'a single sample spans no time');
  assert.equal(r.x_PricingStatus, 'unpriced', 'an on-prem GPU without cost assumptions is flagged, not $0');
  assert.equal(r.ChargePeriodStart, '2026-11-22T19:00:00Z');
});

test('a 500 ms nounits log gives GPU-hours over the sampled span and the time-weighted power', async () => {
  const r = await onlyRow('query-gpu-loop-nounits.csv');
  // 12 samples 19:41:24.494 … 19:41:30.003 (5.509 s) plus the last sample's
  // median gap (0.5 s) = 6.009 s of one GPU.
  assert.ok(Math.abs(Number(r.x_GpuHours) - 6.009 / 3600) < 1e-9, `GPU-hours ${r.x_GpuHours}`);
  // Watts of the 12 samples, each weighted by the time to the next one (the first gap is 0.506 s).
  assert.ok(Math.abs(Number(r.x_GpuPowerWatts) - 74.0825312) < 1e-6, `power ${r.x_GpuPowerWatts}`);
  assert.equal(r.x_GpuModel, MODEL);
});

test('nvidia-smi -q -x of the same GPU: model, UUID, average power, MIG mode and driver kept', async () => {
  const r = await onlyRow('nvidia-smi-q.xml');
  assert.equal(r.ResourceId, UUID);
  assert.equal(r.x_GpuModel, MODEL);
  assert.equal(Number(r.x_GpuPowerWatts), 99.68); // <average_power_draw>99.68 W</average_power_draw>
  assert.deepEqual(JSON.parse(r.Tags ?? '{}'), { mig_mode: 'Disabled', driver_version: '580.159.04' });
});

test('--query-compute-apps with no process running is a header only: loads, stores nothing', async () => {
  const l = await loadFiles([capture('compute-apps.csv')]);
  assert.equal(l.rows.length, 0);
  assert.equal(l.report.files[0]?.status, 'loaded');
  assert.equal(l.report.files[0]?.rows, 0);
});

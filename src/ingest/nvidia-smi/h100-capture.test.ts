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

/** The second capture (test/fixtures/nvidia-smi-h100-load): a 5-minute 1 s log with 50 s of matrix products in it. */
const loaded = (name: string): string => join(REPO_ROOT, 'test', 'fixtures', 'nvidia-smi-h100-load', name);
const LOAD_UUID = 'GPU-288f33be-0051-1b7e-d894-5d457a12d7a3';
const MIB = 1 / 1024;

test('a 1 s log across a load: GPU-hours and time-weighted utilisation, memory and power match the file', async () => {
  const l = await loadFiles([loaded('query-gpu-load.csv')]);
  assert.equal(l.rows.length, 1, 'one GPU, one UTC hour');
  const r = l.rows[0]!;
  assert.equal(r.ResourceId, LOAD_UUID);
  assert.equal(r.x_GpuModel, MODEL);
  assert.equal(r.ChargePeriodStart, '2026-11-23T02:00:00Z');
  // Computed from the file in Python: 292 samples, median gap 1.002 s, 292.809 s in all.
  assert.ok(Math.abs(Number(r.x_GpuHours) - 292.809 / 3600) < 1e-9, `GPU-hours ${r.x_GpuHours}`);
  assert.ok(Math.abs(Number(r.x_GpuUtilization) - 0.165021362048) < 1e-9, `utilisation ${r.x_GpuUtilization}`);
  assert.ok(Math.abs(Number(r.x_GpuMemoryUsedGib) - 3680.454531794 * MIB) < 1e-9, `memory ${r.x_GpuMemoryUsedGib}`);
  assert.ok(Math.abs(Number(r.x_GpuPowerWatts) - 175.930418635) < 1e-6, `power ${r.x_GpuPowerWatts}`);
});

test('nvidia-smi -q -x during the load: the busy GPU and its PyTorch process', async () => {
  const l = await loadFiles([loaded('nvidia-smi-q-load.xml')]);
  const gpu = l.rows.find((x) => x.ResourceId === LOAD_UUID)!;
  assert.equal(Number(gpu.x_GpuUtilization), 0.96); // <gpu_util>96 %</gpu_util>
  assert.equal(Number(gpu.x_GpuMemoryUsedGib), 21491 * MIB); // <fb_memory_usage><used>21491 MiB</used>
  assert.equal(Number(gpu.x_GpuPowerWatts), 689.67); // <average_power_draw>689.67 W</average_power_draw>
  const proc = l.rows.find((x) => x.ResourceId === `${LOAD_UUID}/pid-531`)!;
  assert.equal(proc.ResourceName, 'python3');
  assert.equal(Number(proc.x_GpuMemoryUsedGib), 21482 * MIB); // <used_memory>21482 MiB</used_memory>
  assert.equal(l.rows.length, 2);
});

test('--query-compute-apps every 5 s: one row per sample of the process, with its memory', async () => {
  const l = await loadFiles([loaded('compute-apps-load.csv')]);
  assert.equal(l.rows.length, 10); // 10 samples 02:49:02 … 02:49:47 while pid 531 ran
  for (const r of l.rows) {
    assert.equal(r.ResourceName, 'python3');
    assert.equal(Number(r.x_GpuMemoryUsedGib), 21482 * MIB);
  }
});

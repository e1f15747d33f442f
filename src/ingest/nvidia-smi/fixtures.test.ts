/**
 * Every nvidia-smi fixture loads and matches totals.json (GPUs, memory,
 * utilisation, power, MIG devices, processes); a multi-sample log gives
 * GPU-hours priced by the on-prem model; bad cells name line and column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { fixture, readJson, tempDir } from '../../../test/helpers.ts';
import { exactSum, loadFiles, withOnPremEconomics } from '../../../test/usage-helpers.ts';

interface PerGpu { name?: string; product_name?: string; 'memory.used [MiB]'?: string; 'utilization.gpu [%]'?: string; 'power.draw [W]'?: string; fb_used?: string; gpu_util?: string; mig_devices?: number }
type Totals = Record<string, { kind: string; gpus?: number; gpu_elements?: number; per_gpu?: PerGpu[]; memory_used_MiB_sum?: string; processes?: number; used_gpu_memory_MiB_sum?: string }>;
const totals = readJson<Totals>(fixture('metrics', 'totals.json'));
const smi = Object.entries(totals).filter(([k]) => k.startsWith('nvidia-smi/'));
const mib = (gib: string | null | undefined): number => Math.round(Number(gib ?? 'NaN') * 1024 * 1000) / 1000;

for (const [rel, t] of smi) {
  test(`nvidia-smi fixture ${rel} reconciles with totals.json`, async () => {
    const l = await loadFiles([fixture('metrics', rel)]);
    if (t.kind === 'nvidia-smi.query-compute-apps.csv') {
      assert.equal(l.rows.length, t.processes);
      assert.equal(String(l.rows.reduce((a, r) => a + mib(r.x_GpuMemoryUsedGib), 0)), t.used_gpu_memory_MiB_sum);
      return;
    }
    const gpus = l.rows.filter((r) => r.ResourceType === 'GPU');
    const procs = l.rows.filter((r) => r.ResourceType === 'GPU process');
    for (const g of t.per_gpu ?? []) {
      const want = g as { processes?: number; process_used_memory_MiB_sum?: string };
      if (want.processes === undefined) continue;
      assert.equal(procs.length, want.processes);
      assert.equal(String(procs.reduce((a, r) => a + mib(r.x_GpuMemoryUsedGib), 0)), want.process_used_memory_MiB_sum);
    }
    assert.equal(gpus.length, t.gpus ?? t.gpu_elements);
    const migs = l.rows.filter((r) => r.ResourceType === 'MIG instance');
    assert.equal(migs.length, (t.per_gpu ?? []).reduce((a, g) => a + (g.mig_devices ?? 0), 0));
    for (const [i, g] of (t.per_gpu ?? []).entries()) {
      const row = gpus[i];
      const raw = g.name ?? g.product_name ?? '';
      assert.equal(row?.x_GpuModel, CATALOGUE_NAME[raw] ?? raw, 'the catalogue name, so telemetry groups with the bills');
      assert.ok(row?.ResourceName?.includes(raw), 'the driver\'s own spelling is kept in ResourceName');
      const used = g['memory.used [MiB]'] ?? g.fb_used ?? '';
      assert.equal(mib(row?.x_GpuMemoryUsedGib), Number(used.replace(/ MiB$/, '')));
      const util = g['utilization.gpu [%]'] ?? g.gpu_util ?? '';
      if (/^\d+ %$/.test(util)) assert.equal(Number(row?.x_GpuUtilization), Number(util.replace(' %', '')) / 100);
      else assert.equal(row?.x_GpuUtilization, null, 'N/A utilisation (MIG) stays unknown, not 0');
      if (g['power.draw [W]']) assert.equal(Number(row?.x_GpuPowerWatts), Number(g['power.draw [W]'].replace(' W', '')));
    }
    assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /read as UTC/);
  });
}

/** The catalogue's gpu_model for each driver name in the fixtures (src/pricing/data/gpu-instances.csv). */
const CATALOGUE_NAME: Record<string, string> = {
  'NVIDIA H100 80GB HBM3': 'NVIDIA H100', 'NVIDIA A100-SXM4-80GB': 'NVIDIA A100 80GB', 'NVIDIA L40S': 'NVIDIA L40S', 'NVIDIA A10G': 'NVIDIA A10G',
};

test('a log of several samples gives GPU-hours, local time converted, priced by the on-prem model', async () => {
  await withOnPremEconomics('+02:00', async (dir) => {
    const header = 'timestamp, name, uuid, index, utilization.gpu [%], memory.used [MiB], power.draw [W]';
    const rows = ['10:00:00', '10:01:00', '10:02:00', '10:03:00'].map((hm, i) => `2026/07/14 ${hm}.000, NVIDIA H100 80GB HBM3, GPU-11111111-2222-3333-4444-555555555555, 0, ${[40, 60, 80, 20][i]} %, 1024 MiB, 300.00 W`);
    const log = join(dir, 'node1.csv');
    writeFileSync(log, `${header}\n${rows.join('\n')}\n${header}\n`);
    const l = await loadFiles([log]);
    assert.equal(l.rows.length, 1);
    const r = l.rows[0];
    assert.match(r?.ChargePeriodStart ?? '', /^2026-07-14[ T]08:00:00/);
    assert.ok(Math.abs(Number(r?.x_GpuHours) - 4 / 60) < 1e-8, '4 samples one minute apart = 4 GPU-minutes');
    assert.equal(Number(r?.x_GpuUtilization), 0.5);
    assert.equal(r?.x_PricingStatus, 'priced');
    assert.ok(Number(r?.x_PricedCost) > 0 && r?.BilledCost === r?.x_PricedCost);
    assert.equal(exactSum([r?.x_PricedCost]), exactSum([r?.BilledCost]));
  });
});

test('a cell that is not a number with a unit names the line and column; nothing is stored', async () => {
  const t = tempDir();
  try {
    const log = join(t.dir, 'bad.csv');
    writeFileSync(log, 'timestamp, name, uuid, utilization.gpu [%], memory.used [MiB]\n2026/07/14 10:00:00.000, NVIDIA L4, GPU-1, 12 %, 5 MiB\n2026/07/14 10:01:00.000, NVIDIA L4, GPU-1, lots, 5 MiB\n');
    const err = await loadFiles([log]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.equal(err.details.line, 3);
    assert.equal(err.details.field, 'utilization.gpu [%]');
  } finally {
    t.cleanup();
  }
});

test('a log written with --format=csv,noheader is refused with a clear fix', async () => {
  const t = tempDir();
  try {
    const log = join(t.dir, 'noheader.csv');
    writeFileSync(log, '2026/07/14 10:00:00.000, NVIDIA L4, 12 %, 5 MiB\n');
    const err = await loadFiles([log]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.equal(err.code, 'INGEST_MISSING_COLUMN');
    assert.match(err.message, /without a header line/);
  } finally {
    t.cleanup();
  }
});

test("NVIDIA's documented example query (pci.bus_id, no uuid or index) is read: one device per bus id", async () => {
  const t = tempDir();
  try {
    // The columns of the nvidia-smi documentation's logging example, two A100s sampled 30 minutes apart.
    const header = 'timestamp, name, pci.bus_id, driver_version, pstate, pcie.link.gen.max, pcie.link.gen.current, temperature.gpu, utilization.gpu [%], utilization.memory [%], memory.total [MiB], memory.free [MiB], memory.used [MiB]';
    const line = (hm: string, bus: string, util: number): string => `2026/07/14 ${hm}:00.000, NVIDIA A100-SXM4-40GB, ${bus}, 535.104.05, P0, 4, 4, 40, ${util} %, 20 %, 40960 MiB, 20480 MiB, 20480 MiB`;
    const log = join(t.dir, 'nvidia-smi-log.csv');
    writeFileSync(log, [header, line('10:00', '00000000:07:00.0', 50), line('10:00', '00000000:0F:00.0', 100), line('10:30', '00000000:07:00.0', 50), line('10:30', '00000000:0F:00.0', 100)].join('\n') + '\n');
    const l = await loadFiles([log]);
    assert.equal(l.report.notes[0]?.format, 'nvidia-smi');
    // Each GPU: 30 min between its samples + the last sample's median gap (30 min) = 1 GPU-hour.
    assert.deepEqual(l.rows.map((r) => [r.ResourceId?.includes('07:00.0') ? '07' : '0F', Number(r.x_GpuHours), Number(r.x_GpuUtilization), r.x_GpuModel]).sort(),
      [['07', 1, 0.5, 'NVIDIA A100 40GB'], ['0F', 1, 1, 'NVIDIA A100 40GB']]);
  } finally {
    t.cleanup();
  }
});

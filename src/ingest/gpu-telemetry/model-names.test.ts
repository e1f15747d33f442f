/**
 * One GPU model, one name: DCGM's modelName ("NVIDIA H100 80GB HBM3"),
 * nvidia-smi's product name and a GCP GPU SKU ("Nvidia H100 80GB GPU
 * running in Americas") all store the catalogue's "NVIDIA H100", so grouping
 * by GPU type gives one group; a PCIe card is priced with the PCIe TDP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';
import { loadFiles, withOnPremEconomics } from '../../../test/usage-helpers.ts';

test('DCGM, nvidia-smi and a GCP GPU SKU group under the one catalogue name', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const prom = join(t.dir, 'dcgm.prom');
    writeFileSync(prom, [
      '# TYPE DCGM_FI_DEV_GPU_UTIL gauge',
      'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-aaaa",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="node-1"} 40',
      'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-bbbb",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-2"} 10',
      '',
    ].join('\n'));
    const smi = join(t.dir, 'node-3.csv');
    writeFileSync(smi, 'timestamp, name, uuid, utilization.gpu [%]\n2026/07/14 10:00:00.000, NVIDIA H100 PCIe, GPU-cccc, 50 %\n');
    const gcp = join(t.dir, 'gcp.jsonl');
    writeFileSync(gcp, `${JSON.stringify({
      billing_account_id: '01ABCD-234567-89EFGH', invoice: { month: '202607' }, currency: 'USD', cost_type: 'regular', project: { id: 'ml' },
      service: { id: '6F81-5844-456A', description: 'Compute Engine' }, sku: { id: 'H1', description: 'Nvidia H100 80GB GPU running in Americas' },
      usage_start_time: '2026-07-14 10:00:00 UTC', usage_end_time: '2026-07-14 11:00:00 UTC', usage: { amount: 3600, unit: 'seconds' }, cost: 9.8, credits: [], labels: [],
    })}\n`);
    await ingest(store, [prom, smi, gcp]);
    const q = await store.query({ measures: ['rows'], groupBy: ['gpu_type'], filters: [{ dimension: 'gpu_type', op: 'not_null', values: [] }] }, FULL_ACCESS);
    assert.deepEqual(q.rows.map((r) => `${r.x_GpuModel}|${r.Rows}`).sort(), ['NVIDIA A100 80GB|1', 'NVIDIA H100|3']);
  } finally {
    await store.close();
    t.cleanup();
  }
});

test('DCGM telemetry of a catalogue GPU is priced as an allocation, not left unpriced', async () => {
  const t = tempDir();
  try {
    const prom = join(t.dir, 'dcgm.prom');
    writeFileSync(prom, 'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-aaaa",modelName="NVIDIA H100 80GB HBM3",Hostname="node-1"} 40\n');
    const l = await loadFiles([prom]);
    assert.equal(l.rows[0]?.x_GpuModel, 'NVIDIA H100');
    assert.equal(l.rows[0]?.x_PricingStatus, 'allocation');
    assert.match(l.rows[0]?.ResourceName ?? '', /NVIDIA H100 80GB HBM3/, "the exporter's spelling stays in ResourceName");
  } finally {
    t.cleanup();
  }
});

test('an on-prem "NVIDIA H100 PCIe" is priced with the PCIe card\'s 350 W, not the SXM5 700 W', async () => {
  await withOnPremEconomics('+00:00', async (dir) => {
    const log = join(dir, 'pcie.csv');
    // Two samples 30 minutes apart: 30 min of span + the last sample's gap (30 min) = 1 GPU-hour at 50 % utilisation.
    writeFileSync(log, 'timestamp, name, uuid, utilization.gpu [%]\n2026/07/14 10:00:00.000, NVIDIA H100 PCIe, GPU-cccc, 50 %\n2026/07/14 10:30:00.000, NVIDIA H100 PCIe, GPU-cccc, 50 %\n');
    const l = await loadFiles([log]);
    const r = l.rows[0];
    assert.equal(r?.x_GpuModel, 'NVIDIA H100');
    assert.equal(Number(r?.x_GpuHours), 1);
    // capex 30000 / (4 × 8760) = 0.8561643836; draw 350 W × (0.3 idle + 0.7 × 0.5) = 227.5 W;
    // power 227.5 × 1.3 × 0.12 / 1000 = 0.03549; total 0.8916543836 per GPU-hour (SXM5's 700 W would give 0.9271443836).
    assert.ok(Math.abs(Number(r?.x_PricedCost) - 0.8916543836) < 1e-9, `cost ${r?.x_PricedCost}`);
    assert.match(r?.x_PricingNote ?? '', /PCIe 350 W/);
  });
});

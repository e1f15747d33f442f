/**
 * The OpenCost fixture reconciles with totals.json per cost component; GPU
 * allocations carry GPU-hours and are never spend (BilledCost 0); a live pull
 * from a loopback OpenCost stores the same rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, readJson, tempDir } from '../../../test/helpers.ts';
import { exactSum, fakeServer, loadFiles, runCliAsync } from '../../../test/usage-helpers.ts';

const rel = 'opencost/allocation-compute-namespace-swagger-example.json';
const want = readJson<Record<string, { allocations: number; names: string[]; sums: Record<string, string> }>>(fixture('usage', 'totals.json'))[rel];
const same = (a: string, b: string | undefined) => assert.equal(Number(a), Number(b), `${a} vs ${b}`);

test(`OpenCost ${rel} reconciles with totals.json`, async () => {
  assert.ok(want);
  const l = await loadFiles([fixture('usage', rel)]);
  assert.deepEqual([...new Set(l.rows.map((r) => r.ResourceName))].sort(), want.names);
  same(l.sum('x_PricedCost'), want.sums.totalCost);
  const meter = (m: string) => (r: Record<string, string | null>) => r.SkuMeter === m;
  same(l.sum('x_PricedCost', meter('cpu')), want.sums.cpuCost);
  same(l.sum('x_PricedCost', meter('ram')), want.sums.ramCost);
  same(l.sum('x_PricedCost', meter('gpu')), want.sums.gpuCost);
  same(l.sum('ConsumedQuantity', meter('cpu')), want.sums.cpuCoreHours);
  same(l.sum('ConsumedQuantity', meter('ram')), want.sums.ramByteHours);
  same(l.sum('x_GpuHours'), want.sums.gpuHours);
  assert.equal(l.sum('BilledCost'), '0', 'allocations are not spend');
  assert.ok(l.rows.every((r) => r.ProviderName === 'Kubernetes' && r.x_PricingStatus === 'allocation'));
  assert.equal(l.rows.find((r) => r.ResourceName === 'opencost')?.x_Pod, 'opencost-75dc7dcc49-xdx5t');
});

const gpuAlloc = {
  code: 200, data: [{
    'ml/trainer/trainer-0': { name: 'ml/trainer/trainer-0', properties: { cluster: 'c1', namespace: 'ml', controller: 'trainer', pod: 'trainer-0', labels: { team: 'Research' } },
      window: { start: '2026-08-01T00:00:00Z', end: '2026-08-02T00:00:00Z' }, start: '2026-08-01T00:00:00Z', end: '2026-08-02T00:00:00Z', minutes: 1440,
      cpuCost: 1.5, cpuCostAdjustment: 0, cpuCoreHours: 96, ramCost: 0.5, ramCostAdjustment: 0, ramByteHours: 1e12, gpuCount: 2, gpuHours: 48, gpuCost: 98.4, gpuCostAdjustment: -0.4,
      pvCost: 0, networkCost: 0, loadBalancerCost: 0, sharedCost: 0, externalCost: 0, totalCost: 100.0 },
    __idle__: { name: '__idle__', properties: { cluster: 'c1' }, start: '2026-08-01T00:00:00Z', end: '2026-08-02T00:00:00Z', cpuCost: 3, ramCost: 1, gpuCost: 12.3, gpuHours: 6, totalCost: 16.3 },
  }],
};

test('live pull from a loopback OpenCost: GPU-hours and idle kept, team from pod labels, no spend', async () => {
  const srv = await fakeServer((_req, url) => (url.pathname === '/allocation/compute' && url.searchParams.get('includeIdle') === 'true' ? { body: JSON.stringify(gpuAlloc) } : { status: 404, body: '{}' }));
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    const out = await runCliAsync(['--store', store, 'collect', 'opencost', '--url', srv.url, '--window', '2026-08-01T00:00:00Z,2026-08-02T00:00:00Z', '--out', join(t.dir, 'o'), '--json'], {});
    assert.equal(out.status, 0, out.stderr);
    const saved = readFileSync(join(t.dir, 'o', 'opencost-allocation.json'), 'utf8');
    const l = await loadFiles([join(t.dir, 'o', 'opencost-allocation.json')]);
    assert.equal(JSON.parse(saved).code, 200);
    assert.equal(l.sum('x_GpuHours'), '54');
    assert.equal(l.sum('x_PricedCost'), '116.3');
    assert.equal(exactSum(l.rows.filter((r) => r.SkuMeter === 'gpu' && r.ResourceType === 'Idle').map((r) => r.x_PricedCost)), '12.3');
    assert.equal(l.rows.find((r) => r.x_Pod === 'trainer-0')?.x_Team, 'research');
    assert.equal(l.sum('BilledCost'), '0');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

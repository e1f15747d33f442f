/**
 * OpenCost's /allocation/summary answer (what its UI reads): data.sets[],
 * each with an allocations map and no properties. Written by hand in that
 * shape; every allocation's totalCost is kept (Σ x_PricedCost = Σ totalCost).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.ts';
import { exactSum, loadFiles } from '../../../test/usage-helpers.ts';

const alloc = (name: string, start: string, end: string, c: Record<string, number>): object => ({
  name, start, end, cpuCoreRequestAverage: 0.5, cpuCoreUsageAverage: 0.1, ramByteRequestAverage: 1e9, ramByteUsageAverage: 5e8,
  cpuCost: 0, gpuCost: 0, networkCost: 0, loadBalancerCost: 0, pvCost: 0, ramCost: 0, sharedCost: 0, externalCost: 0, totalEfficiency: 0.2, ...c,
});

test('an /allocation/summary answer loads one row set per step, totals kept exactly', async () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'summary.json');
    const d1 = ['2026-07-01T00:00:00Z', '2026-07-02T00:00:00Z'] as const;
    const d2 = ['2026-07-02T00:00:00Z', '2026-07-03T00:00:00Z'] as const;
    writeFileSync(path, JSON.stringify({ code: 200, data: { step: 86400000000000, window: { start: d1[0], end: d2[1] }, sets: [
      { window: { start: d1[0], end: d1[1] }, allocations: {
        'ml-training': alloc('ml-training', ...d1, { cpuCost: 1.5, ramCost: 0.5, gpuCost: 3, totalCost: 5 }),
        __idle__: alloc('__idle__', ...d1, { cpuCost: 2, ramCost: 0.25, totalCost: 2.25 }),
      } },
      { window: { start: d2[0], end: d2[1] }, allocations: { 'ml-training': alloc('ml-training', ...d2, { cpuCost: 1, totalCost: 1 }) } },
    ] } }));
    const l = await loadFiles([path]);
    assert.equal(l.report.notes[0]?.format, 'opencost');
    assert.equal(exactSum(l.rows.map((r) => r.x_PricedCost)), '8.25'); // 5 + 2.25 + 1
    assert.equal(exactSum(l.rows.filter((r) => r.ResourceType === 'Idle').map((r) => r.x_PricedCost)), '2.25');
    assert.equal(exactSum(l.rows.filter((r) => r.ServiceSubcategory === 'GPU').map((r) => r.x_PricedCost)), '3');
    assert.equal(exactSum(l.rows.map((r) => r.BilledCost)), '0', 'allocations never bill');
  } finally {
    t.cleanup();
  }
});

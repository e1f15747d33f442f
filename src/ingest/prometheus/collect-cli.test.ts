/**
 * `outlay collect prometheus` end to end through the CLI against a small fake
 * query_range server: one GPU for 2 hours at 5-minute steps, with team from
 * kube_pod_labels, priced as an allocation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.ts';
import { fakeServer, runCliAsync } from '../../../test/usage-helpers.ts';

const START = Date.UTC(2026, 7, 1) / 1000;
const labels = { __name__: 'x', UUID: 'GPU-aaaa', gpu: '0', Hostname: 'n1', modelName: 'NVIDIA H100 80GB HBM3', namespace: 'ml', pod: 'trainer-0', container: 'main' };

test('outlay collect prometheus: GPU-hours, utilisation and team per pod', async () => {
  const srv = await fakeServer((_req, url) => {
    const q = url.searchParams.get('query') ?? '';
    if (url.pathname.endsWith('/query')) {
      return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { namespace: 'ml', pod: 'trainer-0', label_team: 'research' }, value: [START, '1'] }] } }) };
    }
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const pts = (v: string) => Array.from({ length: (end - start) / 300 + 1 }, (_, i) => [start + i * 300, v]);
    const series = q === 'DCGM_FI_DEV_GPU_UTIL' ? [{ metric: labels, values: pts('50') }] : q === 'DCGM_FI_DEV_FB_USED' ? [{ metric: labels, values: pts('2048') }] : [];
    return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }) };
  });
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    const out = await runCliAsync(['--store', store, 'collect', 'prometheus', '--url', srv.url, '--since', new Date(START * 1000).toISOString(), '--until', new Date((START + 7200) * 1000).toISOString(), '--step', '300'], {});
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /1 GPU device\(s\)/);
    const q = await runCliAsync(['--store', store, 'query', '-m', 'gpu_hours,priced', '-g', 'team,pod,pricing_status', '--format', 'json'], {});
    const rows = JSON.parse(q.stdout) as { rows?: Record<string, string>[] } | Record<string, string>[];
    const list = Array.isArray(rows) ? rows : rows.rows ?? [];
    const r = list.find((x) => x.x_Pod === 'trainer-0');
    assert.equal(Number(r?.x_GpuHours), 2);
    assert.equal(r?.x_Team, 'research');
    assert.equal(r?.x_PricingStatus, 'allocation');
    assert.ok(Number(r?.x_PricedCost) > 0, 'priced at a catalogue H100 rate, as an allocation');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

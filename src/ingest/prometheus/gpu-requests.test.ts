/**
 * Requested GPU-hours from kube-state-metrics, against a real Prometheus:
 * kube-state-metrics keeps a pod's requests after the pod has finished (its
 * maintainers: "it reflects the API objects"), an unscheduled pod has no node
 * and holds no GPU, and two kube-state-metrics replicas serve every series
 * twice under two instance labels. Only the running pod's GPUs count, once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPrometheus } from '../../../test/prometheus-harness.ts';
import { fakeServer, storedRows } from '../../../test/usage-helpers.ts';
import { openStore } from '../../store/index.ts';
import { collectPrometheus } from './collect.ts';

const STEP = 300;
const SCRAPES = 8;

const ksm = (ts: number): string => [
  '# TYPE kube_pod_container_resource_requests gauge',
  `kube_pod_container_resource_requests{namespace="ml",pod="run",uid="u1",container="c",node="n1",resource="nvidia_com_gpu",unit="integer"} 2 ${ts}`,
  `kube_pod_container_resource_requests{namespace="ml",pod="done",uid="u2",container="c",node="n1",resource="nvidia_com_gpu",unit="integer"} 1 ${ts}`,
  `kube_pod_container_resource_requests{namespace="ml",pod="wait",uid="u3",container="c",node="",resource="nvidia_com_gpu",unit="integer"} 4 ${ts}`,
  '# TYPE kube_pod_status_phase gauge',
  ...[['run', 'u1', 'Running'], ['done', 'u2', 'Succeeded'], ['wait', 'u3', 'Pending']].flatMap(([pod, uid, now]) =>
    ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].map((p) => `kube_pod_status_phase{namespace="ml",pod="${pod}",uid="${uid}",phase="${p}"} ${p === now ? 1 : 0} ${ts}`)),
  '',
].join('\n');

test('requested GPU-hours: a finished or unscheduled pod holds none, and two kube-state-metrics replicas count once', { timeout: 120_000 }, async () => {
  const t0 = Math.floor((Date.now() - 45 * 60_000) / (STEP * 1000)) * STEP * 1000;
  const replica = () => {
    let k = 0;
    return { scraped: () => k, srv: fakeServer(() => { const b = ksm(t0 + k * STEP * 1000); if (k < SCRAPES - 1) k++; return { body: b }; }) };
  };
  const a = replica();
  const b = replica();
  const [sa, sb] = await Promise.all([a.srv, b.srv]);
  const prom = await startPrometheus([sa.url.replace('http://', ''), sb.url.replace('http://', '')]);
  const store = await openStore({ path: ':memory:' });
  try {
    for (let i = 0; i < 200 && Math.min(a.scraped(), b.scraped()) < SCRAPES - 1; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 800));
    await collectPrometheus(store, { url: prom.url, start: new Date(t0), end: new Date(t0 + SCRAPES * STEP * 1000), stepSec: STEP, timeoutMs: 10_000 });
    const req = (await storedRows(store)).filter((x) => x.ResourceType === 'GPU request');
    assert.deepEqual([...new Set(req.map((x) => x.x_Pod))], ['run']);
    assert.ok(req.every((x) => x.x_GpuCount === '2'));
    // 2 GPUs × 8 steps × 5 min = 80 GPU-minutes (the window may cross a UTC day only at midnight; rows add up either way)
    const hours = req.reduce((s, x) => s + Number(x.ConsumedQuantity), 0);
    assert.ok(Math.abs(hours - (2 * SCRAPES * STEP) / 3600) < 1e-6, `requested GPU-hours ${hours}`);
  } finally {
    await store.close();
    await prom.stop();
    await sa.close();
    await sb.close();
  }
});

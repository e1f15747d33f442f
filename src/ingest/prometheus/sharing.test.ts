/**
 * Live collection when GPUs are shared: by pods at the same time (time-slicing),
 * by the same GPU seen through two exporters, and by MIG slices that exist for
 * part of a day. Each case is one UTC day at hourly steps, hand-counted: a GPU
 * is present for at most one step per step, whoever reports it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeServer } from '../../../test/usage-helpers.ts';
import { withStore } from '../../../test/refusal.ts';
import type { DuckDBStore } from '../../store/duckdb/store.ts';
import { collectPrometheus } from './collect.ts';

const START = Date.UTC(2026, 7, 1) / 1000;
const H = 3600;
type Series = { metric: Record<string, string>; values: [number, string][] };
/** Points at the given hours of the day. */
const at = (hours: number[], v = '50'): [number, string][] => hours.map((h) => [START + h * H, v]);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A query_range server answering each DCGM metric with the given series (clipped to the asked window). */
const prometheus = (byMetric: Record<string, Series[]>) => fakeServer((_req, url) => {
  if (url.pathname.endsWith('/query')) return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }) };
  const start = Number(url.searchParams.get('start'));
  const end = Number(url.searchParams.get('end'));
  const result = (byMetric[url.searchParams.get('query') ?? ''] ?? [])
    .map((s) => ({ metric: s.metric, values: s.values.filter(([t]) => t >= start && t <= end) }))
    .filter((s) => s.values.length);
  return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }) };
});

async function collectDay(store: Parameters<Parameters<typeof withStore>[0]>[0], byMetric: Record<string, Series[]>): Promise<Map<string, number>> {
  const srv = await prometheus(byMetric);
  try {
    await collectPrometheus(store, { url: srv.url, start: new Date(START * 1000), end: new Date((START + 24 * H) * 1000), stepSec: H });
  } finally {
    await srv.close();
  }
  const rows = await (store as unknown as DuckDBStore).sql(`SELECT ResourceId, coalesce(x_Namespace, '') || '/' || coalesce(x_Pod, '') AS who, sum(x_GpuHours)::DOUBLE AS h
    FROM cost_records WHERE ResourceType IN ('GPU', 'MIG instance') GROUP BY ALL ORDER BY ALL`);
  return new Map(rows.map((x) => [`${String(x.ResourceId)} ${String(x.who)}`, Number(x.h)]));
}

const gpu = { UUID: 'GPU-aaaa', gpu: '0', Hostname: 'n1', modelName: 'NVIDIA H100 80GB HBM3' };

test('two pods time-slicing one GPU share the hours they overlap: 18 hours of GPU, not 24', () => withStore(async (store) => {
  // Pod a at hours 0–11, pod b at hours 6–17: 18 distinct hours; the 6 shared ones are split in half.
  const got = await collectDay(store, { DCGM_FI_DEV_GPU_UTIL: [
    { metric: { ...gpu, namespace: 'ml', pod: 'a', container: 'c' }, values: at(range(0, 11)) },
    { metric: { ...gpu, namespace: 'ml', pod: 'b', container: 'c' }, values: at(range(6, 17)) },
  ] });
  assert.deepEqual([...got], [['GPU-aaaa ml/a', 9], ['GPU-aaaa ml/b', 9]]);
}));

test('one GPU scraped through two exporters counts once, and exported_pod (the workload) wins over the scrape target pod', () => withStore(async (store) => {
  // What Prometheus writes without honor_labels: pod/namespace are the exporter's, exported_* the workload's.
  const seen = (exporter: string, instance: string) => ({ ...gpu, instance, namespace: 'gpu-operator', pod: exporter, exported_namespace: 'ml', exported_pod: 'trainer', exported_container: 'main' });
  const got = await collectDay(store, {
    DCGM_FI_DEV_GPU_UTIL: [{ metric: seen('dcgm-exporter-x', '10.0.0.1:9400'), values: at(range(0, 23)) }, { metric: seen('dcgm-exporter-y', '10.0.0.2:9400'), values: at(range(0, 23)) }],
    // the same exporter twice under two instance labels (a second scrape job): still one GPU
    DCGM_FI_DEV_FB_USED: [{ metric: { ...seen('dcgm-exporter-x', 'a:9400') }, values: at(range(0, 23), '1024') }, { metric: { ...seen('dcgm-exporter-x', 'b:9400') }, values: at(range(0, 23), '1024') }],
  });
  assert.deepEqual([...got], [['GPU-aaaa ml/trainer', 24]]);
}));

test('a 1g.10gb MIG slice used for 7 hours takes 1/7 of 7 GPU-hours from its A100; the GPU still adds up to 24', () => withStore(async (store) => {
  const a100 = { UUID: 'GPU-cccc', gpu: '0', Hostname: 'n2', modelName: 'NVIDIA A100-SXM4-80GB' };
  const got = await collectDay(store, {
    // power is per GPU (no GPU_I_ID) all day; the slice's engine activity only while its pod ran (hours 0–6)
    DCGM_FI_DEV_POWER_USAGE: [{ metric: a100, values: at(range(0, 23), '250') }],
    DCGM_FI_PROF_GR_ENGINE_ACTIVE: [{ metric: { ...a100, GPU_I_ID: '9', GPU_I_PROFILE: '1g.10gb', namespace: 'ml', pod: 'nb', container: 'c' }, values: at(range(0, 6), '0.5') }],
  });
  // slice: 7 h × 1/7 = 1 GPU-hour; whole GPU: 24 − 1 = 23 (the rest of the GPU, unsliced time included).
  assert.equal(got.get('GPU-cccc/mig-9 ml/nb'), 1);
  assert.equal(got.get('GPU-cccc /'), 23);
}));

test("an idle GPU scraped without honor_labels carries only the exporter's own pod: it is a GPU with no pod, not the exporter's", () => withStore(async (store) => {
  // GPU operator names: pod nvidia-dcgm-exporter-<hash> in gpu-operator; the Helm chart's: dcgm-exporter-<hash>, container "exporter".
  const target = { ...gpu, instance: '10.0.0.1:9400', namespace: 'gpu-operator', pod: 'nvidia-dcgm-exporter-x7k2p', container: 'nvidia-dcgm-exporter' };
  const got = await collectDay(store, { DCGM_FI_DEV_GPU_UTIL: [
    { metric: { ...target, exported_namespace: 'ml', exported_pod: 'trainer', exported_container: 'main' }, values: at(range(0, 11)) },
    { metric: target, values: at(range(12, 23), '0') },
  ] });
  assert.deepEqual([...got], [['GPU-aaaa /', 12], ['GPU-aaaa ml/trainer', 12]]);
}));

test('an exporter down for 4 hours (no points) gives 20 GPU-hours of the day, not 24', () => withStore(async (store) => {
  const got = await collectDay(store, { DCGM_FI_DEV_GPU_UTIL: [
    { metric: { ...gpu, namespace: 'ml', pod: 'a', container: 'c' }, values: at([...range(0, 4), ...range(9, 23)]) },
  ] });
  assert.deepEqual([...got], [['GPU-aaaa ml/a', 20]]);
}));

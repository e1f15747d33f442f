/**
 * NaN, ±Inf and absurd sample values in DCGM / kube-state-metrics series:
 * NaN (and DCGM's blank sentinel), ±Inf and values no GPU can report are no
 * reading, skipped and counted, so they reach no average, GPU request or
 * cost, and one glitched point does not stop a load. Expected values are
 * written by hand from the samples below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../store/index.ts';
import { fakeServer, loadText, storedRows } from '../../../test/usage-helpers.ts';
import { collectPrometheus } from './index.ts';

const A = 'gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",Hostname="h1"';
const B = 'gpu="1",UUID="GPU-b",modelName="NVIDIA A100-SXM4-80GB",Hostname="h1"';
const T = ' 1730419200000';
const expo = (...lines: string[]): string => `${lines.join('\n')}\n`;
const NOTE = /sample\(s\) of NaN or an impossible value \(±Inf, out of the metric's range: no reading\) were skipped/;

test('exposition: NaN samples are no reading, skipped and counted; the other readings stand', async () => {
  const l = await loadText('x.prom', expo(
    '# TYPE DCGM_FI_DEV_GPU_UTIL gauge',
    `DCGM_FI_DEV_GPU_UTIL{${A}} 40${T}`,
    `DCGM_FI_DEV_GPU_UTIL{${B}} NaN${T}`,
    `DCGM_FI_DEV_POWER_USAGE{${A}} NaN${T}`,
    `DCGM_FI_DEV_POWER_USAGE{${B}} 250.5${T}`,
    // DCGM_FP64_BLANK (2^47): the exporter's "no value" for a float field
    `DCGM_FI_DEV_FB_USED{${A}} 140737488355328${T}`,
    `DCGM_FI_DEV_FB_USED{${B}} 2048${T}`,
    'kube_pod_container_resource_requests{namespace="ml",pod="p1",container="c",resource="nvidia_com_gpu",unit="integer"} NaN',
  ));
  const a = l.rows.find((r) => r.ResourceId === 'GPU-a');
  const b = l.rows.find((r) => r.ResourceId === 'GPU-b');
  assert.equal(l.rows.length, 2, 'two GPUs, no GPU request row from a NaN request');
  assert.equal(Number(a?.x_GpuUtilization), 0.4);
  assert.equal(a?.x_GpuPowerWatts ?? null, null);
  assert.equal(a?.x_GpuMemoryUsedGib ?? null, null);
  assert.equal(b?.x_GpuUtilization ?? null, null);
  assert.equal(Number(b?.x_GpuPowerWatts), 250.5);
  assert.equal(Number(b?.x_GpuMemoryUsedGib), 2);
  assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /^4 /m);
  assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', NOTE);
});

const FIELD: Record<string, 'x_GpuPowerWatts' | 'x_GpuMemoryUsedGib' | 'x_GpuUtilization'> = {
  DCGM_FI_DEV_POWER_USAGE: 'x_GpuPowerWatts', DCGM_FI_DEV_FB_USED: 'x_GpuMemoryUsedGib', DCGM_FI_DEV_GPU_UTIL: 'x_GpuUtilization',
};
for (const [value, metric] of [['+Inf', 'DCGM_FI_DEV_POWER_USAGE'], ['-Inf', 'DCGM_FI_DEV_FB_USED'], ['1e308', 'DCGM_FI_DEV_POWER_USAGE'], ['250', 'DCGM_FI_DEV_GPU_UTIL'], ['4294967295', 'DCGM_FI_DEV_GPU_UTIL'], ['-3', 'DCGM_FI_DEV_GPU_UTIL']] as const) {
  test(`exposition: ${metric} = ${value} is no reading: skipped and counted, the GPU and its other readings stay`, async () => {
    const l = await loadText('x.prom', expo('# TYPE x gauge', `DCGM_FI_DEV_GPU_UTIL{${A}} 40${T}`, `DCGM_FI_DEV_POWER_USAGE{${B}} 300${T}`, `${metric}{${B}} ${value}${T}`));
    const b = l.rows.find((r) => r.ResourceId === 'GPU-b');
    assert.equal(l.rows.length, 2);
    // B's power sample of 300 stands either way; the bad sample adds nothing.
    const got = b?.[FIELD[metric]!];
    assert.equal(got === null || got === undefined ? null : Number(got), metric === 'DCGM_FI_DEV_POWER_USAGE' ? 300 : null);
    assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /^1 sample/m);
    assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', NOTE);
  });
}

test('exposition: a GPU request of +Inf is no reading (it was a crash converting to a count)', async () => {
  const line = 'kube_pod_container_resource_requests{namespace="ml",pod="p1",container="c",resource="nvidia_com_gpu",unit="integer"} +Inf';
  const l = await loadText('x.prom', expo(`DCGM_FI_DEV_GPU_UTIL{${A}} 40${T}`, line));
  assert.equal(l.rows.length, 1, 'the GPU, no request row');
  assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', NOTE);
});

test('exposition: a memory request in bytes is not held to GPU bounds', async () => {
  const l = await loadText('x.prom', expo(`DCGM_FI_DEV_GPU_UTIL{${A}} 40${T}`,
    'kube_pod_container_resource_requests{namespace="ml",pod="p1",container="c",resource="memory",unit="byte"} 68719476736'));
  assert.equal(l.rows.length, 1);
});

const START = Date.UTC(2026, 7, 1) / 1000;
const labels = { __name__: 'x', UUID: 'GPU-aaaa', gpu: '0', Hostname: 'n1', modelName: 'NVIDIA H100 80GB HBM3', namespace: 'ml', pod: 'trainer-0', container: 'main' };

/** One GPU for 2 hours at 5-minute steps (24 points); util(i) gives point i's text. */
async function collectWith(util: (i: number) => string, request: (i: number) => string) {
  const srv = await fakeServer((_req, url) => {
    if (url.pathname.endsWith('/query')) return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }) };
    const q = url.searchParams.get('query') ?? '';
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const pts = (f: (i: number) => string) => Array.from({ length: (end - start) / 300 + 1 }, (_, i) => [start + i * 300, f(i)]);
    const series = q === 'DCGM_FI_DEV_GPU_UTIL' ? [{ metric: labels, values: pts(util) }]
      : q.includes('kube_pod_container_resource_requests') ? [{ metric: { namespace: 'ml', pod: 'trainer-0', container: 'main' }, values: pts(request) }] : [];
    return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }) };
  });
  const store = await openStore({ path: ':memory:' });
  try {
    const r = await collectPrometheus(store, { url: srv.url, start: new Date(START * 1000), end: new Date((START + 7200) * 1000), stepSec: 300 });
    return { r, rows: await storedRows(store) };
  } finally {
    await store.close();
    await srv.close();
  }
}

test('query_range: NaN points are no reading (the mean is of the others); the GPU was still there for their steps', async () => {
  // even points 60 %, odd points NaN: mean 0.6 (NaN poisoned it or, read as 0, made it 0.3); 24 points × 5 min = 2 GPU-hours
  const { r, rows } = await collectWith((i) => (i % 2 ? 'NaN' : '60'), (i) => (i < 12 ? '1' : 'NaN'));
  const gpu = rows.find((x) => x.ResourceType === 'GPU');
  assert.equal(Number(gpu?.x_GpuUtilization), 0.6);
  assert.equal(Number(gpu?.x_GpuHours), 2);
  const req = rows.find((x) => x.ResourceType === 'GPU request');
  assert.equal(Number(req?.ConsumedQuantity), 1, '12 points of 1 GPU × 5 min; the 12 NaN points add nothing');
  assert.equal(req?.x_GpuCount, '1');
  assert.ok(r.warnings.some((w) => w.startsWith('24 point(s) of NaN or an impossible value')), r.warnings.join('\n'));
});

for (const bad of ['+Inf', '1e308', '4294967295']) {
  test(`query_range: a utilisation point of ${bad} is no reading: the mean is of the other points, the collection goes on`, async () => {
    const { r, rows } = await collectWith((i) => (i === 5 ? bad : '60'), () => '1');
    const gpu = rows.find((x) => x.ResourceType === 'GPU');
    assert.equal(Number(gpu?.x_GpuUtilization), 0.6);
    assert.equal(Number(gpu?.x_GpuHours), 2);
    assert.ok(r.warnings.some((w) => w.startsWith('1 point(s) of NaN or an impossible value')), r.warnings.join('\n'));
  });
}

/**
 * The saved expositions in shared/fixtures/metrics load and match
 * totals.json / the README: sample counts, GPUs, MIG slices, memory, power
 * and kube-state-metrics GPU requests; a malformed line names its line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { fixture, readJson, tempDir } from '../../../test/helpers.ts';
import { loadFiles } from '../../../test/usage-helpers.ts';
import { parseExposition } from './exposition.ts';

type T = Record<string, { samples: number; mig_instances?: { uuid: string; GPU_I_ID: string; GPU_I_PROFILE: string }[]; fb_MiB_whole_gpu?: Record<string, number>; power_usage_W?: number[]; 'kube_pod_container_resource_requests{resource=nvidia_com_gpu}'?: { series: number; sum: number } }>;
const totals = readJson<T>(fixture('metrics', 'totals.json'));

test('dcgm-exporter sample (Datadog): 38 samples, 3 labelled GPUs, 14 dummies skipped', async () => {
  const path = fixture('metrics', 'dcgm-exporter-sample.prom');
  assert.equal(parseExposition(readFileSync(path, 'utf8'), path).length, 38);
  const l = await loadFiles([path]);
  assert.deepEqual(l.rows.map((r) => r.ResourceId).sort(), ['GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e', 'GPU-9ef1b6d0-3643-5dd7-b823-c0ec20dcf2d5', 'GPU-abc']);
  const t4 = l.rows.find((r) => r.ResourceId === 'GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e');
  assert.equal(Number(t4?.x_GpuUtilization), 0);
  assert.equal(Number(t4?.x_GpuMemoryUsedGib), 0);
  assert.equal(Number(t4?.x_GpuPowerWatts), 8.969);
  const ray = l.rows.find((r) => r.ResourceId === 'GPU-abc');
  assert.equal(ray?.x_Pod, 'ray-1111111');
  assert.equal(ray?.x_Namespace, 'ray-llm');
  assert.match(l.report.notes[0]?.warnings.join('\n') ?? '', /14 DCGM sample\(s\) without a GPU label/);
});

test('dcgm-exporter A100 with a MIG slice: whole GPU and 1g.5gb slice, memory and power as served', async () => {
  const rel = 'prometheus/dcgm-exporter__a100-mig__nvidia-cloud-native-docs.prom';
  const want = totals[rel];
  const path = fixture('metrics', rel);
  assert.equal(parseExposition(readFileSync(path, 'utf8'), path).length, want?.samples);
  const l = await loadFiles([path]);
  const gpu = l.rows.find((r) => r.ResourceType === 'GPU');
  const mig = l.rows.filter((r) => r.ResourceType === 'MIG instance');
  assert.deepEqual(mig.map((m) => [m.ResourceId, m.x_MigProfile]), want?.mig_instances?.map((m) => [`${m.uuid}/mig-${m.GPU_I_ID}`, m.GPU_I_PROFILE]));
  assert.equal(Number(gpu?.x_GpuMemoryUsedGib) * 1024, want?.fb_MiB_whole_gpu?.DCGM_FI_DEV_FB_USED);
  assert.equal(Number(gpu?.x_GpuPowerWatts), want?.power_usage_W?.[0]);
  assert.equal(Number(mig[0]?.x_GpuUtilization), 0.995687, 'MIG utilisation from GR_ENGINE_ACTIVE');
});

test('kube-state-metrics: one GPU request on pod0, limit kept as a tag', async () => {
  const rel = 'prometheus/kube-state-metrics__pod-gpu-request__server_test.prom';
  const want = totals[rel];
  const path = fixture('metrics', rel);
  assert.equal(parseExposition(readFileSync(path, 'utf8'), path).length, want?.samples);
  const l = await loadFiles([path]);
  const req = l.rows.filter((r) => r.ResourceType === 'GPU request');
  assert.equal(req.length, want?.['kube_pod_container_resource_requests{resource=nvidia_com_gpu}']?.series);
  assert.equal(Number(l.sum('x_GpuCount')), want?.['kube_pod_container_resource_requests{resource=nvidia_com_gpu}']?.sum);
  assert.equal(req[0]?.x_Pod, 'pod0');
  assert.equal((JSON.parse(req[0]?.Tags ?? '{}') as Record<string, string>).gpu_limit, '1');
});

test('a malformed exposition line is refused with its line', async () => {
  const t = tempDir();
  try {
    const p = join(t.dir, 'bad.prom');
    writeFileSync(p, '# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1"} 5\nDCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-1"} lots\n');
    const err = await loadFiles([p]).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.equal(err.details.line, 3);
    assert.equal(err.details.field, 'DCGM_FI_DEV_FB_USED');
  } finally {
    t.cleanup();
  }
});

test('OpenMetrics: exemplars ignored, time stamps in seconds; text format in milliseconds', () => {
  const text = 'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1"} 42 1754000000.5 # {trace_id="abc"} 1.0\nDCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-1"} 7 1754000000500\n# EOF\n';
  const s = parseExposition(text, 'x.prom');
  assert.deepEqual(s.map((x) => [x.value, x.timestampMs]), [[42, 1754000000500], [7, 1754000000500]]);
});

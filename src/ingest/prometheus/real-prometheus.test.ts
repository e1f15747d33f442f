/**
 * Against a real Prometheus (installed by scripts/ensure-prometheus.sh if
 * missing) scraping this test's own exporter, which serves the real
 * expositions of shared/fixtures/metrics over simulated time: scrape k is
 * stamped T0 + k × 5 min (T0 = 45 minutes ago), with FB_USED and GR_ENGINE_ACTIVE varied per scrape.
 * Collected GPU-hours, utilisation, memory and GPU requests must equal what
 * the exporter served. A Prometheus that does not answer is a clear error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture } from '../../../test/helpers.ts';
import { startPrometheus } from '../../../test/prometheus-harness.ts';
import { exactSum, fakeServer, storedRows } from '../../../test/usage-helpers.ts';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { isOutlayError } from '../../core/index.ts';
import { collectPrometheus } from './collect.ts';

const STEP = 300;
const SCRAPES = 8;
const dcgm = readFileSync(fixture('metrics', 'prometheus', 'dcgm-exporter__a100-mig__nvidia-cloud-native-docs.prom'), 'utf8');
const ksm = readFileSync(fixture('metrics', 'prometheus', 'kube-state-metrics__pod-gpu-request__server_test.prom'), 'utf8');

function exporter(t0Ms: number) {
  const served: { fbUsed: number; engineMig: number }[] = [];
  const body = (k: number): string => {
    const ts = t0Ms + k * STEP * 1000;
    const fbUsed = 4845 + 100 * k;
    const engineMig = Number((0.5 + 0.05 * k).toFixed(6));
    const lines = `${dcgm}\n${ksm}`.split('\n').map((l) => {
      if (l.trim() === '' || l.startsWith('#')) return l;
      let line = l;
      if (l.startsWith('DCGM_FI_DEV_FB_USED{')) line = l.replace(/ [^ ]+$/, ` ${fbUsed}`);
      if (l.startsWith('DCGM_FI_PROF_GR_ENGINE_ACTIVE{') && l.includes('GPU_I_ID')) line = l.replace(/ [^ ]+$/, ` ${engineMig}`);
      return `${line} ${ts}`;
    });
    if (served.length === k) served.push({ fbUsed, engineMig });
    return lines.join('\n');
  };
  return { served, body };
}

test('collects DCGM GPU-hours, MIG slices and GPU requests from a real Prometheus, matching what was served', { timeout: 120_000 }, async () => {
  // Simulated time must stay within the TSDB head's appendable hour (Prometheus also writes `up` at wall-clock time).
  const t0 = Math.floor((Date.now() - 45 * 60_000) / (STEP * 1000)) * STEP * 1000;
  const ex = exporter(t0);
  let k = 0;
  const srv = await fakeServer(() => { const b = ex.body(k); if (k < SCRAPES - 1) k++; return { body: b }; });
  const prom = await startPrometheus([srv.url.replace('http://', '')]);
  const store = await openStore({ path: ':memory:' });
  try {
    for (let i = 0; i < 200 && ex.served.length < SCRAPES; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ex.served.length, SCRAPES, 'the exporter was scraped enough times');
    await new Promise((r) => setTimeout(r, 600));
    const r = await collectPrometheus(store, { url: prom.url, start: new Date(t0), end: new Date(t0 + SCRAPES * STEP * 1000), stepSec: STEP, timeoutMs: 10_000 });
    assert.equal(r.devices, 2, 'the A100 and its 1g.5gb MIG slice');
    const gpuHours = (SCRAPES * STEP) / 3600;
    const q = await store.query({ measures: ['gpu_hours', 'rows'], groupBy: ['resource_type'] }, FULL_ACCESS);
    const by = Object.fromEntries(q.rows.map((x) => [x.ResourceType, x]));
    const devicesHours = Number(by.GPU?.x_GpuHours) + Number(by['MIG instance']?.x_GpuHours);
    assert.ok(Math.abs(devicesHours - gpuHours) < 1e-6, `GPU-hours ${devicesHours} = ${SCRAPES} scrapes × 5 min`);
    assert.ok(Math.abs(Number(by['MIG instance']?.x_GpuHours) - gpuHours / 7) < 1e-6, '1g.5gb is 1/7 of the GPU');
    const mem = ex.served.reduce((a, s) => a + s.fbUsed, 0) / SCRAPES;
    const engine = ex.served.reduce((a, s) => a + s.engineMig, 0) / SCRAPES;
    const dims = await store.query({ measures: ['gpu_hours'], groupBy: ['resource'] }, FULL_ACCESS);
    assert.ok(dims.rows.some((x) => x.ResourceId === 'GPU-34319582-d595-d1c7-d1d2-179bcfa61660/mig-13'));
    const detail = await storedRows(store);
    // The window may cross a clock hour, which splits each device into one row per hour: weigh each row's mean by its GPU-hours.
    const of = (type: string) => detail.filter((x) => x.ResourceType === type);
    const weighted = (rows: typeof detail, field: string) =>
      rows.reduce((a, x) => a + Number(x[field]) * Number(x.x_GpuHours), 0) / rows.reduce((a, x) => a + Number(x.x_GpuHours), 0);
    const whole = of('GPU');
    const mig = of('MIG instance');
    assert.ok(whole.length >= 1 && whole.length <= 2 && mig.length === whole.length, `one row per device and clock hour, got ${whole.length} and ${mig.length}`);
    assert.ok(Math.abs(weighted(whole, 'x_GpuMemoryUsedGib') * 1024 - mem) < 1e-6, `mean FB_USED ${mem} MiB`);
    assert.ok(whole.every((x) => Math.abs(Number(x.x_GpuPowerWatts) - 409.692) < 1e-9));
    assert.ok(Math.abs(weighted(mig, 'x_GpuUtilization') - engine) < 1e-9, `MIG utilisation from GR_ENGINE_ACTIVE ${engine}`);
    assert.ok(mig.every((x) => x.x_MigProfile === '1g.5gb'));
    const req = of('GPU request');
    assert.ok(req.length >= 1 && req.every((x) => x.x_Pod === 'pod0' && x.x_GpuCount === '1'));
    assert.ok(Math.abs(req.reduce((a, x) => a + Number(x.ConsumedQuantity), 0) - gpuHours) < 1e-6, 'requested GPU-hours = 1 GPU × window');
    assert.equal(exactSum(detail.map((x) => x.BilledCost)), '0', 'cloud/Kubernetes GPUs are allocations, never spend');
  } finally {
    await store.close();
    await prom.stop();
    await srv.close();
  }
});

test('a Prometheus that does not answer in time is a clear error and nothing is stored', async () => {
  const srv = await fakeServer(() => 'hang');
  const store = await openStore({ path: ':memory:' });
  try {
    const err = await collectPrometheus(store, { url: srv.url, start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-08-02T00:00:00Z'), timeoutMs: 500 }).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.equal(err.code, 'INGEST_IO');
    assert.match(err.message, /did not answer within 0\.5 s/);
    const n = await store.query({ measures: ['rows'], groupBy: [] }, FULL_ACCESS);
    assert.equal(Number(n.rows[0]?.Rows ?? 0), 0);
  } finally {
    await store.close();
    await srv.close();
  }
});

test("Prometheus's own error answer (e.g. its query timeout) is reported with its type", async () => {
  const srv = await fakeServer(() => ({ status: 503, body: JSON.stringify({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }) }));
  const store = await openStore({ path: ':memory:' });
  try {
    const err = await collectPrometheus(store, { url: srv.url, start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-08-01T06:00:00Z') }).then(() => undefined, (e: unknown) => e);
    assert.ok(isOutlayError(err));
    assert.match(err.message, /refused query .*timeout: query timed out/);
  } finally {
    await store.close();
    await srv.close();
  }
});

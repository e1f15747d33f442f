/**
 * Live collection from Prometheus: DCGM GPU metrics and kube-state-metrics
 * GPU requests over [start, end) at a step, one UTC day per round of queries
 * so memory stays bounded by the number of series. A device is present for a
 * step when any of its DCGM series has a point there; each point stands for
 * one step, split evenly between the pods seen on the same GPU (or MIG slice)
 * at that step, so a GPU gives at most one step of GPU-hours per step. Pod labels from
 * kube_pod_labels (label_team …) become tags, so team is derived by the
 * allocation rules. All rows or none reach the store.
 */
import { createHash } from 'node:crypto';
import { OutlayError, startOfUtcDay } from '../../core/index.ts';
import type { LoadResult, Store } from '../../store/index.ts';
import { aggregateGpuSamples, rateWarnings, type GpuSample } from '../gpu-telemetry/index.ts';
import { stageRows, tagsJson, type BuiltRow } from '../row-stage/index.ts';
import { DCGM_METRICS, GPU_REQUEST, deviceId, deviceOf, type DeviceKey } from './dcgm.ts';
import { parseValue } from './exposition.ts';
import { queryInstant, queryRange, type PromClient } from './query.ts';
import { reading, skippedNote } from './readings.ts';

export interface PrometheusCollectOptions {
  readonly url: string;
  readonly start: Date;
  readonly end: Date;
  /** Seconds between points (default 300). */
  readonly stepSec?: number;
  /** Per-request timeout (default 60 s). */
  readonly timeoutMs?: number;
  readonly onProgress?: (fraction: number) => void;
}

export interface PrometheusCollectResult extends LoadResult {
  readonly devices: number;
  readonly points: number;
  readonly warnings: readonly string[];
}

const DAY = 86_400_000;
interface Acc { key: DeviceKey; present: Set<number>; util: [number, number]; engine: [number, number]; mem: [number, number]; power: [number, number] }
const avg = (a: [number, number]): number | null => (a[1] ? a[0] / a[1] : null);

/**
 * A point of a query_range answer as a reading: null for no reading (NaN,
 * ±Inf, out of the metric's range: readings.ts); text that is no number at
 * all is refused naming the server, the query, the series and the time.
 */
function pointReading(c: PromClient, metric: string, query: string, series: Record<string, string>, [t, text]: readonly [number, string]): number | null {
  const v = parseValue(text);
  if (v !== undefined) return reading(metric, v);
  // Only a refusal names the place: building this text for every point of a month's collection is waste.
  const labels = Object.entries(series).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`).join(',');
  const where = `Prometheus at ${c.base.origin}${c.base.pathname}: query ${query}, series {${labels}} at ${new Date(t * 1000).toISOString()}`;
  throw new OutlayError('INGEST_BAD_ROW', `${where}: value is not a number (${text}); nothing was stored`, { file: c.base.href, field: metric, value: text });
}

async function dayOfDevices(c: PromClient, t0: number, t1: number, step: number): Promise<{ samples: GpuSample[]; points: number; missing: number }> {
  const acc = new Map<string, Acc>();
  let points = 0;
  let missing = 0;
  const metrics: [string, keyof Pick<Acc, 'util' | 'engine' | 'mem' | 'power'>][] = [
    [DCGM_METRICS.fbUsed, 'mem'], [DCGM_METRICS.util, 'util'], [DCGM_METRICS.engine, 'engine'], [DCGM_METRICS.power, 'power'],
  ];
  for (const [metric, field] of metrics) {
    for (const s of await queryRange(c, metric, t0 / 1000, (t1 / 1000) - step, step)) {
      const key = deviceOf(s.metric);
      if (!key) continue;
      const id = deviceId(key);
      let a = acc.get(id);
      if (!a) acc.set(id, a = { key, present: new Set(), util: [0, 0], engine: [0, 0], mem: [0, 0], power: [0, 0] });
      for (const p of s.values) {
        // a NaN point still shows the device was there for that step; it only has no reading
        a.present.add(p[0]); points++;
        const v = pointReading(c, metric, metric, s.metric, p);
        if (v === null) missing++;
        else { a[field][0] += v; a[field][1]++; }
      }
    }
  }
  // Pods time-slicing one GPU (or one MIG slice) are each a device with a point at the same step:
  // the step is split between them, so the GPU is counted once per step, not once per pod.
  const sharing = new Map<string, number>();
  const unit = (a: Acc, t: number): string => `${a.key.gpu}|${a.key.migId ?? ''}|${t}`;
  for (const a of acc.values()) for (const t of a.present) sharing.set(unit(a, t), (sharing.get(unit(a, t)) ?? 0) + 1);
  const samples = [...acc.values()].map((a): GpuSample => {
    const util = avg(a.util);
    let ms = 0;
    for (const t of a.present) ms += (step * 1000) / (sharing.get(unit(a, t)) ?? 1);
    return {
      ...a.key, at: new Date(t0), durationMs: ms, line: 0,
      util: a.key.migId ? avg(a.engine) ?? (util === null ? null : util / 100) : util === null ? avg(a.engine) : util / 100,
      memUsedMib: avg(a.mem), powerW: avg(a.power),
    };
  });
  return { samples, points, missing };
}

async function requestRows(c: PromClient, t0: number, t1: number, step: number, account: string, labels: Map<string, Record<string, string>>): Promise<{ rows: BuiltRow[]; missing: number }> {
  // kube-state-metrics keeps a finished pod's requests until the pod is deleted, and an unscheduled
  // pod (no node) holds no GPU: only scheduled pods that have not finished count. max, not sum:
  // kube-state-metrics replicas serve the same series under different instance labels.
  const q = 'max by (namespace, pod, container) (kube_pod_container_resource_requests{resource=~"nvidia_com_gpu|nvidia.com/gpu",node!=""}'
    + ' unless on (namespace, pod) (kube_pod_status_phase{phase=~"Succeeded|Failed"} == 1))';
  let missing = 0;
  const rows = (await queryRange(c, q, t0 / 1000, (t1 / 1000) - step, step)).flatMap((s): BuiltRow[] => {
    const m = s.metric;
    const read = s.values.map((p) => pointReading(c, GPU_REQUEST, q, m, p));
    const vals = read.filter((v): v is number => v !== null);
    missing += read.length - vals.length;
    if (!vals.length) return [];
    const gpuHours = (vals.reduce((a, b) => a + b, 0) * step) / 3600;
    return [{ line: 0, values: {
      ChargePeriodStart: new Date(t0), ChargePeriodEnd: new Date(t1), ChargeCategory: 'Usage', ProviderName: 'Kubernetes', BillingAccountId: account,
      ServiceName: 'Kubernetes', ServiceCategory: 'Compute', ServiceSubcategory: 'GPU', ResourceType: 'GPU request',
      ResourceId: `${m.namespace ?? ''}/${m.pod ?? ''}/${m.container ?? ''}`, ResourceName: m.pod ?? null,
      BillingCurrency: 'USD', BilledCost: '0', EffectiveCost: '0', ConsumedQuantity: gpuHours.toFixed(9), ConsumedUnit: 'Requested GPU-Hours',
      x_GpuCount: BigInt(Math.round(Math.max(0, ...vals))), x_Namespace: m.namespace ?? null, x_Pod: m.pod ?? null,
      x_PricingStatus: 'allocation', x_PricingNote: 'kube-state-metrics GPU request (requested, not used, GPU-hours in ConsumedQuantity)',
      Tags: tagsJson({ ...labels.get(`${m.namespace}/${m.pod}`), namespace: m.namespace, pod: m.pod, container: m.container }),
    } }];
  });
  return { rows, missing };
}

/** kube_pod_labels → namespace/pod → {team: …} (label_ prefix removed). */
async function podLabels(c: PromClient, atSec: number): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const r of await queryInstant(c, 'kube_pod_labels', atSec)) {
    const l: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.metric)) if (k.startsWith('label_') && v) l[k.slice(6)] = v;
    out.set(`${r.metric.namespace}/${r.metric.pod}`, l);
  }
  return out;
}

export async function collectPrometheus(store: Store, o: PrometheusCollectOptions): Promise<PrometheusCollectResult> {
  const step = o.stepSec ?? 300;
  const c: PromClient = { base: new URL(o.url), timeoutMs: o.timeoutMs ?? 60_000 };
  const account = `prometheus:${c.base.host}`;
  const labels = await podLabels(c, o.end.getTime() / 1000);
  const rows: BuiltRow[] = [];
  const warnings: string[] = [];
  let points = 0;
  let missing = 0;
  const devices = new Set<string>();
  // Rows are restated by UTC day (replaceBy 'charge-day'): a pull from 14:00 would replace the
  // morning an earlier pull stored with nothing, so it starts at the midnight before.
  const from = startOfUtcDay(o.start).getTime();
  const days = Math.max(1, Math.ceil((o.end.getTime() - from) / DAY));
  for (let t0 = from, i = 0; t0 < o.end.getTime(); t0 = Math.min(o.end.getTime(), Math.floor(t0 / DAY) * DAY + DAY), i++) {
    const t1 = Math.min(o.end.getTime(), Math.floor(t0 / DAY) * DAY + DAY);
    const day = await dayOfDevices(c, t0, t1, step);
    points += day.points;
    missing += day.missing;
    for (const s of day.samples) devices.add(deviceId(s));
    const withLabels = day.samples.map((s) => ({ ...s, labels: s.pod ? labels.get(`${s.namespace}/${s.pod}`) : undefined }));
    const agg = aggregateGpuSamples(withLabels, { bucketMs: DAY, provider: 'Kubernetes', accountId: account, serviceName: 'GPU telemetry (DCGM)' });
    const requests = await requestRows(c, t0, t1, step, account, labels);
    missing += requests.missing;
    rows.push(...agg.rows, ...requests.rows);
    if (i === 0) warnings.push(...rateWarnings(agg.rates));
    o.onProgress?.(Math.min(1, (i + 1) / days));
  }
  if (missing) warnings.push(skippedNote(missing, 'point'));
  const id = `prometheus:${c.base.origin}${c.base.pathname} [${new Date(from).toISOString()}, ${o.end.toISOString()}) step ${step}s`;
  const hash = createHash('sha256').update(id);
  for (const r of rows) hash.update(JSON.stringify(r.values, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  const sha256 = hash.digest('hex');
  const file = stageRows({ path: id, sha256, bytes: 0, format: 'prometheus', replaceBy: 'charge-day' }, rows);
  const loaded = await store.load({ files: [file], mode: 'replace', quarantine: false });
  return { ...loaded, devices: devices.size, points, warnings };
}

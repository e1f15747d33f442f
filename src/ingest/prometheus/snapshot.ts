/**
 * A saved exposition (.prom) → rows: one per GPU device (whole GPU or MIG
 * slice, per pod) with its utilisation, memory and power at that instant
 * (GPU-hours 0: a snapshot has no duration), and one per container that
 * requests GPUs in kube-state-metrics (x_GpuCount = the request).
 */
import type { GpuSample } from '../gpu-telemetry/index.ts';
import type { BuiltRow } from '../row-stage/index.ts';
import { tagsJson } from '../row-stage/index.ts';
import { DCGM_METRICS, GPU_LIMIT, GPU_REQUEST, dcgmMetric, deviceId, deviceOf, isGpuResource, type DeviceKey } from './dcgm.ts';
import type { ExpoSample } from './exposition.ts';
import { reading } from './readings.ts';

interface Dev { key: DeviceKey; line: number; util: number | null; engine: number | null; mem: number | null; power: number | null; at: number | null }

const READ: ReadonlySet<string> = new Set(Object.values(DCGM_METRICS));

/** Devices and their readings; `missing` counts samples that are no reading (NaN, ±Inf, out of range), which leave the device without that reading. */
export function snapshotSamples(samples: readonly ExpoSample[], at: Date): { samples: GpuSample[]; unlabeled: number; missing: number } {
  const devs = new Map<string, Dev>();
  let unlabeled = 0;
  let missing = 0;
  for (const s of samples) {
    const name = dcgmMetric(s.name);
    if (name === null) continue;
    const key = deviceOf(s.labels);
    if (!key) { unlabeled++; continue; }
    const id = deviceId(key);
    let d = devs.get(id);
    if (!d) devs.set(id, d = { key, line: s.line, util: null, engine: null, mem: null, power: null, at: s.timestampMs });
    if (!d.key.gpuName && key.gpuName) d.key = { ...d.key, gpuName: key.gpuName };
    if (!READ.has(name)) continue;
    const v = reading(name, s.value);
    if (v === null) { missing++; continue; }
    if (name === DCGM_METRICS.util) d.util = v / 100;
    if (name === DCGM_METRICS.engine) d.engine = v;
    if (name === DCGM_METRICS.fbUsed) d.mem = v;
    if (name === DCGM_METRICS.power) d.power = v;
  }
  const out = [...devs.values()].map((d): GpuSample => ({
    ...d.key, at: d.at === null ? at : new Date(d.at), durationMs: 0, line: d.line,
    util: d.key.migId ? d.engine ?? d.util : d.util ?? d.engine, memUsedMib: d.mem, powerW: d.power,
  }));
  return { samples: out, unlabeled, missing };
}

/** kube-state-metrics GPU requests → rows; a request or limit that is no reading (NaN, ±Inf, out of range) is skipped and counted in `missing`. */
export function gpuRequestRows(samples: readonly ExpoSample[], at: Date, account: string): { rows: BuiltRow[]; missing: number } {
  const limits = new Map<string, number>();
  const requests: { s: ExpoSample; value: number }[] = [];
  let missing = 0;
  for (const s of samples) {
    if ((s.name !== GPU_LIMIT && s.name !== GPU_REQUEST) || !isGpuResource(s.labels)) continue;
    const value = reading(s.name, s.value);
    if (value === null) missing++;
    else if (s.name === GPU_LIMIT) limits.set(`${s.labels.namespace}/${s.labels.pod}/${s.labels.container}`, value);
    else requests.push({ s, value });
  }
  const rows = requests.map(({ s, value }): BuiltRow => {
    const l = s.labels;
    const when = s.timestampMs === null ? at : new Date(s.timestampMs);
    return { line: s.line, values: {
      ChargePeriodStart: when, ChargePeriodEnd: when, ChargeCategory: 'Usage', ProviderName: 'Kubernetes', BillingAccountId: account,
      ServiceName: 'Kubernetes', ServiceCategory: 'Compute', ServiceSubcategory: 'GPU', ResourceType: 'GPU request',
      ResourceId: `${l.namespace ?? ''}/${l.pod ?? ''}/${l.container ?? ''}`, ResourceName: l.pod ?? null,
      BillingCurrency: 'USD', BilledCost: '0', EffectiveCost: '0', x_GpuCount: BigInt(Math.round(value)), x_GpuHours: '0',
      x_Namespace: l.namespace ?? null, x_Pod: l.pod ?? null, x_PricingStatus: 'allocation', x_PricingNote: 'kube-state-metrics GPU request (snapshot)',
      Tags: tagsJson({ namespace: l.namespace, pod: l.pod, container: l.container, node: l.node, resource: l.resource,
        gpu_limit: limits.has(`${l.namespace}/${l.pod}/${l.container}`) ? String(limits.get(`${l.namespace}/${l.pod}/${l.container}`)) : undefined }),
    } };
  });
  return { rows, missing };
}

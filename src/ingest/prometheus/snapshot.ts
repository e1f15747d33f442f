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

interface Dev { key: DeviceKey; line: number; util: number | null; engine: number | null; mem: number | null; power: number | null; at: number | null }

export function snapshotSamples(samples: readonly ExpoSample[], at: Date): { samples: GpuSample[]; unlabeled: number } {
  const devs = new Map<string, Dev>();
  let unlabeled = 0;
  for (const s of samples) {
    const name = dcgmMetric(s.name);
    if (name === null) continue;
    const key = deviceOf(s.labels);
    if (!key) { unlabeled++; continue; }
    const id = deviceId(key);
    let d = devs.get(id);
    if (!d) devs.set(id, d = { key, line: s.line, util: null, engine: null, mem: null, power: null, at: s.timestampMs });
    if (!d.key.gpuName && key.gpuName) d.key = { ...d.key, gpuName: key.gpuName };
    if (name === DCGM_METRICS.util) d.util = s.value / 100;
    if (name === DCGM_METRICS.engine) d.engine = s.value;
    if (name === DCGM_METRICS.fbUsed) d.mem = s.value;
    if (name === DCGM_METRICS.power) d.power = s.value;
  }
  const out = [...devs.values()].map((d): GpuSample => ({
    ...d.key, at: d.at === null ? at : new Date(d.at), durationMs: 0, line: d.line,
    util: d.key.migId ? d.engine ?? d.util : d.util ?? d.engine, memUsedMib: d.mem, powerW: d.power,
  }));
  return { samples: out, unlabeled };
}

export function gpuRequestRows(samples: readonly ExpoSample[], at: Date, account: string): BuiltRow[] {
  const limits = new Map<string, number>();
  for (const s of samples) if (s.name === GPU_LIMIT && isGpuResource(s.labels)) limits.set(`${s.labels.namespace}/${s.labels.pod}/${s.labels.container}`, s.value);
  return samples.filter((s) => s.name === GPU_REQUEST && isGpuResource(s.labels)).map((s) => {
    const l = s.labels;
    const when = s.timestampMs === null ? at : new Date(s.timestampMs);
    return { line: s.line, values: {
      ChargePeriodStart: when, ChargePeriodEnd: when, ChargeCategory: 'Usage', ProviderName: 'Kubernetes', BillingAccountId: account,
      ServiceName: 'Kubernetes', ServiceCategory: 'Compute', ServiceSubcategory: 'GPU', ResourceType: 'GPU request',
      ResourceId: `${l.namespace ?? ''}/${l.pod ?? ''}/${l.container ?? ''}`, ResourceName: l.pod ?? null,
      BillingCurrency: 'USD', BilledCost: '0', EffectiveCost: '0', x_GpuCount: BigInt(Math.round(s.value)), x_GpuHours: '0',
      x_Namespace: l.namespace ?? null, x_Pod: l.pod ?? null, x_PricingStatus: 'allocation', x_PricingNote: 'kube-state-metrics GPU request (snapshot)',
      Tags: tagsJson({ namespace: l.namespace, pod: l.pod, container: l.container, node: l.node, resource: l.resource,
        gpu_limit: limits.has(`${l.namespace}/${l.pod}/${l.container}`) ? String(limits.get(`${l.namespace}/${l.pod}/${l.container}`)) : undefined }),
    } };
  });
}

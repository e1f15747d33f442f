/**
 * GPU samples → CostRecord rows: one row per device (GPU or MIG slice, with
 * its pod) per UTC time bucket, with GPU-hours (the time the samples cover),
 * mean utilisation, memory and power weighted by that time, and the cost
 * from gpuHourRate. A MIG slice gets its share of the GPU's hours (3g.40gb =
 * 3/7 of the time it is seen); the whole-GPU row keeps its time less the
 * slices' share, so a GPU's hours are counted once.
 * x_GpuModel is the catalogue's name for the device (the driver's own
 * spelling stays in ResourceName), so telemetry groups with the bills.
 */
import { catalogueGpuModel, divideDecimals, gpuFormFactor, gpuModelName, multiplyDecimals } from '../../pricing/index.ts';
import type { BuiltRow, RowValues } from '../row-stage/index.ts';
import { tagsJson } from '../row-stage/index.ts';
import { gpuHourRate, migSlices, type GpuHourRate } from './price.ts';

export interface GpuSample {
  /** Physical GPU id (UUID, or host + index). */
  readonly gpu: string;
  readonly at: Date;
  /** Time this sample stands for, ms (the scrape step, or the gap to the next sample). */
  readonly durationMs: number;
  readonly line: number;
  readonly gpuName: string | null;
  /** 0..1 */
  readonly util: number | null;
  readonly memUsedMib: number | null;
  readonly powerW: number | null;
  readonly migProfile?: string | null;
  readonly migId?: string | null;
  readonly host?: string | null;
  readonly namespace?: string | null;
  readonly pod?: string | null;
  readonly container?: string | null;
  readonly labels?: Record<string, string>;
}

export interface AggregateOptions {
  readonly bucketMs: number;
  readonly provider: string;
  readonly accountId: string;
  readonly serviceName: string;
  readonly onPrem?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** What a device name says: the catalogue's model (null: not in it), x_GpuModel, and the form factor. */
interface GpuNaming { readonly family: string | null; readonly model: string | null; readonly formFactor: ReturnType<typeof gpuFormFactor> }

interface Acc { first: GpuSample; name: GpuNaming; ms: number; n: number; util: [number, number]; mem: [number, number]; power: [number, number] }

const add = (a: [number, number], v: number | null, w: number): void => { if (v !== null && Number.isFinite(v)) { a[0] += v * w; a[1] += w; } };
const mean = (a: [number, number]): number | null => (a[1] > 0 ? a[0] / a[1] : null);

export function aggregateGpuSamples(samples: readonly GpuSample[], o: AggregateOptions): { rows: BuiltRow[]; rates: GpuHourRate[] } {
  const acc = new Map<string, Acc>();
  // The catalogue's patterns run once per distinct device name, not per row.
  const names = new Map<string | null, GpuNaming>();
  const naming = (raw: string | null): GpuNaming => {
    let n = names.get(raw);
    if (!n) {
      const family = catalogueGpuModel(raw);
      names.set(raw, n = { family, model: family ?? gpuModelName(raw), formFactor: gpuFormFactor(raw) });
    }
    return n;
  };
  for (const s of samples) {
    const bucket = Math.floor(s.at.getTime() / o.bucketMs) * o.bucketMs;
    const key = `${s.gpu}|${s.migId ?? ''}|${s.namespace ?? ''}|${s.pod ?? ''}|${s.container ?? ''}|${bucket}`;
    let a = acc.get(key);
    if (!a) acc.set(key, a = { first: s, name: naming(s.gpuName), ms: 0, n: 0, util: [0, 0], mem: [0, 0], power: [0, 0] });
    const w = s.durationMs > 0 ? s.durationMs : 1; // snapshots (no duration) still average
    a.ms += s.durationMs; a.n++;
    add(a.util, s.util, w); add(a.mem, s.memUsedMib, w); add(a.power, s.powerW, w);
  }
  // Per physical GPU and bucket: the whole-GPU time its MIG slices took (a slice's time × its
  // share) and the time its whole-GPU rows cover. The whole-GPU rows keep that time less the
  // slices', so a slice used for 7 of 24 hours takes 1/7 of 7 hours, and the GPU adds up to 24.
  const bucketKey = (s: GpuSample): string => `${s.gpu}|${Math.floor(s.at.getTime() / o.bucketMs)}`;
  const sliceMs = new Map<string, number>();
  const wholeMs = new Map<string, number>();
  for (const a of acc.values()) {
    const k = bucketKey(a.first);
    const m = a.first.migId ? migSlices(a.first.migProfile, a.name.family) : null;
    if (!a.first.migId) wholeMs.set(k, (wholeMs.get(k) ?? 0) + a.ms);
    else if (m) sliceMs.set(k, (sliceMs.get(k) ?? 0) + (a.ms * m.slices) / m.of);
  }
  const rows: BuiltRow[] = [];
  const rates: GpuHourRate[] = [];
  for (const a of acc.values()) {
    const s = a.first;
    const start = new Date(Math.floor(s.at.getTime() / o.bucketMs) * o.bucketMs);
    const { family, model, formFactor } = a.name;
    let gpuHours: string;
    if (s.migId) {
      const m = migSlices(s.migProfile, family);
      gpuHours = m ? divideDecimals(multiplyDecimals(Math.round(a.ms), m.slices), m.of * 3_600_000, 9) : '0';
    } else {
      const whole = wholeMs.get(bucketKey(s)) ?? 0;
      const left = whole > 0 ? Math.max(0, 1 - (sliceMs.get(bucketKey(s)) ?? 0) / whole) : 1;
      gpuHours = divideDecimals(Math.round(a.ms * left), 3_600_000, 9);
    }
    const util = mean(a.util);
    const rate = gpuHourRate(family, start, util, { onPrem: o.onPrem, env: o.env, formFactor });
    const cost = rate.usdPerGpuHour === null ? null : divideDecimals(multiplyDecimals(gpuHours, rate.usdPerGpuHour), 1, 10);
    const billed = rate.status === 'priced' ? cost ?? '0' : '0';
    const mem = mean(a.mem);
    const values: RowValues = {
      ChargePeriodStart: start, ChargePeriodEnd: new Date(start.getTime() + o.bucketMs),
      ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based', ProviderName: o.provider, BillingAccountId: o.accountId,
      ServiceName: o.serviceName, ServiceCategory: 'Compute', ServiceSubcategory: 'GPU',
      ResourceId: s.migId ? `${s.gpu}/mig-${s.migId}` : s.gpu, ResourceName: s.host ? `${s.host} ${s.gpuName ?? ''}`.trim() : s.gpuName,
      ResourceType: s.migId ? 'MIG instance' : 'GPU', BillingCurrency: 'USD', BilledCost: billed, EffectiveCost: billed,
      ConsumedQuantity: gpuHours, ConsumedUnit: 'GPU-Hours', PricingCategory: rate.status === 'priced' ? 'Standard' : null,
      x_GpuModel: model, x_GpuCount: s.migId ? null : 1n, x_GpuHours: gpuHours,
      x_GpuUtilization: util === null ? null : Math.min(1, Math.max(0, util)), x_GpuMemoryUsedGib: mem === null ? null : mem / 1024,
      x_GpuPowerWatts: mean(a.power), x_MigProfile: s.migProfile ?? null, x_Namespace: s.namespace ?? null, x_Pod: s.pod ?? null,
      x_PricedCost: cost, x_PricingStatus: rate.status, x_PricingNote: rate.note,
      Tags: tagsJson({ ...s.labels, host: s.host, namespace: s.namespace, pod: s.pod, container: s.container, mig_instance: s.migId ?? undefined }),
    };
    rows.push({ line: s.line, values });
    rates.push(rate);
  }
  return { rows, rates };
}

export function rateWarnings(rates: readonly GpuHourRate[]): string[] {
  const unpriced = rates.filter((r) => r.status === 'unpriced');
  return unpriced.length ? [`${unpriced.length} GPU row(s) unpriced: ${[...new Set(unpriced.map((r) => r.note))].slice(0, 3).join(' | ')}`] : [];
}

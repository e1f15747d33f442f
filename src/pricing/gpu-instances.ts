/**
 * GPU instance catalogue: hourly USD price per (provider, instance type,
 * region, pricing model), effective-dated, with the instance's GPU model,
 * count and memory so bills can be recognised as GPU spend.
 */
import { readCatalogueCsv } from './csv.ts';
import { groupBy, inForce } from './effective-date.ts';
import type { PriceOrigin } from './effective-date.ts';
import type { Unpriced } from './unpriced.ts';
import { overrideInstancePrice } from './overrides/apply.ts';
import type { AppliedOverride } from './overrides/types.ts';

export const PRICING_MODELS = ['on_demand', 'spot', 'commit_1y', 'commit_3y'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** What an instance type is, independent of its price. */
export interface GpuInstanceType {
  readonly provider: string;
  readonly instanceType: string;
  readonly gpuModel: string;
  /** GPUs per instance (0 for GCP n1 host rows, 1 for a per-GPU attachment). */
  readonly gpuCount: number;
  readonly gpuMemoryGibEach: number | null;
  readonly vcpu: number | null;
  readonly memoryGib: number | null;
}

export interface GpuInstancePrice extends GpuInstanceType, PriceOrigin {
  readonly region: string;
  readonly pricingModel: PricingModel;
  /** USD per instance-hour (the whole VM, all its GPUs), exact decimal string. */
  readonly usdPerHour: string;
}

export interface InstancePriceQuote extends PriceOrigin {
  readonly priced: true;
  readonly entry: GpuInstancePrice;
  /** The price that applies: the catalogue's, or after an organisation override. */
  readonly usdPerHour: string;
  readonly currency: 'USD';
  readonly note?: string;
  /** Set when an organisation override changed the catalogue price. */
  readonly override?: AppliedOverride;
}

export interface InstancePriceQuery {
  readonly provider: string;
  readonly instanceType: string;
  /** Defaults to the only region the catalogue has for that instance type. */
  readonly region?: string;
  readonly pricingModel?: PricingModel;
  /** Usage date; defaults to now. */
  readonly at?: Date | string;
}

let cache: GpuInstancePrice[] | undefined;

const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));

/** Every row of gpu-instances.csv as a typed entry (loaded once). */
export function gpuInstancePrices(): readonly GpuInstancePrice[] {
  cache ??= readCatalogueCsv('gpu-instances.csv').map((r) => ({
    provider: r.provider ?? '',
    instanceType: r.instance_type ?? '',
    gpuModel: r.gpu_model ?? '',
    gpuCount: num(r.gpu_count) ?? 0,
    gpuMemoryGibEach: num(r.gpu_memory_gib_each),
    vcpu: num(r.vcpu),
    memoryGib: num(r.memory_gib),
    region: r.region ?? '',
    pricingModel: r.pricing_model as PricingModel,
    usdPerHour: r.usd_per_hour ?? '',
    priceDate: r.price_date || null,
    source: r.source ?? '',
  }));
  return cache;
}

const norm = (s: string): string => s.trim().toLowerCase();

let byType: Map<string, GpuInstancePrice[]> | undefined;
function typeIndex(): Map<string, GpuInstancePrice[]> {
  byType ??= groupBy(gpuInstancePrices(), (e) => `${norm(e.provider)}|${norm(e.instanceType)}`);
  return byType;
}

/**
 * GPU model and count of an instance type, for recognising GPU instances in
 * bills. Provider and type match case-insensitively; undefined if unknown.
 * @example gpuInstance('aws', 'p5.48xlarge') // { gpuModel: 'NVIDIA H100', gpuCount: 8, … }
 */
export function gpuInstance(provider: string, instanceType: string): GpuInstanceType | undefined {
  const e = typeIndex().get(`${norm(provider)}|${norm(instanceType)}`)?.[0];
  if (!e) return undefined;
  const { gpuModel, gpuCount, gpuMemoryGibEach, vcpu, memoryGib } = e;
  return { provider: e.provider, instanceType: e.instanceType, gpuModel, gpuCount, gpuMemoryGibEach, vcpu, memoryGib };
}

/**
 * The hourly price of an instance in force on a date (after any organisation
 * override), with where it came from, or an unpriced result saying why (never
 * a silent 0).
 * @example instancePrice({ provider: 'aws', instanceType: 'p5.48xlarge' }).usdPerHour // '55.04'
 */
export function instancePrice(q: InstancePriceQuery): InstancePriceQuote | Unpriced {
  const model = q.pricingModel ?? 'on_demand';
  const rows = typeIndex().get(`${norm(q.provider)}|${norm(q.instanceType)}`);
  if (!rows) return { priced: false, reason: `no catalogue entry for ${q.provider} ${q.instanceType}` };
  const regions = [...new Set(rows.map((r) => r.region))];
  const region = q.region ?? (regions.length === 1 ? regions[0] : undefined);
  if (region === undefined) {
    return { priced: false, reason: `${q.instanceType} is priced in several regions (${regions.join(', ')}); name one` };
  }
  const candidates = rows.filter((r) => norm(r.region) === norm(region) && r.pricingModel === model);
  const chosen = inForce(candidates, q.at ?? new Date());
  if (!chosen) {
    const have = [...new Set(rows.filter((r) => norm(r.region) === norm(region)).map((r) => r.pricingModel))];
    return { priced: false, reason: `no ${model} price for ${q.provider} ${q.instanceType} in ${region} (catalogue has: ${have.join(', ') || 'none'})` };
  }
  const e = chosen.entry;
  const o = overrideInstancePrice(e, q.at ?? new Date());
  const note = [chosen.note, o.applied?.explanation].filter(Boolean).join('; ');
  return {
    priced: true, entry: e, usdPerHour: o.usdPerHour, currency: 'USD', source: e.source, priceDate: e.priceDate,
    ...(note ? { note } : {}), ...(o.applied ? { override: o.applied } : {}),
  };
}

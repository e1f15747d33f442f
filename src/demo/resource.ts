/**
 * One billable thing in the demo organisation and how it is used. The owner is
 * the truth; `tags` is what the bill shows (possibly wrong, see org.ts).
 */
import type { PricingModel } from '../pricing/index.ts';
import type { ActivityKind } from './calendar.ts';
import type { Ownership, TagMode } from './org.ts';
import type { GpuPattern, ProviderSlug, ServiceChoice } from './providers.ts';

export const WASTE_TYPES = [
  'idle_gpu', 'oversized_gpu', 'on_demand_could_be_spot', 'on_demand_could_be_committed',
  'flagship_model_for_simple_task', 'uncached_repeated_prompts',
] as const;
export type WasteType = (typeof WASTE_TYPES)[number];

export interface GpuUse {
  readonly catalogueProvider: string;
  readonly instanceType: string;
  readonly gpuModel: string;
  /** GPUs per instance. */
  readonly gpuCount: number;
  readonly pricingModel: PricingModel;
  readonly pattern: GpuPattern;
  /** Mean instances (pools) or 1. */
  readonly size: number;
  readonly utilBase: number;
}

export interface LlmUse {
  readonly catalogueProvider: string;
  readonly model: string;
  readonly requestsPerDay: number;
  readonly inputPerRequest: number;
  readonly outputPerRequest: number;
  /** Shares of input tokens served from / written to the prompt cache. */
  readonly cachedShare: number;
  readonly writeShare: number;
}

export interface ServiceUse {
  readonly choice: ServiceChoice;
  /** Typical units per day (TB-hours, GB, hours, TiB). */
  readonly perDay: number;
}

export interface OnPremUse {
  readonly gpuModel: string;
  readonly gpuCount: number;
  readonly utilBase: number;
}

export type ResourceKind = 'gpu' | 'onprem' | 'service' | 'llm';

export interface DemoResource {
  readonly index: number;
  readonly kind: ResourceKind;
  readonly provider: ProviderSlug;
  readonly owner: Ownership;
  readonly tagMode: TagMode;
  readonly tags: Readonly<Record<string, string>>;
  readonly resourceId: string;
  readonly resourceName: string;
  readonly resourceType: string;
  readonly serviceName: string;
  readonly serviceCategory: string;
  readonly serviceSubcategory: string;
  readonly subAccountId: string;
  readonly subAccountName: string;
  readonly skuId: string;
  readonly workload: string | null;
  readonly activity: ActivityKind;
  /** Alive on days [startDay, endDay). */
  readonly startDay: number;
  readonly endDay: number;
  /** Runs 24 h a day at constant size (committed capacity, planted waste, owned nodes). */
  readonly fixed: boolean;
  /** Rough USD per day at the start, for planning anomaly sizes only (never billed). */
  readonly dailyUsd: number;
  readonly gpu?: GpuUse;
  readonly llm?: LlmUse;
  readonly service?: ServiceUse;
  readonly onprem?: OnPremUse;
  readonly waste?: WasteType;
  readonly commitmentId?: string;
}

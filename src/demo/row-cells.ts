/**
 * The constant cells of a resource's rows in one billing month: who bills it,
 * what it is, how it is priced, and its tags.
 */
import type { DemoResource } from './resource.ts';
import type { Cells } from './focus-format.ts';
import { PROVIDERS } from './providers.ts';
import type { UnitRates } from './rates.ts';

export interface MonthContext {
  readonly month: string;
  readonly billingPeriodStart: string;
  readonly billingPeriodEnd: string;
  readonly invoiceId: (slug: string) => string;
}

const PRICING_CATEGORY: Record<string, string> = { on_demand: 'Standard', spot: 'Dynamic', commit_1y: 'Committed', commit_3y: 'Committed' };

function publisher(res: DemoResource): string {
  const model = res.llm?.model ?? '';
  if (res.llm?.catalogueProvider === 'aws_bedrock') return /anthropic/.test(model) ? 'Anthropic' : /meta/.test(model) ? 'Meta' : 'Amazon Web Services';
  if (res.llm?.catalogueProvider === 'azure_openai') return 'OpenAI';
  if (res.llm?.catalogueProvider === 'google_vertex_ai') return 'Google';
  return PROVIDERS[res.provider].publisherName;
}

function describe(res: DemoResource, rates: UnitRates | null): string {
  if (res.llm) return `${res.llm.model} tokens (input, output, cache read/write)`;
  if (res.onprem) return `On-prem ${res.resourceType === 'Kubernetes Pod' ? 'pod' : 'node'}-hour, ${res.onprem.gpuCount} x ${res.onprem.gpuModel} (amortised capex + power + hosting)`;
  if (res.service) return `${res.service.choice.sku} per ${res.service.choice.unit}`;
  const g = res.gpu;
  const model = g?.pricingModel === 'spot' ? 'Spot' : res.commitmentId ? 'Reserved' : 'On Demand';
  return `$${rates?.effectiveText ?? ''} per ${model} Linux ${g?.instanceType ?? ''} Instance Hour`;
}

/** Constant cells for a resource's usage rows in a month. */
export function usageCells(res: DemoResource, m: MonthContext, rates: UnitRates | null): Cells {
  const p = PROVIDERS[res.provider];
  const g = res.gpu;
  const hourly = res.kind !== 'llm';
  const unit = res.service?.choice.unit ?? (res.llm ? 'Tokens' : 'Hours');
  const commit = res.commitmentId;
  return {
    AvailabilityZone: res.kind === 'gpu' && p.regionId && res.provider !== 'azure' ? `${p.regionId}${res.provider === 'gcp' ? '-' : ''}a` : null,
    BillingAccountId: p.billingAccountId, BillingAccountName: p.billingAccountName, BillingAccountType: p.billingAccountType,
    BillingCurrency: 'USD', BillingPeriodStart: m.billingPeriodStart, BillingPeriodEnd: m.billingPeriodEnd,
    ChargeCategory: 'Usage', ChargeDescription: describe(res, rates), ChargeFrequency: 'Usage-Based',
    CommitmentDiscountCategory: commit ? 'Usage' : null, CommitmentDiscountId: commit ?? null,
    CommitmentDiscountName: commit ? `${g?.instanceType ?? ''} ${g?.pricingModel === 'commit_3y' ? '3yr' : '1yr'} no upfront` : null,
    CommitmentDiscountStatus: commit ? 'Used' : null, CommitmentDiscountType: commit ? (res.provider === 'aws' ? 'Reserved Instance' : 'Committed Use Discount') : null,
    CommitmentDiscountUnit: commit ? 'Hours' : null,
    ConsumedUnit: unit, ContractedUnitPrice: hourly ? rates?.listText ?? null : null,
    InvoiceId: m.invoiceId(res.provider), InvoiceIssuerName: p.invoiceIssuer,
    ListUnitPrice: hourly ? rates?.listText ?? null : null,
    PricingCategory: g && res.kind === 'gpu' ? PRICING_CATEGORY[g.pricingModel] ?? 'Standard' : 'Standard',
    PricingUnit: hourly ? unit : null, ProviderName: p.providerName, PublisherName: publisher(res),
    RegionId: p.regionId, RegionName: p.regionName,
    ResourceId: res.resourceId, ResourceName: res.resourceName, ResourceType: res.resourceType,
    ServiceCategory: res.serviceCategory, ServiceName: res.serviceName, ServiceSubcategory: res.serviceSubcategory,
    SkuId: res.skuId, SkuMeter: res.llm ? 'Tokens' : unit, SkuPriceId: g ? `${res.skuId}:${g.pricingModel}` : null,
    SubAccountId: res.subAccountId, SubAccountName: res.subAccountName, SubAccountType: p.subAccountType,
    Tags: JSON.stringify(res.tags),
    x_GpuModel: g?.gpuModel ?? res.onprem?.gpuModel ?? null, x_Model: res.llm?.model ?? null, x_WorkloadKind: res.workload,
  };
}

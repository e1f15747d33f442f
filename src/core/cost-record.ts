/**
 * The one cost model. Every source becomes rows of CostRecord, whose columns
 * are the FinOps Foundation's FOCUS 1.2 columns plus AI extension columns in
 * FOCUS's own `x_` convention. This file is the single definition: the store's
 * DDL, the FOCUS importer's casts, the Parquet/CSV lake export and the demo's
 * writers are all generated from COST_COLUMNS.
 *
 * Conventions: money is decimal (never float) in BillingCurrency; times are UTC
 * and periods are half-open [start, end).
 */

/** Logical column types; each store maps them to its own SQL types. */
export type ColumnType = 'string' | 'money' | 'decimal' | 'timestamp' | 'json' | 'integer' | 'double';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** FOCUS version that introduced the column, or 'x' for Outlay's extensions. */
  readonly since: '1.0' | '1.1' | '1.2' | 'x';
  /** Mandatory in a FOCUS file: an import without it is refused. */
  readonly required?: boolean;
  /** Older or vendor spellings that mean the same column (matched case-insensitively). */
  readonly aliases?: readonly string[];
  readonly doc: string;
}

const c = (name: string, type: ColumnType, since: ColumnSpec['since'], doc: string, extra: Partial<ColumnSpec> = {}): ColumnSpec =>
  ({ name, type, since, doc, ...extra });

/** FOCUS 1.2 columns (1.0 and 1.1 are subsets; aliases cover 0.5 / 1.0-preview / 1.3 names). */
export const FOCUS_COLUMNS: readonly ColumnSpec[] = [
  c('AvailabilityZone', 'string', '1.0', 'Provider-assigned availability zone.'),
  c('BilledCost', 'money', '1.0', 'Cost that is invoiced, in BillingCurrency.', { required: true }),
  c('BillingAccountId', 'string', '1.0', 'Account the charge is invoiced to.', { required: true }),
  c('BillingAccountName', 'string', '1.0', 'Display name of the billing account.'),
  c('BillingAccountType', 'string', '1.2', 'Provider label for the kind of billing account.'),
  c('BillingCurrency', 'string', '1.0', 'ISO 4217 currency of BilledCost and EffectiveCost.', { required: true, aliases: ['BillingCurrencyCode'] }),
  c('BillingPeriodEnd', 'timestamp', '1.0', 'Exclusive end of the billing period (UTC).', { required: true }),
  c('BillingPeriodStart', 'timestamp', '1.0', 'Inclusive start of the billing period (UTC).', { required: true }),
  c('CapacityReservationId', 'string', '1.1', 'Capacity reservation that covers the charge.'),
  c('CapacityReservationStatus', 'string', '1.1', 'Used or Unused capacity reservation.'),
  c('ChargeCategory', 'string', '1.0', 'Usage, Purchase, Tax, Credit or Adjustment.', { required: true, aliases: ['ChargeType'] }),
  c('ChargeClass', 'string', '1.0', 'Correction when the row corrects an earlier period.'),
  c('ChargeDescription', 'string', '1.0', 'Human-readable summary of the charge.'),
  c('ChargeFrequency', 'string', '1.0', 'One-Time, Recurring or Usage-Based.'),
  c('ChargePeriodEnd', 'timestamp', '1.0', 'Exclusive end of the charge period (UTC).', { required: true }),
  c('ChargePeriodStart', 'timestamp', '1.0', 'Inclusive start of the charge period (UTC).', { required: true }),
  c('CommitmentDiscountCategory', 'string', '1.0', 'Spend or Usage commitment.'),
  c('CommitmentDiscountId', 'string', '1.0', 'Identifier of the commitment discount.'),
  c('CommitmentDiscountName', 'string', '1.0', 'Display name of the commitment discount.'),
  c('CommitmentDiscountQuantity', 'decimal', '1.1', 'Amount of the commitment consumed or purchased.'),
  c('CommitmentDiscountStatus', 'string', '1.0', 'Used or Unused commitment.'),
  c('CommitmentDiscountType', 'string', '1.0', 'Provider label for the commitment type.'),
  c('CommitmentDiscountUnit', 'string', '1.1', 'Unit of CommitmentDiscountQuantity.'),
  c('ConsumedQuantity', 'decimal', '1.0', 'Volume of the resource consumed.', { aliases: ['UsageQuantity'] }),
  c('ConsumedUnit', 'string', '1.0', 'Unit of ConsumedQuantity.', { aliases: ['UsageUnit'] }),
  c('ContractedCost', 'money', '1.0', 'Cost at negotiated prices before commitment discounts.'),
  c('ContractedUnitPrice', 'decimal', '1.0', 'Negotiated unit price.'),
  c('EffectiveCost', 'money', '1.0', 'Amortised cost after all discounts, in BillingCurrency.', { required: true, aliases: ['AmortizedCost'] }),
  c('InvoiceId', 'string', '1.2', 'Invoice the charge belongs to.'),
  c('InvoiceIssuerName', 'string', '1.0', 'Entity that issues the invoice.', { aliases: ['InvoiceIssuer'] }),
  c('ListCost', 'money', '1.0', 'Cost at public list prices.'),
  c('ListUnitPrice', 'decimal', '1.0', 'Public list unit price.'),
  c('PricingCategory', 'string', '1.0', 'Standard, Dynamic, Committed or Other.'),
  c('PricingCurrency', 'string', '1.2', 'Currency the prices are set in.'),
  c('PricingCurrencyContractedUnitPrice', 'decimal', '1.2', 'Contracted unit price in PricingCurrency.'),
  c('PricingCurrencyEffectiveCost', 'decimal', '1.2', 'EffectiveCost in PricingCurrency.'),
  c('PricingCurrencyListUnitPrice', 'decimal', '1.2', 'List unit price in PricingCurrency.'),
  c('PricingQuantity', 'decimal', '1.0', 'Quantity the price is applied to.'),
  c('PricingUnit', 'string', '1.0', 'Unit of PricingQuantity.'),
  c('ProviderName', 'string', '1.0', 'Provider that makes the resource available.', { required: true, aliases: ['ServiceProviderName', 'Provider'] }),
  c('PublisherName', 'string', '1.0', 'Entity that produced the resource.', { aliases: ['HostProviderName', 'Publisher'] }),
  c('RegionId', 'string', '1.0', 'Provider-assigned region identifier.', { aliases: ['Region'] }),
  c('RegionName', 'string', '1.0', 'Display name of the region.'),
  c('ResourceId', 'string', '1.0', 'Identifier of the resource charged.'),
  c('ResourceName', 'string', '1.0', 'Display name of the resource.'),
  c('ResourceType', 'string', '1.0', 'Kind of resource.'),
  c('ServiceCategory', 'string', '1.0', 'FOCUS service category (AI and Machine Learning, Compute …).', { required: true }),
  c('ServiceName', 'string', '1.0', 'Offering purchased.', { required: true }),
  c('ServiceSubcategory', 'string', '1.1', 'Finer FOCUS service classification.'),
  c('SkuId', 'string', '1.0', 'Provider SKU identifier.'),
  c('SkuMeter', 'string', '1.1', 'What the SKU meters.'),
  c('SkuPriceDetails', 'json', '1.1', 'SKU properties as a JSON object.'),
  c('SkuPriceId', 'string', '1.0', 'Identifier of the SKU price point.'),
  c('SubAccountId', 'string', '1.0', 'Sub-account (linked account, subscription, project).'),
  c('SubAccountName', 'string', '1.0', 'Display name of the sub-account.'),
  c('SubAccountType', 'string', '1.2', 'Provider label for the kind of sub-account.'),
  c('Tags', 'json', '1.0', 'Tags / labels as a flat JSON object of strings.'),
];

/**
 * Outlay's AI extension columns. Dimensions (team, project, environment, cost
 * centre) are derived by allocation rules at load time, never copied blindly
 * from one tag.
 */
export const X_COLUMNS: readonly ColumnSpec[] = [
  c('x_GpuModel', 'string', 'x', 'GPU model (e.g. "NVIDIA H100") of the instance or device.'),
  c('x_GpuCount', 'integer', 'x', 'GPUs attached to the resource during the charge period.'),
  c('x_GpuHours', 'decimal', 'x', 'GPU-hours consumed in the charge period (GPU count × hours).'),
  c('x_GpuUtilization', 'double', 'x', 'Mean GPU utilisation in [0, 1] over the charge period.'),
  c('x_Model', 'string', 'x', 'AI model the charge is for (e.g. gpt-4o, claude-sonnet-4).'),
  c('x_InputTokens', 'integer', 'x', 'Uncached input (prompt) tokens.'),
  c('x_OutputTokens', 'integer', 'x', 'Output (completion) tokens, including reasoning tokens.'),
  c('x_CachedInputTokens', 'integer', 'x', 'Input tokens served from a prompt cache (cache reads).'),
  c('x_CacheWriteTokens', 'integer', 'x', 'Input tokens written to a prompt cache.'),
  c('x_Requests', 'integer', 'x', 'API requests.'),
  c('x_WorkloadKind', 'string', 'x', 'training, inference, notebook, batch or other.'),
  c('x_Team', 'string', 'x', 'Team, derived by allocation rules (NULL = unallocated).'),
  c('x_Project', 'string', 'x', 'Project, derived by allocation rules.'),
  c('x_Environment', 'string', 'x', 'Environment (prod, staging, dev …), derived by allocation rules.'),
  c('x_CostCenter', 'string', 'x', 'Cost centre, derived by allocation rules.'),
  c('x_SourceFile', 'string', 'x', 'Path of the file the row was loaded from.'),
  c('x_SourceLine', 'integer', 'x', 'Line of that file the record starts on (header = line 1; a CSV record whose quoted cells hold line breaks spans several lines).'),
  // Usage and telemetry importers (token kinds, pricing status, Kubernetes and GPU detail).
  c('x_ReasoningTokens', 'integer', 'x', 'Reasoning (thinking) tokens, a subset of x_OutputTokens, billed at the output rate.'),
  c('x_AudioInputTokens', 'integer', 'x', 'Audio input tokens (subset of the input kinds above).'),
  c('x_AudioOutputTokens', 'integer', 'x', 'Audio output tokens (subset of x_OutputTokens).'),
  c('x_ImageInputTokens', 'integer', 'x', 'Image input tokens (subset of the input kinds above).'),
  c('x_ImageOutputTokens', 'integer', 'x', 'Image output tokens (subset of x_OutputTokens).'),
  c('x_CacheWrite1hTokens', 'integer', 'x', 'Cache-write tokens with a 1-hour lifetime (subset of x_CacheWriteTokens; the rest are 5-minute writes).'),
  c('x_WebSearchRequests', 'integer', 'x', 'Server-side web search tool requests.'),
  c('x_ServiceTier', 'string', 'x', 'Provider service tier of the usage: standard, batch, priority, flex …'),
  c('x_ApiKeyId', 'string', 'x', 'Provider API key id (never the key itself).'),
  c('x_PricedCost', 'money', 'x', "Outlay's own price of the usage from the catalogue (USD), beside the provider's BilledCost; NULL when unpriced."),
  c('x_PricingStatus', 'string', 'x', 'priced, partial (some token kinds had no price), unpriced, invoice (provider cost only) or allocation (telemetry/allocation, not spend).'),
  c('x_PricingNote', 'string', 'x', 'Why a row is unpriced or partial, and which catalogue entry priced it.'),
  c('x_Namespace', 'string', 'x', 'Kubernetes namespace.'),
  c('x_Pod', 'string', 'x', 'Kubernetes pod.'),
  c('x_GpuMemoryUsedGib', 'double', 'x', 'Mean GPU framebuffer memory in use over the charge period, GiB.'),
  c('x_GpuPowerWatts', 'double', 'x', 'Mean GPU power draw over the charge period, watts.'),
  c('x_MigProfile', 'string', 'x', 'MIG instance profile (e.g. 1g.5gb) when the row is one MIG slice.'),
  c('x_UsageId', 'string', 'x', 'Identity of the usage record in its origin, prefixed by origin (otel:<traceId>/<spanId>, litellm:<request_id>); a record whose id another file already stored is skipped on load, so it counts once.'),
];

export const COST_COLUMNS: readonly ColumnSpec[] = [...FOCUS_COLUMNS, ...X_COLUMNS];

export type CostColumnName = string;

/** Columns an importer may receive from a file (everything but the derived x_ columns). */
export const DERIVED_COLUMNS = new Set(['x_Team', 'x_Project', 'x_Environment', 'x_CostCenter', 'x_SourceFile', 'x_SourceLine']);

export const MONEY_COLUMNS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const;
export type MoneyColumn = (typeof MONEY_COLUMNS)[number];

/** Valid FOCUS ChargeCategory values (1.0–1.2). */
export const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;

/** Workload kinds carried in x_WorkloadKind. */
export const WORKLOAD_KINDS = ['training', 'inference', 'notebook', 'batch', 'other'] as const;

const byLowerName = new Map<string, ColumnSpec>();
for (const col of COST_COLUMNS) {
  byLowerName.set(col.name.toLowerCase(), col);
  for (const a of col.aliases ?? []) byLowerName.set(a.toLowerCase(), col);
}

/** Resolves a header name (any case, FOCUS alias) to its CostRecord column. */
export function resolveColumn(header: string): ColumnSpec | undefined {
  return byLowerName.get(header.trim().toLowerCase());
}

/** A CostRecord as plain values, for writers and tests (money as decimal strings). */
export type CostRecordRow = Record<string, string | number | null>;

/**
 * The cost explorer's vocabulary: dimensions to group and filter by, and
 * measures to sum. Output keys are FOCUS column names where FOCUS has one
 * (ProviderName, ServiceName …) and Outlay's x_ names otherwise, so a row of
 * `outlay query --format json` reads like a FOCUS row. Users may type the
 * short id (`team`), the output key (`x_Team`) or `tag:<key>`.
 */
import { OutlayError } from './errors.ts';

export interface DimensionSpec {
  /** Short id users type: provider, team, tag:env … */
  readonly id: string;
  /** The CostRecord column it reads, or a tag key for tag dimensions. */
  readonly column: string;
  /** Key of this dimension in query output rows. */
  readonly key: string;
  readonly doc: string;
}

const d = (id: string, column: string, doc: string): DimensionSpec => ({ id, column, key: column, doc });

export const DIMENSIONS: readonly DimensionSpec[] = [
  d('provider', 'ProviderName', 'Provider (AWS, Microsoft, Google Cloud, OpenAI …)'),
  d('publisher', 'PublisherName', 'Publisher of the resource'),
  d('account', 'BillingAccountId', 'Billing account'),
  d('account_name', 'BillingAccountName', 'Billing account name'),
  d('subaccount', 'SubAccountId', 'Sub-account: linked account, subscription, project'),
  d('subaccount_name', 'SubAccountName', 'Sub-account name'),
  d('service', 'ServiceName', 'Service'),
  d('service_category', 'ServiceCategory', 'FOCUS service category'),
  d('region', 'RegionId', 'Region'),
  d('availability_zone', 'AvailabilityZone', 'Availability zone'),
  d('resource', 'ResourceId', 'Resource'),
  d('resource_name', 'ResourceName', 'Resource name'),
  d('resource_type', 'ResourceType', 'Resource type'),
  d('sku', 'SkuId', 'SKU'),
  d('charge_category', 'ChargeCategory', 'Usage, Purchase, Tax, Credit, Adjustment'),
  d('charge_frequency', 'ChargeFrequency', 'One-Time, Recurring, Usage-Based'),
  d('pricing_category', 'PricingCategory', 'Standard, Dynamic, Committed, Other'),
  d('commitment', 'CommitmentDiscountId', 'Commitment discount'),
  d('currency', 'BillingCurrency', 'Billing currency'),
  d('team', 'x_Team', 'Team (allocation rules; empty = unallocated)'),
  d('project', 'x_Project', 'Project (allocation rules)'),
  d('environment', 'x_Environment', 'Environment (allocation rules)'),
  d('cost_center', 'x_CostCenter', 'Cost centre (allocation rules)'),
  d('model', 'x_Model', 'AI model'),
  d('gpu_type', 'x_GpuModel', 'GPU model'),
  d('workload', 'x_WorkloadKind', 'Workload kind: training, inference, notebook …'),
  d('source_file', 'x_SourceFile', 'Source file the rows came from'),
  // Usage and telemetry importers.
  d('pricing_status', 'x_PricingStatus', 'How Outlay priced the row: priced, partial, unpriced, invoice, allocation'),
  d('service_tier', 'x_ServiceTier', 'LLM service tier: standard, batch, priority, flex …'),
  d('api_key', 'x_ApiKeyId', 'Provider API key id'),
  d('namespace', 'x_Namespace', 'Kubernetes namespace'),
  d('pod', 'x_Pod', 'Kubernetes pod'),
  d('mig_profile', 'x_MigProfile', 'MIG slice profile'),
];

export interface MeasureSpec {
  readonly id: string;
  /** Key in output rows. */
  readonly key: string;
  readonly kind: 'money' | 'quantity';
  /** The CostRecord column summed; null for derived sums. */
  readonly columns: readonly string[];
  readonly doc: string;
}

export const MEASURES: readonly MeasureSpec[] = [
  { id: 'billed', key: 'BilledCost', kind: 'money', columns: ['BilledCost'], doc: 'Invoiced cost' },
  { id: 'effective', key: 'EffectiveCost', kind: 'money', columns: ['EffectiveCost'], doc: 'Amortised cost after discounts' },
  { id: 'list', key: 'ListCost', kind: 'money', columns: ['ListCost'], doc: 'Cost at list prices' },
  { id: 'contracted', key: 'ContractedCost', kind: 'money', columns: ['ContractedCost'], doc: 'Cost at negotiated prices' },
  { id: 'usage', key: 'ConsumedQuantity', kind: 'quantity', columns: ['ConsumedQuantity'], doc: 'Consumed quantity (mixed units unless filtered)' },
  { id: 'gpu_hours', key: 'x_GpuHours', kind: 'quantity', columns: ['x_GpuHours'], doc: 'GPU-hours' },
  { id: 'input_tokens', key: 'x_InputTokens', kind: 'quantity', columns: ['x_InputTokens'], doc: 'Uncached input tokens' },
  { id: 'output_tokens', key: 'x_OutputTokens', kind: 'quantity', columns: ['x_OutputTokens'], doc: 'Output tokens' },
  { id: 'cached_tokens', key: 'x_CachedInputTokens', kind: 'quantity', columns: ['x_CachedInputTokens'], doc: 'Cached input tokens' },
  { id: 'tokens', key: 'x_Tokens', kind: 'quantity', columns: ['x_InputTokens', 'x_OutputTokens', 'x_CachedInputTokens', 'x_CacheWriteTokens'], doc: 'All tokens' },
  { id: 'requests', key: 'x_Requests', kind: 'quantity', columns: ['x_Requests'], doc: 'API requests' },
  { id: 'rows', key: 'Rows', kind: 'quantity', columns: [], doc: 'Number of cost rows' },
  // Usage and telemetry importers: Outlay's own price and the finer token kinds.
  { id: 'priced', key: 'x_PricedCost', kind: 'money', columns: ['x_PricedCost'], doc: "Outlay's catalogue price of usage (beside the provider's BilledCost)" },
  { id: 'cache_write_tokens', key: 'x_CacheWriteTokens', kind: 'quantity', columns: ['x_CacheWriteTokens'], doc: 'Cache-write tokens (5-minute and 1-hour)' },
  { id: 'cache_write_1h_tokens', key: 'x_CacheWrite1hTokens', kind: 'quantity', columns: ['x_CacheWrite1hTokens'], doc: '1-hour cache-write tokens' },
  { id: 'reasoning_tokens', key: 'x_ReasoningTokens', kind: 'quantity', columns: ['x_ReasoningTokens'], doc: 'Reasoning tokens (part of output)' },
  { id: 'audio_input_tokens', key: 'x_AudioInputTokens', kind: 'quantity', columns: ['x_AudioInputTokens'], doc: 'Audio input tokens' },
  { id: 'audio_output_tokens', key: 'x_AudioOutputTokens', kind: 'quantity', columns: ['x_AudioOutputTokens'], doc: 'Audio output tokens' },
  { id: 'image_input_tokens', key: 'x_ImageInputTokens', kind: 'quantity', columns: ['x_ImageInputTokens'], doc: 'Image input tokens' },
  { id: 'image_output_tokens', key: 'x_ImageOutputTokens', kind: 'quantity', columns: ['x_ImageOutputTokens'], doc: 'Image output tokens' },
  { id: 'web_search_requests', key: 'x_WebSearchRequests', kind: 'quantity', columns: ['x_WebSearchRequests'], doc: 'Server-side web search requests' },
];

export type Dimension = { readonly kind: 'column'; readonly spec: DimensionSpec } | { readonly kind: 'tag'; readonly tagKey: string; readonly key: string };

/** Resolves what a user typed (team, x_Team, ServiceName, tag:env) to a dimension. */
export function resolveDimension(text: string): Dimension {
  const t = text.trim();
  if (/^tags?[:.]/i.test(t)) {
    const tagKey = t.slice(t.search(/[:.]/) + 1);
    if (!tagKey) throw new OutlayError('QUERY_INVALID', `dimension "${text}": give a tag key, e.g. tag:team`, { field: 'group_by', value: text });
    return { kind: 'tag', tagKey, key: `tag:${tagKey}` };
  }
  const lower = t.toLowerCase();
  const spec = DIMENSIONS.find((x) => x.id === lower || x.key.toLowerCase() === lower);
  if (!spec) {
    throw new OutlayError('QUERY_INVALID', `unknown dimension "${text}"; use one of ${DIMENSIONS.map((x) => x.id).join(', ')} or tag:<key>`, { field: 'group_by', value: text });
  }
  return { kind: 'column', spec };
}

/** The key a dimension's values carry in query rows (x_Team, ServiceName, tag:env). */
export function dimensionKey(text: string): string {
  return keyOfDimension(resolveDimension(text));
}

/** The row key of a resolved dimension. */
export const keyOfDimension = (d: Dimension): string => (d.kind === 'column' ? d.spec.key : d.key);

/** The id users type for a dimension (team, service, tag:env): scopes are keyed by it. */
export function dimensionId(text: string): string {
  const d = resolveDimension(text);
  return d.kind === 'column' ? d.spec.id : d.key;
}

export function resolveMeasure(text: string): MeasureSpec {
  const lower = text.trim().toLowerCase();
  const spec = MEASURES.find((m) => m.id === lower || m.key.toLowerCase() === lower || m.id.replace('_', '') === lower.replace('_', ''));
  if (!spec) {
    throw new OutlayError('QUERY_INVALID', `unknown measure "${text}"; use one of ${MEASURES.map((m) => m.id).join(', ')}`, { field: 'measure', value: text });
  }
  return spec;
}

/**
 * Default allocation rules: which tag keys may name a dimension, in priority
 * order. Values are trimmed and lower-cased, so "Research " and "research" are
 * one team. The allocation capability replaces these with an organisation's
 * own rules; until then they keep "team" from meaning one literal tag.
 */
export const DEFAULT_TAG_RULES: Readonly<Record<'x_Team' | 'x_Project' | 'x_Environment' | 'x_CostCenter', readonly string[]>> = {
  x_Team: ['team', 'Team', 'TEAM', 'owner-team', 'owner_team', 'team_name', 'user:team', 'department', 'Department'],
  x_Project: ['project', 'Project', 'PROJECT', 'project_name', 'app', 'application', 'Application', 'user:project'],
  x_Environment: ['env', 'Env', 'environment', 'Environment', 'ENV', 'stage', 'user:environment'],
  x_CostCenter: ['cost-center', 'cost_center', 'costcenter', 'CostCenter', 'Cost Center', 'costCenter', 'cost center', 'Cost center', 'user:cost_center'],
};

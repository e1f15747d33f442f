/**
 * One LLM usage bucket → CostRecord values. Token columns (all counts):
 *   x_InputTokens        uncached input of every modality (text + image + audio)
 *   x_CachedInputTokens  cache reads;  x_CacheWriteTokens all cache writes (5m + 1h)
 *   x_OutputTokens       all output (text incl. reasoning + audio + image)
 *   x_Reasoning/Audio/Image… the subsets, for pricing by kind and reports
 * Money: x_PricedCost is Outlay's catalogue price. BilledCost is the
 * provider's own amount where the row carries one, else the priced amount;
 * an unpriced row bills 0 and is flagged x_PricingStatus = 'unpriced' (and
 * counted in the ingest notes), never silently free.
 */
import type { RowValues } from '../row-stage/index.ts';
import { tagsJson } from '../row-stage/index.ts';
import { priceUsage, type PriceResult, type TokenCounts } from './price.ts';

export interface LlmUsage {
  /** FOCUS ProviderName (OpenAI, Anthropic …) and the catalogue's provider id. */
  readonly provider: string;
  readonly catalogueProvider: string;
  readonly serviceName: string;
  readonly start: Date;
  readonly end: Date;
  /** BillingAccountId: scopes charge-day restatement to this feed. */
  readonly accountId: string;
  readonly subAccountId?: string | null;
  readonly model: string | null;
  readonly apiKeyId?: string | null;
  readonly serviceTier?: string | null;
  readonly batch?: boolean;
  /** Inference speed where the provider states one (Anthropic: "fast" or "standard"). */
  readonly speed?: string | null;
  readonly tokens: TokenCounts;
  readonly reasoning?: bigint | null;
  readonly requests?: bigint | null;
  readonly webSearchRequests?: bigint | null;
  readonly contextTokens?: number;
  /** The provider's own cost of this row in USD, when it states one. */
  readonly providerCost?: string | null;
  readonly tags?: Record<string, string | null | undefined>;
}

const sum = (...xs: (bigint | undefined | null)[]): bigint => xs.reduce<bigint>((a, b) => a + (b ?? 0n), 0n);
const orNull = (n: bigint | undefined | null): bigint | null => (n === undefined || n === null ? null : n);

export function llmUsageValues(u: LlmUsage): { values: RowValues; price: PriceResult } {
  const t = u.tokens;
  const price = priceUsage({
    provider: u.catalogueProvider, model: u.model, at: u.start, tokens: t,
    serviceTier: u.serviceTier, batch: u.batch, speed: u.speed, contextTokens: u.contextTokens,
  });
  const input = sum(t.textIn, t.imageIn, t.audioIn);
  const output = sum(t.textOut, t.audioOut, t.imageOut);
  const writes = sum(t.cacheWrite5m, t.cacheWrite1h);
  const billed = u.providerCost ?? price.cost ?? '0';
  const values: RowValues = {
    ChargePeriodStart: u.start, ChargePeriodEnd: u.end,
    ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based', PricingCategory: 'Standard',
    ProviderName: u.provider, PublisherName: u.provider, InvoiceIssuerName: u.provider,
    BillingAccountId: u.accountId, SubAccountId: u.subAccountId ?? null,
    ServiceName: u.serviceName, ServiceCategory: 'AI and Machine Learning', ServiceSubcategory: 'Generative AI',
    ResourceId: u.model, ResourceType: 'LLM model', SkuId: u.model ? `${u.catalogueProvider}/${u.model}` : null,
    BillingCurrency: 'USD', BilledCost: billed, EffectiveCost: billed, ListCost: price.cost,
    ConsumedQuantity: sum(input, output, t.cacheRead, writes), ConsumedUnit: 'Tokens',
    ChargeDescription: `${u.provider} ${u.model ?? '(all models)'} token usage`,
    x_Model: u.model, x_InputTokens: input, x_OutputTokens: output, x_CachedInputTokens: orNull(t.cacheRead) ?? 0n,
    x_CacheWriteTokens: writes, x_CacheWrite1hTokens: orNull(t.cacheWrite1h),
    x_ReasoningTokens: orNull(u.reasoning), x_AudioInputTokens: orNull(t.audioIn), x_AudioOutputTokens: orNull(t.audioOut),
    x_ImageInputTokens: orNull(t.imageIn), x_ImageOutputTokens: orNull(t.imageOut),
    x_Requests: orNull(u.requests), x_WebSearchRequests: orNull(u.webSearchRequests),
    x_ServiceTier: u.serviceTier ?? (u.batch ? 'batch' : null), x_ApiKeyId: u.apiKeyId ?? null,
    x_PricedCost: price.cost, x_PricingStatus: price.status, x_PricingNote: price.note,
    x_WorkloadKind: u.batch || u.serviceTier === 'batch' ? 'batch' : 'inference',
    Tags: tagsJson(u.tags ?? {}),
  };
  return { values, price };
}

/** Ingest-report lines for the rows of a file that could not be priced in full. */
export function pricingWarnings(statuses: readonly PriceResult[]): string[] {
  const unpriced = statuses.filter((s) => s.status === 'unpriced');
  const partial = statuses.filter((s) => s.status === 'partial');
  const out: string[] = [];
  if (unpriced.length) out.push(`${unpriced.length} row(s) unpriced (x_PricingStatus = 'unpriced', billed 0 unless the provider states a cost): ${[...new Set(unpriced.map((u) => u.note))].slice(0, 3).join(' | ')}`);
  if (partial.length) out.push(`${partial.length} row(s) partially priced: ${[...new Set(partial.map((u) => u.note?.split(';')[0]))].slice(0, 3).join(' | ')}`);
  return out;
}

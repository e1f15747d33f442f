/**
 * Anthropic report results → CostRecord rows.
 * Usage: uncached input, 5-minute and 1-hour cache writes, cache reads and
 * output are priced by kind (1-hour writes at 2 × input, Anthropic's rule);
 * web search requests have no catalogue rate, so a row with them is 'partial';
 * a row of fast mode (`speed: "fast"`, billed at a premium) is 'unpriced'.
 * `requests`, where the report states it, is x_Requests.
 * Cost: `amount` is a decimal string in cents ("123.78912" = $1.2378912),
 * divided by 100 exactly; rows are the provider's invoice (x_PricingStatus
 * 'invoice').
 */
import { multiplyDecimals } from '../../pricing/index.ts';
import type { BuiltRow, JsonDoc } from '../row-stage/index.ts';
import { tagsJson } from '../row-stage/index.ts';
import { contextTokensFromWindow, llmUsageValues, type PriceResult } from '../token-pricing/index.ts';
import type { ReportBucket } from './report.ts';

export function usageRows(doc: JsonDoc, buckets: readonly ReportBucket[]): { rows: BuiltRow[]; prices: PriceResult[] } {
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  for (const b of buckets) {
    for (const { node: r, path } of b.results) {
      const cc = r.cache_creation === undefined || r.cache_creation === null ? {} : doc.obj(r.cache_creation, `${path}.cache_creation`, r);
      const tools = r.server_tool_use === undefined || r.server_tool_use === null ? {} : doc.obj(r.server_tool_use, `${path}.server_tool_use`, r);
      const webSearch = doc.int(tools, 'web_search_requests', `${path}.server_tool_use`);
      const window = doc.str(r, 'context_window', path);
      // Present when the report is grouped by speed (and in the Console's export): "fast" is premium-priced.
      const speed = doc.str(r, 'speed', path);
      const { values, price } = llmUsageValues({
        provider: 'Anthropic', catalogueProvider: 'anthropic', serviceName: 'Claude API', start: b.start, end: b.end,
        accountId: 'anthropic:usage_report', subAccountId: doc.str(r, 'workspace_id', path), model: doc.str(r, 'model', path),
        apiKeyId: doc.str(r, 'api_key_id', path), serviceTier: doc.str(r, 'service_tier', path), speed,
        requests: doc.int(r, 'requests', path),
        tokens: {
          textIn: doc.int(r, 'uncached_input_tokens', path) ?? 0n,
          cacheWrite5m: doc.int(cc, 'ephemeral_5m_input_tokens', `${path}.cache_creation`) ?? 0n,
          cacheWrite1h: doc.int(cc, 'ephemeral_1h_input_tokens', `${path}.cache_creation`) ?? 0n,
          cacheRead: doc.int(r, 'cache_read_input_tokens', path) ?? 0n,
          textOut: doc.int(r, 'output_tokens', path) ?? 0n,
        },
        webSearchRequests: webSearch, contextTokens: contextTokensFromWindow(window),
        tags: { workspace_id: doc.str(r, 'workspace_id', path), context_window: window, inference_geo: doc.str(r, 'inference_geo', path), speed },
      });
      let p = price;
      if (webSearch && p.status === 'priced') p = { ...p, status: 'partial', note: `no catalogue rate for ${webSearch} web search request(s); ${p.note ?? ''}` };
      rows.push({ line: doc.line(r), values: { ...values, x_PricingStatus: p.status, x_PricingNote: p.note } });
      prices.push(p);
    }
  }
  return { rows, prices };
}

export function costRows(doc: JsonDoc, buckets: readonly ReportBucket[]): BuiltRow[] {
  const rows: BuiltRow[] = [];
  for (const b of buckets) {
    for (const { node: r, path } of b.results) {
      const cents = doc.need(doc.dec(r, 'amount', path), r, `${path}.amount`);
      const currency = (doc.str(r, 'currency', path) ?? 'USD').toUpperCase();
      const usd = multiplyDecimals(cents, '0.01');
      const model = doc.str(r, 'model', path);
      const tokenType = doc.str(r, 'token_type', path);
      rows.push({ line: doc.line(r), values: {
        ChargePeriodStart: b.start, ChargePeriodEnd: b.end, ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based',
        ProviderName: 'Anthropic', PublisherName: 'Anthropic', InvoiceIssuerName: 'Anthropic',
        BillingAccountId: 'anthropic:cost_report', SubAccountId: doc.str(r, 'workspace_id', path),
        ServiceName: 'Claude API', ServiceCategory: 'AI and Machine Learning', ServiceSubcategory: 'Generative AI',
        ChargeDescription: doc.str(r, 'description', path), ResourceId: model, ResourceType: 'LLM model',
        SkuId: model ? `anthropic/${model}${tokenType ? `/${tokenType}` : ''}` : null, SkuMeter: tokenType ?? doc.str(r, 'cost_type', path),
        BillingCurrency: currency, BilledCost: usd, EffectiveCost: usd, x_Model: model,
        x_ServiceTier: doc.str(r, 'service_tier', path), x_PricingStatus: 'invoice', x_PricingNote: 'provider-stated cost (cost report, cents ÷ 100)',
        Tags: tagsJson({ workspace_id: doc.str(r, 'workspace_id', path), cost_type: doc.str(r, 'cost_type', path), token_type: tokenType, context_window: doc.str(r, 'context_window', path) }),
      } });
    }
  }
  return rows;
}

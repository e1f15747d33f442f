/**
 * GenAI spans → one CostRecord row per model-call span: tokens by kind, one
 * request, priced from the catalogue (telemetry carries no provider cost, so
 * BilledCost is the priced amount, flagged when unpriced). A row per span, not
 * per hour, because the span's id (x_UsageId) is what lets the store count a
 * span re-sent in a later file once; it also prices context-length tiers by
 * the span's own prompt instead of an hour's mean.
 */
import { OutlayError } from '../../core/index.ts';
import { MAX_COUNT, type BuiltRow, type JsonDoc } from '../row-stage/index.ts';
import { llmUsageValues, type PriceResult } from '../token-pricing/index.ts';
import type { GenAiSpan } from './spans.ts';

const PROVIDERS: Record<string, [display: string, catalogue: string]> = {
  openai: ['OpenAI', 'openai'], anthropic: ['Anthropic', 'anthropic'], 'aws.bedrock': ['AWS', 'aws_bedrock'], aws_bedrock: ['AWS', 'aws_bedrock'],
  'azure.ai.openai': ['Microsoft', 'azure_openai'], az_ai_openai: ['Microsoft', 'azure_openai'], 'azure.ai.inference': ['Microsoft', 'azure_openai'],
  'gcp.vertex_ai': ['Google Cloud', 'google_vertex_ai'], vertex_ai: ['Google Cloud', 'google_vertex_ai'], 'gcp.gemini': ['Google', 'google_gemini_api'],
  gemini: ['Google', 'google_gemini_api'], 'gcp.gen_ai': ['Google', 'google_gemini_api'], mistral_ai: ['Mistral AI', 'mistral'], mistralai: ['Mistral AI', 'mistral'], groq: ['Groq', 'groq'],
};

function count(doc: JsonDoc, s: GenAiSpan, keys: string[]): bigint | null {
  for (const k of keys) {
    const v = s.attrs.get(k);
    if (v === undefined) continue;
    const n = /^\d+(\.0+)?$/.test(v) ? BigInt(v.replace(/\.0+$/, '')) : -1n;
    if (n < 0n || n > MAX_COUNT) throw new OutlayError('INGEST_BAD_ROW', `${doc.file}:${doc.line(s.node)}: ${s.path}.attributes[${k}]: expected a token count${n > MAX_COUNT ? ` of at most ${MAX_COUNT}` : ''} (got ${v.slice(0, 40)})`, { file: doc.file, line: doc.line(s.node), field: k, value: v });
    return n;
  }
  return null;
}

/**
 * OpenLIT (Python and TypeScript SDKs, resource telemetry.sdk.name "openlit")
 * records an Anthropic call's gen_ai.usage.input_tokens as Anthropic's API
 * counts it, without the cache reads and writes it records beside it; every
 * other instrumentation seen includes them, as the conventions say.
 */
const cacheOutsideInput = (s: GenAiSpan, provider: string): boolean =>
  provider === 'anthropic' && s.resource.get('telemetry.sdk.name')?.toLowerCase() === 'openlit';

/** `account` scopes restatement: span files hold different spans, so each file is its own account (see index.ts). */
export function spanRows(doc: JsonDoc, spans: readonly GenAiSpan[], account: string): { rows: BuiltRow[]; prices: PriceResult[] } {
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  for (const s of spans) {
    const a = s.attrs;
    const provider = (a.get('gen_ai.provider.name') ?? a.get('gen_ai.system') ?? 'unknown').toLowerCase();
    const input = count(doc, s, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens']) ?? 0n;
    const read = count(doc, s, ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens']) ?? 0n;
    const write = count(doc, s, ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens']) ?? 0n;
    const outside = cacheOutsideInput(s, provider);
    if (!outside && read + write > input) throw new OutlayError('INGEST_BAD_ROW', `${doc.file}:${doc.line(s.node)}: ${s.path}: cache tokens (${read} + ${write}) exceed gen_ai.usage.input_tokens (${input})`, { file: doc.file, line: doc.line(s.node), field: 'gen_ai.usage.input_tokens' });
    const textIn = outside ? input : input - read - write;
    const [display, catalogue] = PROVIDERS[provider] ?? [provider, provider];
    const { values, price } = llmUsageValues({
      provider: display, catalogueProvider: catalogue, serviceName: `${display} API (OpenTelemetry)`, start: s.start, end: s.end,
      accountId: account, model: a.get('gen_ai.response.model') ?? a.get('gen_ai.request.model') ?? null,
      serviceTier: a.get('gen_ai.openai.response.service_tier') ?? a.get('openai.response.service_tier') ?? a.get('gen_ai.request.service_tier') ?? null, requests: 1n,
      tokens: { textIn, cacheRead: read, cacheWrite5m: write, textOut: count(doc, s, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens']) ?? 0n },
      reasoning: count(doc, s, ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.output_tokens.reasoning', 'gen_ai.usage.reasoning_tokens']),
      contextTokens: Number(textIn + read + write),
      tags: {
        'service.name': s.resource.get('service.name') ?? null, environment: s.resource.get('deployment.environment.name') ?? s.resource.get('deployment.environment') ?? null,
        'gen_ai.operation.name': a.get('gen_ai.operation.name') ?? 'chat',
      },
    });
    rows.push({ line: doc.line(s.node), values: { ...values, x_UsageId: s.id === null ? null : `otel:${s.id}` } });
    prices.push(price);
  }
  return { rows, prices };
}

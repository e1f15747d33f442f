/**
 * GenAI spans → one CostRecord row per (provider, model, operation, service,
 * tier, UTC hour): token sums by kind, span count as requests, priced from
 * the catalogue (telemetry carries no provider cost, so BilledCost is the
 * priced amount, flagged when unpriced).
 */
import { OutlayError } from '../../core/index.ts';
import type { BuiltRow, JsonDoc } from '../row-stage/index.ts';
import { llmUsageValues, type PriceResult } from '../token-pricing/index.ts';
import type { GenAiSpan } from './spans.ts';

const HOUR = 3_600_000;
const PROVIDERS: Record<string, [display: string, catalogue: string]> = {
  openai: ['OpenAI', 'openai'], anthropic: ['Anthropic', 'anthropic'], 'aws.bedrock': ['AWS', 'aws_bedrock'], aws_bedrock: ['AWS', 'aws_bedrock'],
  'azure.ai.openai': ['Microsoft', 'azure_openai'], az_ai_openai: ['Microsoft', 'azure_openai'], 'azure.ai.inference': ['Microsoft', 'azure_openai'],
  'gcp.vertex_ai': ['Google Cloud', 'google_vertex_ai'], vertex_ai: ['Google Cloud', 'google_vertex_ai'], 'gcp.gemini': ['Google', 'google_gemini_api'],
  gemini: ['Google', 'google_gemini_api'], 'gcp.gen_ai': ['Google', 'google_gemini_api'], mistral_ai: ['Mistral AI', 'mistral'], mistralai: ['Mistral AI', 'mistral'], groq: ['Groq', 'groq'],
};

interface Acc { first: GenAiSpan; provider: string; model: string | null; op: string; tier: string | null; service: string | null; env: string | null; n: bigint; input: bigint; read: bigint; write: bigint; output: bigint; reasoning: bigint; hasReasoning: boolean }

function count(doc: JsonDoc, s: GenAiSpan, keys: string[]): bigint | null {
  for (const k of keys) {
    const v = s.attrs.get(k);
    if (v === undefined) continue;
    if (!/^\d+(\.0+)?$/.test(v)) throw new OutlayError('INGEST_BAD_ROW', `${doc.file}:${doc.line(s.node)}: ${s.path}.attributes[${k}]: expected a token count (got ${v.slice(0, 40)})`, { file: doc.file, line: doc.line(s.node), field: k, value: v });
    return BigInt(v.replace(/\.0+$/, ''));
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
  const acc = new Map<string, Acc>();
  for (const s of spans) {
    const a = s.attrs;
    const provider = (a.get('gen_ai.provider.name') ?? a.get('gen_ai.system') ?? 'unknown').toLowerCase();
    const model = a.get('gen_ai.response.model') ?? a.get('gen_ai.request.model') ?? null;
    const op = a.get('gen_ai.operation.name') ?? 'chat';
    const tier = a.get('gen_ai.openai.response.service_tier') ?? a.get('openai.response.service_tier') ?? a.get('gen_ai.request.service_tier') ?? null;
    const service = s.resource.get('service.name') ?? null;
    const env = s.resource.get('deployment.environment.name') ?? s.resource.get('deployment.environment') ?? null;
    const hour = Math.floor(s.start.getTime() / HOUR) * HOUR;
    const key = [provider, model, op, tier, service, env, hour].join('|');
    let x = acc.get(key);
    if (!x) acc.set(key, x = { first: s, provider, model, op, tier, service, env, n: 0n, input: 0n, read: 0n, write: 0n, output: 0n, reasoning: 0n, hasReasoning: false });
    const input = count(doc, s, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens']) ?? 0n;
    const read = count(doc, s, ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens']) ?? 0n;
    const write = count(doc, s, ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens']) ?? 0n;
    const outside = cacheOutsideInput(s, provider);
    if (!outside && read + write > input) throw new OutlayError('INGEST_BAD_ROW', `${doc.file}:${doc.line(s.node)}: ${s.path}: cache tokens (${read} + ${write}) exceed gen_ai.usage.input_tokens (${input})`, { file: doc.file, line: doc.line(s.node), field: 'gen_ai.usage.input_tokens' });
    const reasoning = count(doc, s, ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.output_tokens.reasoning', 'gen_ai.usage.reasoning_tokens']);
    x.n++; x.input += outside ? input : input - read - write; x.read += read; x.write += write;
    x.output += count(doc, s, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens']) ?? 0n;
    if (reasoning !== null) { x.reasoning += reasoning; x.hasReasoning = true; }
  }
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  for (const x of acc.values()) {
    const [display, catalogue] = PROVIDERS[x.provider] ?? [x.provider, x.provider];
    const start = new Date(Math.floor(x.first.start.getTime() / HOUR) * HOUR);
    const { values, price } = llmUsageValues({
      provider: display, catalogueProvider: catalogue, serviceName: `${display} API (OpenTelemetry)`, start, end: new Date(start.getTime() + HOUR),
      accountId: account, model: x.model, serviceTier: x.tier, requests: x.n,
      tokens: { textIn: x.input, cacheRead: x.read, cacheWrite5m: x.write, textOut: x.output }, reasoning: x.hasReasoning ? x.reasoning : null,
      contextTokens: Number(x.input + x.read + x.write) / Number(x.n),
      tags: { 'service.name': x.service, environment: x.env, 'gen_ai.operation.name': x.op },
    });
    rows.push({ line: doc.line(x.first.node), values });
    prices.push(price);
  }
  return { rows, prices };
}

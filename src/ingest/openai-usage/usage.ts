/**
 * OpenAI Usage API results → CostRecord rows, one per (bucket, result).
 *
 * Token readings. The payload cannot say which spec version produced it, so
 * the shape decides (see docs/importers.md):
 * - current spec (the result has `input_uncached_tokens`): input_tokens =
 *   cached + uncached + cache-write, uncached = text + audio + image, and
 *   output_tokens = text + audio + image;
 * - earlier spec (no `input_uncached_tokens`): input_tokens are text input
 *   including cached, and input_audio_tokens / output_audio_tokens are counted
 *   separately from input_tokens / output_tokens.
 * Non-token endpoints (images, audio, vector stores, code interpreter) carry
 * their own quantity and are unpriced (no catalogue rate).
 */
import type { JsonDoc, JsonObject, BuiltRow } from '../row-stage/index.ts';
import { llmUsageValues, type PriceResult, type TokenCounts } from '../token-pricing/index.ts';
import type { Bucket } from './page.ts';
import { resultKind } from './page.ts';

const TOKEN_KINDS = new Set(['completions', 'embeddings', 'moderations']);
const QUANTITY: Record<string, [field: string, unit: string]> = {
  images: ['images', 'Images'], audio_speeches: ['characters', 'Characters'], audio_transcriptions: ['seconds', 'Seconds'],
  vector_stores: ['usage_bytes', 'Bytes'], code_interpreter_sessions: ['num_sessions', 'Sessions'],
  // Tool calls: num_requests counts the calls (web searches also give num_model_requests, the model requests that made them).
  file_searches: ['num_requests', 'Requests'], web_searches: ['num_requests', 'Requests'],
};

function tokens(doc: JsonDoc, r: JsonObject, path: string): TokenCounts {
  const n = (k: string): bigint | null => doc.int(r, k, path);
  const input = n('input_tokens') ?? 0n;
  const cached = n('input_cached_tokens') ?? 0n;
  const output = n('output_tokens') ?? 0n;
  if (r.input_uncached_tokens !== undefined) {
    const uncached = n('input_uncached_tokens') ?? 0n;
    const write = n('input_cache_write_tokens') ?? 0n;
    const audio = n('input_audio_tokens') ?? 0n;
    const image = n('input_image_tokens') ?? 0n;
    const audioOut = n('output_audio_tokens') ?? 0n;
    const imageOut = n('output_image_tokens') ?? 0n;
    if (uncached + cached + write !== input) doc.fail(r, `${path}.input_tokens`, `is not input_cached_tokens + input_uncached_tokens + input_cache_write_tokens (${cached} + ${uncached} + ${write})`, r.input_tokens);
    if (audio + image > uncached) doc.fail(r, `${path}.input_uncached_tokens`, 'is less than its audio and image parts');
    if (audioOut + imageOut > output) doc.fail(r, `${path}.output_tokens`, 'is less than its audio and image parts');
    return { textIn: uncached - audio - image, audioIn: audio, imageIn: image, cacheRead: cached, cacheWrite5m: write,
      textOut: output - audioOut - imageOut, audioOut, imageOut };
  }
  if (cached > input) doc.fail(r, `${path}.input_cached_tokens`, `exceeds input_tokens (${input})`, r.input_cached_tokens);
  return { textIn: input - cached, cacheRead: cached, audioIn: n('input_audio_tokens') ?? 0n, textOut: output, audioOut: n('output_audio_tokens') ?? 0n };
}

export function usageRows(doc: JsonDoc, buckets: readonly Bucket[]): { rows: BuiltRow[]; prices: PriceResult[] } {
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  for (const b of buckets) {
    for (const { node: r, path } of b.results) {
      const kind = resultKind(r);
      const model = doc.str(r, 'model', path);
      const requests = doc.int(r, 'num_model_requests', path) ?? doc.int(r, 'num_requests', path);
      const batch = r.batch === true;
      const base = {
        provider: 'OpenAI', catalogueProvider: 'openai', serviceName: `OpenAI API (${kind})`, start: b.start, end: b.end,
        accountId: `openai:usage/${kind}`, subAccountId: doc.str(r, 'project_id', path), model,
        apiKeyId: doc.str(r, 'api_key_id', path), serviceTier: doc.str(r, 'service_tier', path), batch,
        requests, tags: { user_id: doc.str(r, 'user_id', path), project_id: doc.str(r, 'project_id', path) },
      };
      if (TOKEN_KINDS.has(kind)) {
        const t = tokens(doc, r, path);
        const prompt = Number((t.textIn ?? 0n) + (t.cacheRead ?? 0n) + (t.cacheWrite5m ?? 0n) + (t.audioIn ?? 0n) + (t.imageIn ?? 0n));
        const contextTokens = requests ? prompt / Number(requests) : 0;
        const { values, price } = llmUsageValues({ ...base, tokens: t, contextTokens });
        rows.push({ line: doc.line(r), values });
        prices.push(price);
        continue;
      }
      const [field, unit] = QUANTITY[kind] ?? ['num_model_requests', 'Requests'];
      const qty = doc.int(r, field, path) ?? doc.int(r, 'sessions', path) ?? 0n;
      const { values } = llmUsageValues({ ...base, tokens: {}, webSearchRequests: kind === 'web_searches' ? qty : null });
      const price: PriceResult = qty > 0n
        ? { status: 'unpriced', cost: null, note: `no catalogue rate for OpenAI ${kind} (${unit.toLowerCase()})` }
        : { status: 'priced', cost: '0', note: null };
      rows.push({ line: doc.line(r), values: {
        ...values, ConsumedQuantity: qty, ConsumedUnit: unit, ResourceType: `OpenAI ${kind}`,
        ListCost: price.cost, x_PricedCost: price.cost, x_PricingStatus: price.status, x_PricingNote: price.note,
        Tags: JSON.stringify({ ...JSON.parse(String(values.Tags ?? '{}')) as object, ...(doc.str(r, 'size', path) ? { size: doc.str(r, 'size', path) } : {}), ...(doc.str(r, 'source', path) ? { source: doc.str(r, 'source', path) } : {}) }),
      } });
      prices.push(price);
    }
  }
  return { rows, prices };
}

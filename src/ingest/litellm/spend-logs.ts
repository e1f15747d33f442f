/**
 * LiteLLM proxy spend logs (`LiteLLM_SpendLogs` rows, `/spend/logs`
 * answers): one row per request with LiteLLM's own `spend` (USD, kept as
 * the JSON literal) as BilledCost and Outlay's catalogue price beside it in
 * x_PricedCost. Provider: custom_llm_provider, else the model prefix
 * ("groq/llama3-8b-8192"), else the api_base host. Cached and reasoning
 * tokens come from metadata.usage_object when LiteLLM recorded it.
 * request_id (the table's key) is the row's identity, x_UsageId, so a
 * request in two overlapping exports is stored once.
 */
import type { BuiltRow, Json, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { isObject, parseJson } from '../row-stage/index.ts';
import type { PriceResult } from '../token-pricing/index.ts';
import { liteLlmValues, providerName } from './model.ts';

/** A JSON value that may also arrive as a JSON string (Postgres exports). */
function asObject(doc: JsonDoc, v: Json | undefined): JsonObject | null {
  if (isObject(v)) return v;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try { const p = parseJson(v, doc.file).value; return isObject(p) ? p : null; } catch { return null; }
  }
  return null;
}

function tagsOf(doc: JsonDoc, r: JsonObject, path: string, meta: JsonObject | null): Record<string, string | null> {
  const tags: Record<string, string | null> = { user: doc.str(r, 'user', path), end_user: doc.str(r, 'end_user', path), team_id: doc.str(r, 'team_id', path), model_group: doc.str(r, 'model_group', path) };
  let list: Json | undefined = r.request_tags;
  if (typeof list === 'string' && list.trim().startsWith('[')) { try { list = parseJson(list, doc.file).value; } catch { list = []; } }
  for (const t of Array.isArray(list) ? list : []) {
    if (typeof t !== 'string') continue;
    const i = t.indexOf(':');
    if (i > 0) tags[t.slice(0, i)] = t.slice(i + 1); else tags[t] = 'true';
  }
  const team = meta ? doc.str(meta, 'user_api_key_team_alias', 'metadata') : null;
  if (team) tags.team = team;
  return tags;
}

export function spendLogRows(doc: JsonDoc, items: readonly { node: JsonObject; path: string }[], fallback: Date): { rows: BuiltRow[]; prices: PriceResult[]; undated: number } {
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  let undated = 0;
  for (const { node: r, path } of items) {
    const start = doc.time(r, 'startTime', path) ?? doc.time(r, 'start_time', path);
    const end = doc.time(r, 'endTime', path) ?? doc.time(r, 'end_time', path) ?? start;
    if (start && end && end < start) doc.fail(r, `${path}.${r.endTime === undefined ? 'end_time' : 'endTime'}`, 'ends before the start time');
    if (!start) undated++;
    const model = doc.str(r, 'model', path) ?? doc.str(r, 'model_group', path);
    const meta = asObject(doc, r.metadata);
    const usage = meta ? asObject(doc, meta.usage_object) : null;
    const details = (k: string) => (usage ? asObject(doc, usage[k]) : null);
    const promptDetails = details('prompt_tokens_details');
    const cached = promptDetails ? doc.int(promptDetails, 'cached_tokens', `${path}.metadata.usage_object.prompt_tokens_details`) ?? 0n : 0n;
    // Newer LiteLLM states Anthropic cache writes here, counted inside prompt_tokens (older rows, without it, are read as before).
    const written = promptDetails ? doc.int(promptDetails, 'cache_creation_tokens', `${path}.metadata.usage_object.prompt_tokens_details`) ?? 0n : 0n;
    const reasoning = details('completion_tokens_details') ? doc.int(details('completion_tokens_details') as JsonObject, 'reasoning_tokens', `${path}.metadata.usage_object.completion_tokens_details`) : null;
    const prompt = doc.int(r, 'prompt_tokens', path) ?? 0n;
    if (cached + written > prompt) doc.fail(r, `${path}.metadata.usage_object.prompt_tokens_details.cached_tokens`, `(${cached}) with cache_creation_tokens (${written}) exceeds prompt_tokens (${prompt})`);
    const spend = doc.dec(r, 'spend', path);
    const day = start ?? new Date(Date.UTC(fallback.getUTCFullYear(), fallback.getUTCMonth(), fallback.getUTCDate()));
    const { values, price, provider } = liteLlmValues(model, {
      start: day, end: start ? end ?? day : new Date(day.getTime() + 86_400_000), subAccountId: doc.str(r, 'team_id', path),
      apiKeyId: doc.str(r, 'api_key', path), requests: 1n,
      tokens: { textIn: prompt - cached - written, cacheRead: cached, cacheWrite5m: written, textOut: doc.int(r, 'completion_tokens', path) ?? 0n }, reasoning,
      providerCost: spend, tags: tagsOf(doc, r, path, meta),
    }, doc.str(r, 'custom_llm_provider', path), doc.str(r, 'api_base', path));
    const requestId = doc.str(r, 'request_id', path);
    rows.push({ line: doc.line(r), values: { ...values, InvoiceIssuerName: providerName(provider), ResourceName: requestId, x_UsageId: requestId === null ? null : `litellm:${requestId}` } });
    prices.push(price);
  }
  return { rows, prices, undated };
}

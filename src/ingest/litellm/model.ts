/**
 * What every LiteLLM row shares: the provider (custom_llm_provider, else the
 * model prefix "groq/llama3-8b-8192", else the api_base host, else the
 * model's family), the model without that prefix, and the CostRecord values
 * those give; plus the one-day rows of the daily activity and spend report.
 */
import type { BuiltRow, JsonDoc, JsonObject, RowValues } from '../row-stage/index.ts';
import { llmUsageValues, type LlmUsage, type PriceResult } from '../token-pricing/index.ts';

const DAY = 86_400_000;
const HOSTS: [RegExp, string][] = [
  [/openai\.azure\.com/, 'azure'], [/api\.openai\.com/, 'openai'], [/anthropic\.com/, 'anthropic'], [/groq\.com/, 'groq'],
  [/bedrock/, 'bedrock'], [/googleapis\.com|vertex/, 'vertex_ai'], [/mistral\.ai/, 'mistral'], [/together/, 'together_ai'],
];
const DISPLAY: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', azure: 'Microsoft', bedrock: 'AWS', vertex_ai: 'Google Cloud', gemini: 'Google', groq: 'Groq', mistral: 'Mistral AI' };

export function providerOf(model: string | null, custom: string | null, apiBase: string | null): string {
  if (custom) return custom.toLowerCase();
  const prefix = model?.includes('/') ? model.split('/')[0] : undefined;
  if (prefix) return prefix.toLowerCase();
  const host = HOSTS.find(([re]) => re.test(apiBase ?? ''));
  if (host) return host[1];
  if (/^(gpt|o\d|text-embedding|chatgpt)/.test(model ?? '')) return 'openai';
  if (/^claude/.test(model ?? '')) return 'anthropic';
  return 'unknown';
}

export const providerName = (p: string): string => DISPLAY[p] ?? p;

/** The model without LiteLLM's provider prefix: "openai/gpt-4o" → "gpt-4o". */
export const bareModel = (model: string | null): string | null => (model?.includes('/') ? model.slice(model.indexOf('/') + 1) : model);

/** What a LiteLLM row states itself; the provider, account, service and model name follow from `model`. */
export type LiteLlmUsage = Omit<LlmUsage, 'provider' | 'catalogueProvider' | 'serviceName' | 'accountId' | 'model'>;

export function liteLlmValues(model: string | null, u: LiteLlmUsage, custom: string | null = null, apiBase: string | null = null): { values: RowValues; price: PriceResult; provider: string } {
  const provider = providerOf(model, custom, apiBase);
  const { values, price } = llmUsageValues({
    ...u, provider: providerName(provider), catalogueProvider: provider, serviceName: 'LLM API via LiteLLM', accountId: `litellm:${provider}`, model: bareModel(model),
  });
  return { values, price, provider };
}

/** Rows of one UTC day of a model's usage each (daily activity, spend report), with their prices. */
export function dayRows(doc: JsonDoc): { rows: BuiltRow[]; prices: PriceResult[]; push: (node: JsonObject, day: Date, model: string | null, u: Omit<LiteLlmUsage, 'start' | 'end'>) => void } {
  const rows: BuiltRow[] = [];
  const prices: PriceResult[] = [];
  const push = (node: JsonObject, day: Date, model: string | null, u: Omit<LiteLlmUsage, 'start' | 'end'>): void => {
    const { values, price } = liteLlmValues(model, { ...u, start: day, end: new Date(day.getTime() + DAY) });
    rows.push({ line: doc.line(node), values });
    prices.push(price);
  };
  return { rows, prices, push };
}

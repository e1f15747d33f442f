/**
 * LiteLLM's daily activity answers (`/user/daily/activity`, and the team and
 * tag variants): `{results: [{date, metrics, breakdown: {models: {name:
 * {metrics}}, …}}], metadata}`, where metrics are spend (USD), prompt,
 * completion, cache-read and cache-creation tokens and request counts.
 * One row per day and model with LiteLLM's spend as the provider cost; a
 * day whose models do not add up to its total gets a row for the rest, so
 * Σ BilledCost is exactly Σ the days' spend.
 *
 * Prompt tokens: LiteLLM reports them OpenAI's way, cache reads and writes
 * included, so uncached input = prompt − read − creation; a day whose
 * prompt is smaller than its cache tokens counted them apart, and prompt is
 * then all uncached.
 */
import { addDecimals, negateDecimal } from '../../core/index.ts';
import type { BuiltRow, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { isObject } from '../row-stage/index.ts';
import type { PriceResult } from '../token-pricing/index.ts';
import { dayRows } from './model.ts';

const COUNTS = ['prompt_tokens', 'completion_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'api_requests'] as const;
/** spend: USD as exact decimal text; the token and request counts as read (bigint), never through text. */
type Metrics = { spend: string } & Record<(typeof COUNTS)[number], bigint>;

export const isDailyActivity = (head: string): boolean => /"results"\s*:/.test(head) && /"metrics"\s*:/.test(head) && /"breakdown"\s*:|"date"\s*:/.test(head);

function metrics(doc: JsonDoc, m: JsonObject, path: string): Metrics {
  const out = { spend: doc.dec(m, 'spend', path) ?? '0' } as Metrics;
  for (const k of COUNTS) out[k] = doc.int(m, k, path) ?? 0n;
  return out;
}

const minus = (a: string, b: string): string => addDecimals([a, negateDecimal(b)]);

export function dailyActivityRows(doc: JsonDoc): { rows: BuiltRow[]; prices: PriceResult[]; warnings: string[] } {
  const root = doc.obj(doc.root, '$');
  const { rows, prices, push: pushDay } = dayRows(doc);
  const push = (node: JsonObject, day: Date, model: string | null, m: Metrics): void => {
    const { prompt_tokens: prompt, cache_read_input_tokens: read, cache_creation_input_tokens: write } = m;
    pushDay(node, day, model, {
      requests: m.api_requests,
      tokens: { textIn: prompt >= read + write ? prompt - read - write : prompt, cacheRead: read, cacheWrite5m: write, textOut: m.completion_tokens },
      providerCost: m.spend,
    });
  };
  doc.arr(root.results, '$.results', root).forEach((r, i) => {
    const path = `$.results[${i}]`;
    const day = doc.obj(r, path, root);
    const date = doc.need(doc.time(day, 'date', path), day, `${path}.date`);
    const total = metrics(doc, doc.obj(day.metrics, `${path}.metrics`, day), `${path}.metrics`);
    const models = isObject(day.breakdown) && isObject(day.breakdown.models) ? Object.entries(day.breakdown.models) : [];
    const parts = models.map(([name, v]) => {
      const p = `${path}.breakdown.models["${name}"]`;
      const node = doc.obj(v, p, day);
      const m = metrics(doc, doc.obj(node.metrics, `${p}.metrics`, node), `${p}.metrics`);
      push(node, date, name, m);
      return m;
    });
    // What the day's total holds beyond its models (no breakdown saved, or a partial one).
    const rest = { spend: parts.reduce((a, m) => minus(a, m.spend), total.spend) } as Metrics;
    for (const k of COUNTS) {
      const n = parts.reduce((a, m) => a - m[k], total[k]);
      rest[k] = n > 0n ? n : 0n;
    }
    if (Number(rest.spend) !== 0 || COUNTS.some((k) => rest[k] !== 0n)) push(day, date, null, rest);
  });
  const more = isObject(root.metadata) && root.metadata.has_more === true;
  return { rows, prices, warnings: more ? ['saved page says has_more = true: later pages of the daily activity are not in this file'] : [] };
}

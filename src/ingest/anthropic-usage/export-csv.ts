/**
 * The Claude Console's CSV exports (Usage → Export, Cost → Export), one row
 * per UTC day (or hour) and group:
 * - usage: `usage_date_utc`, `model_version`, `api_key` (its name),
 *   `workspace`, `usage_type`, `context_window` ("≤ 200k"),
 *   `usage_input_tokens_no_cache`, `usage_input_tokens_cache_write_5m` and
 *   `_1h` (older exports: one `usage_input_tokens_cache_write`),
 *   `usage_input_tokens_cache_read`, `usage_output_tokens`,
 *   `web_search_count`, `inference_geo`;
 * - cost: `usage_date_utc`, `cost_usd` (dollars, not the API's cents),
 *   `model` (a display name, "Claude Sonnet 4": model-names.ts turns it into
 *   the id the usage rows carry), `token_type`, and the same grouping columns
 *   where present.
 * Each row becomes the report result the Admin API would send, so map.ts
 * prices and stores it unchanged.
 */
import { multiplyDecimals } from '../../pricing/index.ts';
import { csvRecords, JsonNum, type Json, type JsonDoc, type JsonObject } from '../row-stage/index.ts';
import { anthropicModelId } from './model-names.ts';
import type { ReportBucket } from './report.ts';

const TEXT = new Set(['usage_date_utc', 'model_version', 'model', 'api_key', 'workspace', 'usage_type', 'context_window', 'inference_geo', 'speed', 'token_type', 'cost_type', 'description']);

/** What a CSV header is: a Console usage export, a cost export, or neither. */
export function anthropicExportKind(columns: readonly string[]): 'usage' | 'cost' | null {
  if (!columns.includes('usage_date_utc')) return null;
  if (columns.includes('cost_usd')) return 'cost';
  return columns.some((c) => c.startsWith('usage_input_tokens') || c === 'usage_output_tokens') ? 'usage' : null;
}

/** The Console's "≤ 200k" / "> 200k" as the API's "0-200k" / "200k-1M". */
function contextWindow(v: Json | undefined): string | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*(≤|<=|<|>|≥|>=)\s*(\d+k)/i.exec(v);
  if (!m) return v;
  return /^[<≤]/.test(m[1] ?? '') ? `0-${m[2]}` : `${m[2]}-1M`;
}

export function exportBuckets(text: string, file: string, kind: 'usage' | 'cost'): { doc: JsonDoc; buckets: ReportBucket[] } {
  const { doc, rows, at } = csvRecords(text, file, TEXT);
  const buckets = rows.map(({ node: r, line }): ReportBucket => {
    const day = doc.need(doc.str(r, 'usage_date_utc', '$'), r, '$.usage_date_utc');
    const start = doc.need(doc.time(r, 'usage_date_utc', '$'), r, '$.usage_date_utc');
    // A date is a UTC day; a date and time is the hour the Console broke it down to.
    const end = new Date(start.getTime() + (/^\d{4}-\d\d-\d\d$/.test(day.trim()) ? 86_400_000 : 3_600_000));
    const model = r.model_version ?? r.model ?? null;
    const common = { model: typeof model === 'string' ? anthropicModelId(model) : model, api_key_id: r.api_key ?? null, workspace_id: r.workspace ?? null,
      service_tier: r.usage_type ?? null, context_window: contextWindow(r.context_window), inference_geo: r.inference_geo ?? null, speed: r.speed ?? null };
    let result: JsonObject;
    if (kind === 'cost') {
      const usd = doc.need(doc.dec(r, 'cost_usd', '$'), r, '$.cost_usd');
      result = { ...common, amount: new JsonNum(multiplyDecimals(usd, '100')), currency: 'USD', token_type: r.token_type ?? null, cost_type: r.cost_type ?? null, description: r.description ?? null };
    } else {
      // Counts are checked here, so a bad cell is named by its CSV column.
      const n = (k: string): Json => (doc.int(r, k, '$') === null ? null : r[k] ?? null);
      result = { ...common, uncached_input_tokens: n('usage_input_tokens_no_cache'), cache_read_input_tokens: n('usage_input_tokens_cache_read'), output_tokens: n('usage_output_tokens'),
        cache_creation: at({ ephemeral_5m_input_tokens: n('usage_input_tokens_cache_write_5m') ?? n('usage_input_tokens_cache_write'), ephemeral_1h_input_tokens: n('usage_input_tokens_cache_write_1h') }, line),
        server_tool_use: at({ web_search_requests: n('web_search_count') }, line) };
    }
    return { start, end, results: [{ node: at(result, line), path: '$' }] };
  });
  return { doc, buckets };
}

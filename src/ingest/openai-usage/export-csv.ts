/**
 * The OpenAI dashboard's CSV exports (platform.openai.com/usage → Export):
 * one row per bucket and group, the Usage or Costs API result flattened with
 * the bucket's `start_time`/`end_time` (Unix seconds) and `start_time_iso`/
 * `end_time_iso` beside it. Usage: `num_model_requests`, `model`, `batch`
 * ("TRUE"/"FALSE"), `input_tokens` … written as decimals ("59200.0"). Costs:
 * `amount_value`, `amount_currency`, `line_item`. A bucket without traffic
 * is a row of empty cells; it stands for no result.
 *
 * Each row becomes the bucket the API would have sent, so the JSON readers
 * (usage.ts, costs.ts) apply unchanged.
 */
import { csvRecords, type JsonDoc, type JsonObject } from '../row-stage/index.ts';
import type { Bucket } from './page.ts';

const TIME = new Set(['start_time', 'end_time', 'start_time_iso', 'end_time_iso']);
const TEXT = new Set(['project_id', 'project_name', 'user_id', 'api_key_id', 'model', 'service_tier', 'line_item', 'organization_id', 'organization_name', 'size', 'source']);

/** What a CSV header is: an OpenAI usage export, a costs export, or neither. */
export function openAiExportKind(columns: readonly string[]): 'usage' | 'cost' | null {
  const has = (c: string): boolean => columns.includes(c);
  if (!has('start_time') || !has('end_time')) return null;
  if (has('amount_value') && has('amount_currency')) return 'cost';
  if (has('num_model_requests') && (has('input_tokens') || has('model'))) return 'usage';
  return null;
}

/** The export as the buckets the API sends. */
export function exportBuckets(text: string, file: string, kind: 'usage' | 'cost'): { doc: JsonDoc; buckets: Bucket[] } {
  const { doc, rows, at } = csvRecords(text, file, TEXT);
  const buckets = rows.map(({ node: row, line }): Bucket => {
    const time = (epoch: string, iso: string): Date => doc.need(doc.time(row, row[epoch] === null ? iso : epoch, '$'), row, `$.${epoch}`);
    const start = time('start_time', 'start_time_iso');
    const end = time('end_time', 'end_time_iso');
    if (end < start) doc.fail(row, '$.end_time', 'ends before start_time');
    const result = at(Object.fromEntries(Object.entries(row).filter(([k]) => !TIME.has(k))) as JsonObject, line);
    let empty: boolean;
    if (kind === 'cost') {
      empty = result.amount_value === null;
      result.amount = at({ value: result.amount_value ?? null, currency: result.amount_currency ?? null }, line);
      result.object = 'organization.costs.result';
    } else {
      empty = ['model', 'num_model_requests', 'input_tokens', 'output_tokens', 'project_id'].every((k) => result[k] === null || result[k] === undefined);
    }
    return { node: row, path: '$', start, end, results: empty ? [] : [{ node: result, path: '$' }] };
  });
  return { doc, buckets };
}

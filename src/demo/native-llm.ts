/**
 * The OpenAI and Anthropic organisations' token traffic as their admin usage
 * APIs answer it, saved as NDJSON: one page per day (has_more / next_page
 * chaining the days), one bucket per charge period (a day, or an hour with
 * hourly granularity), one result per API key and model. The APIs carry
 * tokens, not money: the importers price them from the catalogue, which is
 * where the demo's own prices come from. Invoice lines the APIs do not show
 * (sales tax) stay in a small FOCUS file next to them.
 */
import { iso, q, stagedRows } from './native-sql.ts';

/** Days as pages, chained with a cursor the way the live API pages. */
function pages(buckets: string, bucketField: string): string {
  return `SELECT * EXCLUDE (day, last_day) FROM (
      SELECT day, max(day) OVER () AS last_day, 'page' AS object, list(bucket ORDER BY ${bucketField}) AS data,
        day < max(day) OVER () AS has_more,
        CASE WHEN day < max(day) OVER () THEN 'page_' || replace(to_base64(CAST(strftime(day + 1, '%Y-%m-%d') AS BLOB)), '=', '') END AS next_page
      FROM (${buckets}) GROUP BY day) ORDER BY day`;
}

/** OpenAI `/v1/organization/usage/completions` (and embeddings) pages, current spec (input_uncached_tokens present). */
export function openAiUsageCopy(stagedPath: string, target: string): string {
  const staged = stagedRows(stagedPath);
  const result = `{'object': 'organization.usage.' || CASE WHEN x_Model LIKE '%embedding%' THEN 'embeddings' ELSE 'completions' END || '.result',
    'input_tokens': t_in + t_cached + t_write, 'input_cached_tokens': t_cached, 'input_uncached_tokens': t_in, 'input_cache_write_tokens': t_write,
    'output_tokens': t_out, 'num_model_requests': requests, 'project_id': SubAccountId, 'user_id': NULL::VARCHAR,
    'api_key_id': ResourceId, 'model': x_Model, 'batch': false, 'service_tier': 'default'}`;
  const buckets = `SELECT CAST(t0 AS DATE) AS day, t0,
      {'object': 'bucket', 'start_time': CAST(epoch(t0) AS BIGINT), 'end_time': CAST(epoch(t1) AS BIGINT), 'results': list(${result} ORDER BY ResourceId)} AS bucket
    FROM (${staged}) WHERE x_Model IS NOT NULL AND x_Model <> '' GROUP BY t0, t1`;
  return `COPY (${pages(buckets, 't0')}) TO ${q(target)} (FORMAT json)`;
}

/** Anthropic `/v1/organizations/usage_report/messages` pages (grouped by API key, workspace and model). */
export function anthropicUsageCopy(stagedPath: string, target: string): string {
  const staged = stagedRows(stagedPath);
  const result = `{'uncached_input_tokens': t_in, 'cache_creation': {'ephemeral_1h_input_tokens': 0, 'ephemeral_5m_input_tokens': t_write},
    'cache_read_input_tokens': t_cached, 'output_tokens': t_out, 'server_tool_use': {'web_search_requests': 0},
    'api_key_id': ResourceId, 'workspace_id': SubAccountId, 'model': x_Model, 'service_tier': 'standard', 'context_window': '0-200k'}`;
  const buckets = `SELECT CAST(t0 AS DATE) AS day, t0,
      {'starting_at': ${iso('t0')}, 'ending_at': ${iso('t1')}, 'results': list(${result} ORDER BY ResourceId)} AS bucket
    FROM (${staged}) WHERE x_Model IS NOT NULL AND x_Model <> '' GROUP BY t0, t1`;
  return `COPY (SELECT * EXCLUDE (object) FROM (${pages(buckets, 't0')})) TO ${q(target)} (FORMAT json)`;
}

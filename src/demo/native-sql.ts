/**
 * SQL shared by the native-format writers. Each writer reads one month of a
 * provider's rows from a staged FOCUS CSV (exact decimals, UTC timestamps) and
 * lets DuckDB write the provider's own format with COPY, so memory stays
 * bounded by DuckDB's streaming, never by the file size.
 */
import { HEADER } from './focus-format.ts';
import type { RateBook } from './rates.ts';

/** A SQL string literal. */
export const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const ts = (col: string): string => `strptime(${col}, '%Y-%m-%dT%H:%M:%SZ')`;
const dec = (col: string): string => `CAST(${col} AS DECIMAL(38,10))`;

/**
 * The staged FOCUS rows of one file with typed helper columns: money
 * (billed, eff, list), quantity, token counts, the charge and billing periods.
 */
export function stagedRows(path: string): string {
  return `SELECT *, ${dec('BilledCost')} AS billed, ${dec('EffectiveCost')} AS eff, coalesce(${dec('ListCost')}, 0) AS list,
      ${dec('ConsumedQuantity')} AS qty, ${dec('PricingQuantity')} AS pqty, ${dec('x_GpuHours')} AS gpu_hours,
      CAST(x_InputTokens AS BIGINT) AS t_in, CAST(x_OutputTokens AS BIGINT) AS t_out,
      CAST(x_CachedInputTokens AS BIGINT) AS t_cached, CAST(x_CacheWriteTokens AS BIGINT) AS t_write, CAST(x_Requests AS BIGINT) AS requests,
      ${ts('ChargePeriodStart')} AS t0, ${ts('ChargePeriodEnd')} AS t1, ${ts('BillingPeriodStart')} AS bp0, ${ts('BillingPeriodEnd')} AS bp1,
      CASE WHEN Tags IS NULL OR Tags = '' THEN '{}' ELSE Tags END AS tags_json
    FROM read_csv(${q(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${COLUMNS})`;
}

// The staged files are ours: every column as text, no dialect sniffing.
const COLUMNS = `{${HEADER.map((c) => `${q(c)}: 'VARCHAR'`).join(', ')}}`;

/**
 * One row per token kind with tokens (input, output, cached, write) of the
 * staged LLM rows, with its exact cost from the demo's own rates:
 * n × rate (1e-10 USD per token), so the kinds add up to the FOCUS row's cost.
 * Needs the `demo_token_rates` table (see tokenRateTable).
 */
export function tokenKindRows(staged: string, catalogueProvider: string): string {
  return `SELECT *, k.kind AS kind, k.n AS tokens, CAST(CAST(k.n AS HUGEINT) * k.rate AS DECIMAL(38,0)) * 0.0000000001 AS kind_cost,
      CAST(k.rate AS DECIMAL(38,0)) * 0.0000001 AS rate_per_1k
    FROM (SELECT s.*, unnest([
        {'kind': 'input', 'n': s.t_in, 'rate': r.r_in}, {'kind': 'output', 'n': s.t_out, 'rate': r.r_out},
        {'kind': 'cached', 'n': s.t_cached, 'rate': r.r_cached}, {'kind': 'write', 'n': s.t_write, 'rate': r.r_write}]) AS k
      FROM (${staged}) s JOIN demo_token_rates r
        ON r.provider = ${q(catalogueProvider)} AND r.model = s.x_Model AND r.day = CAST(s.t0 AS DATE)
      WHERE s.x_Model IS NOT NULL AND s.x_Model <> '')
    WHERE k.n > 0`;
}

/** (Re)creates `demo_token_rates` from the rates the generator used so far. */
export function tokenRateTable(rates: RateBook): string {
  const rows = rates.tokenRateRows().map((r) => `(${q(r.provider)}, ${q(r.model)}, DATE ${q(r.day)}, ${r.input}, ${r.output}, ${r.cached}, ${r.write})`);
  const create = 'CREATE OR REPLACE TEMP TABLE demo_token_rates (provider VARCHAR, model VARCHAR, day DATE, r_in BIGINT, r_out BIGINT, r_cached BIGINT, r_write BIGINT)';
  return rows.length === 0 ? create : `${create}; INSERT INTO demo_token_rates VALUES ${rows.join(', ')}`;
}

/** `CASE col WHEN key THEN value … ELSE otherwise END` from a lookup table. */
export const caseOf = (col: string, map: Readonly<Record<string, string>>, otherwise: string): string =>
  `CASE ${Object.entries(map).map(([k, v]) => `WHEN ${col} = ${q(k)} THEN ${q(v)}`).join(' ')} ELSE ${otherwise} END`;

/** ISO 8601 UTC text of a TIMESTAMP column. */
export const iso = (col: string): string => `strftime(${col}, '%Y-%m-%dT%H:%M:%SZ')`;

/** A JSON object text (FOCUS Tags) as a list of {key, value} structs. */
export const tagEntries = (col: string): string => `map_entries(CAST(CAST(${col} AS JSON) AS MAP(VARCHAR, VARCHAR)))`;

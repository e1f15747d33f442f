/**
 * The GCP billing account's month as the BigQuery billing export written out
 * as JSON lines (nested `service`, `sku`, `project`, `location`, `usage`,
 * `invoice`; repeated `labels`, `system_labels`, `credits`), the way Google
 * bills what the demo runs:
 * - committed-use VMs are charged at the on-demand price with a
 *   COMMITTED_USAGE_DISCOUNT credit of the same amount, and the month's
 *   "Commitment v1: …" fee line carries the commitment's cost;
 * - the monthly promotional credit is a PROMOTION credit on a zero-cost line;
 * - Vertex AI tokens are one line per kind ("gemini-2.0-flash input tokens").
 * GPU VMs carry their machine type in system_labels
 * (compute.googleapis.com/machine_spec).
 */
import { iso, q, stagedRows, tagEntries, tokenKindRows } from './native-sql.ts';

const KIND_SKU: Record<string, string> = { input: 'input tokens', output: 'output tokens', cached: 'cached input tokens', write: 'cache write input tokens' };
const credit = (name: string, amount: string, id: string, type: string): string =>
  `{'name': ${name}, 'amount': ${amount}, 'full_name': NULL::VARCHAR, 'id': ${id}, 'type': ${q(type)}}`;
const NO_CREDITS = `[]::STRUCT(name VARCHAR, amount DECIMAL(38,10), full_name VARCHAR, id VARCHAR, type VARCHAR)[]`;

function common(): string {
  return `BillingAccountId AS billing_account_id, ${iso('t0')} AS usage_start_time, ${iso('t1')} AS usage_end_time,
    {'id': SubAccountId, 'number': NULL::VARCHAR, 'name': SubAccountName, 'labels': []::STRUCT(key VARCHAR, value VARCHAR)[]} AS project,
    list_transform(${tagEntries('tags_json')}, e -> {'key': e.key, 'value': e.value}) AS labels,
    {'location': coalesce(RegionId, 'global'), 'country': 'US', 'region': RegionId, 'zone': AvailabilityZone} AS location,
    {'name': ResourceName, 'global_name': ResourceId} AS resource,
    'USD' AS currency, 1.0 AS currency_conversion_rate, strftime(bp0, '%Y%m') AS invoice_month, 'regular' AS cost_type, ${iso('t1')} AS export_time`;
}

function unitLines(staged: string): string {
  const vmType = `replace(SkuId, ' Spot', '')`;
  const isVm = `(ServiceName = 'Compute Engine' AND ChargeCategory = 'Usage')`;
  const sku = `CASE WHEN ChargeCategory = 'Purchase' THEN 'Commitment v1: ' || split_part(SkuId, ':', 2) || ' in Americas for 1 Year'
    WHEN ChargeCategory = 'Credit' THEN ChargeDescription
    WHEN ${isVm} THEN CASE WHEN PricingCategory = 'Dynamic' THEN 'Spot Preemptible ' ELSE '' END || ${vmType} || ' instance running in Americas'
    ELSE SkuId END`;
  const committed = `(ChargeCategory = 'Usage' AND CommitmentDiscountId IS NOT NULL)`;
  const cost = `CASE WHEN ChargeCategory = 'Credit' THEN 0::DECIMAL(38,10) WHEN ${committed} THEN list ELSE billed END`;
  const credits = `CASE WHEN ChargeCategory = 'Credit' THEN [${credit('ChargeDescription', 'billed', "'promo-' || strftime(bp0, '%Y%m')", 'PROMOTION')}]
    WHEN ${committed} THEN [${credit("'Committed use discount: ' || " + vmType, '-list', 'CommitmentDiscountId', 'COMMITTED_USAGE_DISCOUNT')}]
    ELSE ${NO_CREDITS} END`;
  return `SELECT ${common()},
      {'id': md5(ServiceName)[1:14], 'description': ServiceName} AS service,
      {'id': upper(md5(${sku})[1:14]), 'description': ${sku}} AS sku,
      CASE WHEN ${isVm} THEN [{'key': 'compute.googleapis.com/machine_spec', 'value': ${vmType}}] ELSE []::STRUCT(key VARCHAR, value VARCHAR)[] END AS system_labels,
      ${cost} AS cost, CASE WHEN ChargeCategory IN ('Credit', 'Purchase') THEN 0::DECIMAL(38,10) ELSE list END AS cost_at_list,
      {'amount': coalesce(qty, pqty, 0), 'unit': coalesce(ConsumedUnit, PricingUnit, 'count'), 'amount_in_pricing_units': coalesce(qty, pqty, 0), 'pricing_unit': coalesce(ConsumedUnit, PricingUnit, 'count')} AS usage,
      ${credits} AS credits
    FROM (${staged}) WHERE x_Model IS NULL OR x_Model = ''`;
}

function tokenLines(staged: string): string {
  const sku = `x_Model || ' ' || CASE ${Object.entries(KIND_SKU).map(([k, v]) => `WHEN kind = ${q(k)} THEN ${q(v)}`).join(' ')} END`;
  return `SELECT ${common()},
      {'id': md5(ServiceName)[1:14], 'description': ServiceName} AS service,
      {'id': upper(md5(${sku})[1:14]), 'description': ${sku}} AS sku,
      []::STRUCT(key VARCHAR, value VARCHAR)[] AS system_labels, kind_cost AS cost, kind_cost AS cost_at_list,
      {'amount': CAST(tokens AS DECIMAL(38,10)), 'unit': 'tokens', 'amount_in_pricing_units': CAST(tokens AS DECIMAL(38,10)) * 0.001, 'pricing_unit': '1000 tokens'} AS usage,
      ${NO_CREDITS} AS credits
    FROM (${tokenKindRows(staged, 'google_vertex_ai')})`;
}

/** COPY statement writing `stagedPath`'s rows to `target` as BigQuery-export JSON lines. */
export function gcpBillingCopy(stagedPath: string, target: string): string {
  const staged = stagedRows(stagedPath);
  return `COPY (SELECT * EXCLUDE (invoice_month), {'month': invoice_month} AS invoice
      FROM (${unitLines(staged)} UNION ALL BY NAME ${tokenLines(staged)}))
    TO ${q(target)} (FORMAT json)`;
}

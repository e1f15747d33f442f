/**
 * The GCP billing account's month as the BigQuery billing export written out
 * as JSON lines (nested `service`, `sku`, `project`, `location`, `usage`,
 * `invoice`; repeated `labels`, `system_labels`, `credits`), the way Google
 * bills what the demo runs:
 * - committed-use VMs are charged at the on-demand price with a
 *   COMMITTED_USAGE_DISCOUNT credit of the same amount, and the month's
 *   "Commitment v1: …" fee line carries the commitment's cost;
 * - the monthly promotional credit is a PROMOTION credit on a zero-cost line;
 * - Vertex AI tokens are one line per kind ("gemini-2.0-flash input tokens");
 * - a GPU VM's hour is two lines: the instance and its GPUs (GPU-hours).
 * GPU VMs carry their machine type in system_labels
 * (compute.googleapis.com/machine_spec).
 */
import { caseOf, iso, q, stagedRows, tagEntries, tokenKindRows } from './native-sql.ts';

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

const VM_TYPE = `replace(SkuId, ' Spot', '')`;
const IS_VM = `(ServiceName = 'Compute Engine' AND ChargeCategory = 'Usage')`;
const COMMITTED = `(ChargeCategory = 'Usage' AND CommitmentDiscountId IS NOT NULL)`;
const SPOT = `CASE WHEN PricingCategory = 'Dynamic' THEN 'Spot Preemptible ' ELSE '' END`;

/**
 * The staged rows with each line's cost and list cost before credits. A GPU
 * VM's hour is billed as two SKUs, as Google bills accelerator-optimised
 * machines: the instance (cores and memory) and its GPUs; GPU_SHARE of the
 * amount goes to the GPU line (rounded to 10 decimals, the instance line
 * takes the rest, so the two add up exactly).
 */
function priced(staged: string): string {
  const cost = `CASE WHEN ChargeCategory = 'Credit' THEN 0::DECIMAL(38,10) WHEN ${COMMITTED} THEN list ELSE billed END`;
  const listed = `CASE WHEN ChargeCategory IN ('Credit', 'Purchase') THEN 0::DECIMAL(38,10) ELSE list END`;
  const gpuVm = `(${IS_VM} AND coalesce(gpu_hours, 0) > 0)`;
  return `SELECT *, ${cost} - gpu_cost AS vm_cost, ${listed} - gpu_list AS vm_list FROM (
      SELECT *, CASE WHEN ${gpuVm} THEN round(${cost} * ${GPU_SHARE}, 10) ELSE 0 END AS gpu_cost,
        CASE WHEN ${gpuVm} THEN round(${listed} * ${GPU_SHARE}, 10) ELSE 0 END AS gpu_list
      FROM (${staged}) WHERE x_Model IS NULL OR x_Model = '')`;
}

/** Share of a GPU VM's hourly price billed on its GPU SKU. */
const GPU_SHARE = '0.8';

function unitLines(staged: string): string {
  const sku = `CASE WHEN ChargeCategory = 'Purchase' THEN 'Commitment v1: ' || split_part(SkuId, ':', 2) || ' in Americas for 1 Year'
    WHEN ChargeCategory = 'Credit' THEN ChargeDescription
    WHEN ${IS_VM} THEN ${SPOT} || ${VM_TYPE} || ' instance running in Americas'
    ELSE SkuId END`;
  const credits = `CASE WHEN ChargeCategory = 'Credit' THEN [${credit('ChargeDescription', 'billed', "'promo-' || strftime(bp0, '%Y%m')", 'PROMOTION')}]
    WHEN ${COMMITTED} THEN [${credit("'Committed use discount: ' || " + VM_TYPE, '-vm_list', 'CommitmentDiscountId', 'COMMITTED_USAGE_DISCOUNT')}]
    ELSE ${NO_CREDITS} END`;
  return `SELECT ${common()},
      {'id': md5(ServiceName)[1:14], 'description': ServiceName} AS service,
      {'id': upper(md5(${sku})[1:14]), 'description': ${sku}} AS sku,
      CASE WHEN ${IS_VM} THEN [{'key': 'compute.googleapis.com/machine_spec', 'value': ${VM_TYPE}}] ELSE []::STRUCT(key VARCHAR, value VARCHAR)[] END AS system_labels,
      vm_cost AS cost, vm_list AS cost_at_list,
      {'amount': coalesce(qty, pqty, 0), 'unit': coalesce(ConsumedUnit, PricingUnit, 'count'), 'amount_in_pricing_units': coalesce(qty, pqty, 0), 'pricing_unit': coalesce(ConsumedUnit, PricingUnit, 'count')} AS usage,
      ${credits} AS credits
    FROM (${priced(staged)})`;
}

/** The GPU SKU line of each GPU VM hour: usage in GPU-hours ("Nvidia H100 GPU running in Americas"). */
function gpuLines(staged: string): string {
  const sku = `${SPOT} || 'Nvidia ' || replace(x_GpuModel, 'NVIDIA ', '') || ' GPU running in Americas'`;
  const credits = `CASE WHEN ${COMMITTED} THEN [${credit("'Committed use discount: ' || " + VM_TYPE, '-gpu_list', 'CommitmentDiscountId', 'COMMITTED_USAGE_DISCOUNT')}] ELSE ${NO_CREDITS} END`;
  return `SELECT ${common()},
      {'id': md5(ServiceName)[1:14], 'description': ServiceName} AS service,
      {'id': upper(md5(${sku})[1:14]), 'description': ${sku}} AS sku,
      []::STRUCT(key VARCHAR, value VARCHAR)[] AS system_labels, gpu_cost AS cost, gpu_list AS cost_at_list,
      {'amount': gpu_hours, 'unit': 'hour', 'amount_in_pricing_units': gpu_hours, 'pricing_unit': 'hour'} AS usage,
      ${credits} AS credits
    FROM (${priced(staged)}) WHERE ${IS_VM} AND coalesce(gpu_hours, 0) > 0`;
}

function tokenLines(staged: string): string {
  const sku = `x_Model || ' ' || ${caseOf('kind', KIND_SKU, 'NULL')}`;
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
      FROM (${unitLines(staged)} UNION ALL BY NAME ${gpuLines(staged)} UNION ALL BY NAME ${tokenLines(staged)}))
    TO ${q(target)} (FORMAT json)`;
}

/**
 * The AWS account's month as a CUR 2.0 (Data Exports) Parquet file, with the
 * line item types AWS uses for what the demo bills: `Usage` (on-demand and
 * Spot), `DiscountedUsage` (Reserved Instance hours: unblended cost 0, the
 * amortised rate in reservation_effective_cost), `RIFee` (the month's
 * recurring reservation fee, fully used) and one Bedrock line per token kind
 * (`USE1-<model>-input-tokens` …, priced per 1K tokens). Tags go in the
 * `resource_tags` map with AWS's `user_` prefix. Money is DECIMAL(38,10), so
 * the file carries the generator's exact amounts.
 */
import { caseOf, iso, q, stagedRows, tagEntries, tokenKindRows } from './native-sql.ts';

const PRODUCT_CODE: Record<string, string> = {
  'Amazon Elastic Compute Cloud': 'AmazonEC2', 'Amazon Simple Storage Service': 'AmazonS3', 'AWS Data Transfer': 'AWSDataTransfer',
  'Amazon Relational Database Service': 'AmazonRDS', 'Amazon SageMaker': 'AmazonSageMaker', 'Amazon Bedrock': 'AmazonBedrock',
};
const UNIT: Record<string, string> = { Hours: 'Hrs', 'TB-Hours': 'TB-Hrs', GB: 'GB' };
const TOKEN_USAGE: Record<string, string> = { input: 'input-tokens', output: 'output-tokens', cached: 'cache-read-input-tokens', write: 'cache-write-input-tokens' };

/** Columns every line shares, from a staged FOCUS row `s`. */
function common(): string {
  return `BillingAccountId AS bill_payer_account_id, BillingAccountName AS bill_payer_account_name,
    bp0 AS bill_billing_period_start_date, bp1 AS bill_billing_period_end_date, InvoiceId AS bill_invoice_id,
    'AWS' AS bill_billing_entity, InvoiceIssuerName AS bill_invoicing_entity,
    ${iso('t0')} || '/' || ${iso('t1')} AS identity_time_interval,
    SubAccountId AS line_item_usage_account_id, SubAccountName AS line_item_usage_account_name,
    t0 AS line_item_usage_start_date, t1 AS line_item_usage_end_date,
    ${caseOf('ServiceName', PRODUCT_CODE, 'ServiceName')} AS line_item_product_code,
    ResourceId AS line_item_resource_id, AvailabilityZone AS line_item_availability_zone,
    'USD' AS line_item_currency_code, 'Amazon Web Services, Inc.' AS line_item_legal_entity,
    RegionId AS product_region_code, ResourceType AS product_product_family,
    MAP {'product_name': ServiceName, 'region': coalesce(RegionId, '')} AS product,
    map_from_entries(list_transform(${tagEntries('tags_json')}, e -> {'key': 'user_' || e.key, 'value': e.value})) AS resource_tags`;
}

/** Usage, DiscountedUsage and RIFee lines (everything but tokens). */
function unitLines(staged: string): string {
  const type = `CASE WHEN ChargeCategory = 'Purchase' THEN 'RIFee' WHEN CommitmentDiscountId IS NOT NULL THEN 'DiscountedUsage' ELSE 'Usage' END`;
  const sku = `CASE WHEN ChargeCategory = 'Purchase' THEN 'HeavyUsage:' || split_part(SkuId, ':', 2) ELSE SkuId END`;
  return `SELECT ${common()}, ${type} AS line_item_line_item_type,
      'USE1-' || ${sku} AS line_item_usage_type, 'RunInstances' AS line_item_operation,
      coalesce(qty, pqty) AS line_item_usage_amount, CASE WHEN CommitmentDiscountId IS NOT NULL AND ChargeCategory = 'Usage' THEN qty END AS line_item_normalized_usage_amount,
      billed AS line_item_unblended_cost, CAST(ContractedUnitPrice AS DECIMAL(38,10)) AS line_item_unblended_rate,
      ChargeDescription AS line_item_line_item_description,
      CASE WHEN ChargeCategory = 'Purchase' THEN NULL ELSE list END AS pricing_public_on_demand_cost,
      CAST(ListUnitPrice AS DECIMAL(38,10)) AS pricing_public_on_demand_rate,
      ${caseOf('ConsumedUnit', UNIT, "coalesce(ConsumedUnit, 'Hrs')")} AS pricing_unit,
      CASE WHEN CommitmentDiscountId IS NOT NULL THEN 'Reserved' WHEN PricingCategory = 'Dynamic' THEN NULL ELSE 'OnDemand' END AS pricing_term,
      CASE WHEN ServiceName IN ('Amazon Elastic Compute Cloud', 'Amazon SageMaker') AND ChargeCategory = 'Usage' THEN split_part(SkuId, ':', 2) END AS product_instance_type,
      CommitmentDiscountId AS reservation_reservation_a_r_n,
      CASE WHEN ChargeCategory = 'Usage' AND CommitmentDiscountId IS NOT NULL THEN eff END AS reservation_effective_cost,
      CASE WHEN ChargeCategory = 'Purchase' THEN 0::DECIMAL(38,10) END AS reservation_unused_recurring_fee,
      CASE WHEN ChargeCategory = 'Purchase' THEN 0::DECIMAL(38,10) END AS reservation_unused_amortized_upfront_fee_for_billing_period
    FROM (${staged}) WHERE x_Model IS NULL OR x_Model = ''`;
}

/** One Bedrock line per token kind, usage in thousands of tokens. */
function tokenLines(staged: string): string {
  return `SELECT ${common()}, 'Usage' AS line_item_line_item_type,
      'USE1-' || x_Model || '-' || ${caseOf('kind', TOKEN_USAGE, "''")} AS line_item_usage_type, 'InvokeModel' AS line_item_operation,
      CAST(tokens AS DECIMAL(38,10)) * 0.001 AS line_item_usage_amount, NULL::DECIMAL(38,10) AS line_item_normalized_usage_amount,
      kind_cost AS line_item_unblended_cost, rate_per_1k AS line_item_unblended_rate,
      x_Model || ' ' || kind || ' tokens' AS line_item_line_item_description,
      kind_cost AS pricing_public_on_demand_cost, rate_per_1k AS pricing_public_on_demand_rate, '1K tokens' AS pricing_unit,
      'OnDemand' AS pricing_term, NULL AS product_instance_type, NULL AS reservation_reservation_a_r_n,
      NULL::DECIMAL(38,10) AS reservation_effective_cost, NULL::DECIMAL(38,10) AS reservation_unused_recurring_fee,
      NULL::DECIMAL(38,10) AS reservation_unused_amortized_upfront_fee_for_billing_period
    FROM (${tokenKindRows(staged, 'aws_bedrock')})`;
}

/** COPY statement writing `stagedPath`'s rows to `target` as CUR 2.0 Parquet. */
export function awsCurCopy(stagedPath: string, target: string): string {
  const staged = stagedRows(stagedPath);
  const lines = `${unitLines(staged)} UNION ALL BY NAME ${tokenLines(staged)}`;
  return `COPY (SELECT md5(concat_ws('|', line_item_resource_id, identity_time_interval, line_item_usage_type, line_item_line_item_type)) AS identity_line_item_id, *
    FROM (${lines}))
    TO ${q(target)} (FORMAT parquet, COMPRESSION snappy)`;
}

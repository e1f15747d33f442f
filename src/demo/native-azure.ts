/**
 * The Azure billing account's month as an MCA cost details export, actual
 * cost (CSV, Microsoft's lowerCamel column names, US dates): GPU VMs with
 * their size in additionalInfo.ServiceType and `Spot` meters, ordinary
 * services, and Azure OpenAI as one line per token meter
 * ("gpt-4o Inp glbl Tokens", "… cached Inp …", "… Outp …", per 1K tokens).
 * paygCostInBillingCurrency carries the list cost exactly.
 */
import { caseOf, q, stagedRows, tokenKindRows } from './native-sql.ts';

const UNIT: Record<string, string> = { Hours: '1 Hour', 'TB-Hours': '1 TB/Hour', GB: '1 GB' };
const METER: Record<string, string> = { input: 'Inp glbl Tokens', output: 'Outp glbl Tokens', cached: 'cached Inp glbl Tokens', write: 'cache write Inp glbl Tokens' };

const us = (col: string): string => `strftime(${col}, '%m/%d/%Y')`;

function common(): string {
  return `BillingAccountId AS billingAccountId, BillingAccountName AS billingAccountName,
    ${us('bp0')} AS billingPeriodStartDate, ${us("bp1 - INTERVAL 1 DAY")} AS billingPeriodEndDate,
    BillingAccountId AS billingProfileId, BillingAccountName AS billingProfileName, InvoiceId AS invoiceId,
    SubAccountId AS subscriptionId, SubAccountName AS subscriptionName,
    regexp_extract(ResourceId, '/resourceGroups/([^/]+)', 1) AS resourceGroupName, ${us('t0')} AS date,
    RegionId AS resourceLocation, ResourceId AS ResourceId, ResourceName AS resourceName, 'USD' AS billingCurrency,
    'Microsoft' AS publisherName, 'UsageBased' AS frequency, 'Usage' AS chargeType, tags_json AS tags`;
}

function unitLines(staged: string): string {
  const vm = `ServiceName = 'Virtual Machines'`;
  const vmType = `replace(SkuId, ' Spot', '')`;
  const size = `replace(replace(${vmType}, 'Standard_', ''), '_', ' ')`;
  return `SELECT ${common()},
      ServiceName AS meterCategory, coalesce(ServiceSubcategory, ServiceName) AS meterSubCategory,
      CASE WHEN ${vm} THEN ${size} || CASE WHEN PricingCategory = 'Dynamic' THEN ' Spot' ELSE '' END ELSE SkuId END AS meterName,
      md5(SkuId || coalesce(PricingCategory, '')) AS meterId, ServiceName || ' ' || SkuId AS productName,
      qty AS quantity, ${caseOf('ConsumedUnit', UNIT, 'ConsumedUnit')} AS unitOfMeasure,
      CASE WHEN qty > 0 THEN CAST(billed / qty AS DECIMAL(38,10)) END AS effectivePrice, CAST(ContractedUnitPrice AS DECIMAL(38,10)) AS unitPrice,
      CAST(ListUnitPrice AS DECIMAL(38,10)) AS PayGPrice, billed AS costInBillingCurrency, list AS paygCostInBillingCurrency,
      CASE WHEN PricingCategory = 'Dynamic' THEN 'Spot' ELSE 'OnDemand' END AS pricingModel,
      CASE WHEN ${vm} THEN 'Microsoft.Compute' ELSE 'Microsoft.' || replace(ServiceName, ' ', '') END AS consumedService,
      CASE WHEN ${vm} THEN '{"ServiceType":"' || ${vmType} || '","ImageType":"Canonical","UsageType":"ComputeHR"}' END AS additionalInfo
    FROM (${staged}) WHERE x_Model IS NULL OR x_Model = ''`;
}

function tokenLines(staged: string): string {
  const meter = `x_Model || ' ' || ${caseOf('kind', METER, 'NULL')}`;
  return `SELECT ${common()},
      'Cognitive Services' AS meterCategory, 'Azure OpenAI' AS meterSubCategory, ${meter} AS meterName,
      md5(x_Model || kind) AS meterId, 'Azure OpenAI ' || x_Model AS productName,
      CAST(tokens AS DECIMAL(38,10)) * 0.001 AS quantity, '1K' AS unitOfMeasure,
      rate_per_1k AS effectivePrice, rate_per_1k AS unitPrice, rate_per_1k AS PayGPrice,
      kind_cost AS costInBillingCurrency, kind_cost AS paygCostInBillingCurrency, 'OnDemand' AS pricingModel,
      'Microsoft.CognitiveServices' AS consumedService, NULL AS additionalInfo
    FROM (${tokenKindRows(staged, 'azure_openai')})`;
}

/** COPY statement writing `stagedPath`'s rows to `target` as an MCA actual-cost CSV. */
export function azureCostCopy(stagedPath: string, target: string): string {
  const staged = stagedRows(stagedPath);
  return `COPY (${unitLines(staged)} UNION ALL BY NAME ${tokenLines(staged)}) TO ${q(target)} (FORMAT csv, HEADER true)`;
}

/**
 * What an Azure line is for: service (MeterCategory) and its FOCUS category,
 * region, resource, SKU and units, plus the AI columns: GPU VMs (NC/ND/NV
 * sizes, from AdditionalInfo.ServiceType or the meter name, through the price
 * catalogue) and Azure OpenAI token meters (model and token counts from the
 * meter name and unit of measure, e.g. "gpt-4o-0806-Inp-glbl Tokens", "1K").
 */
import type { ColumnPlan } from '../sql.ts';
import { combine, gpuPlans, plan, pure, q, type Src } from '../bill-sql.ts';
import { AZ, chargeType, need, type AzureHeader } from './columns.ts';

/** FOCUS ServiceCategory by MeterCategory (lower case, as prefixes). */
const CATEGORY: Record<string, readonly string[]> = {
  'AI and Machine Learning': ['azure openai', 'cognitive services', 'azure machine learning', 'machine learning', 'foundry', 'azure ai', 'bot service', 'azure cognitive search'],
  Compute: ['virtual machines', 'cloud services', 'azure app service', 'functions', 'container instances', 'azure kubernetes service', 'batch', 'azure container apps', 'virtual machine licenses'],
  Storage: ['storage', 'backup', 'azure netapp files', 'data box'],
  Databases: ['sql database', 'sql managed instance', 'azure cosmos db', 'azure database for', 'redis cache', 'azure cache for redis', 'sql server'],
  Networking: ['bandwidth', 'virtual network', 'load balancer', 'vpn gateway', 'azure dns', 'azure front door', 'content delivery network', 'network watcher', 'application gateway', 'expressroute', 'azure firewall', 'ip addresses', 'nat gateway', 'azure bastion', 'private link'],
  Analytics: ['azure synapse analytics', 'azure data factory', 'hdinsight', 'azure databricks', 'azure data explorer', 'event hubs', 'stream analytics', 'microsoft fabric', 'power bi'],
  'Management and Governance': ['log analytics', 'azure monitor', 'insight and analytics', 'automation', 'azure arc', 'advanced threat protection'],
  Security: ['key vault', 'security center', 'microsoft defender', 'azure defender', 'sentinel'],
  Integration: ['service bus', 'logic apps', 'api management', 'event grid', 'notification hubs'],
  Identity: ['azure active directory', 'microsoft entra'],
};

function serviceCategory(meterCategory: string): string {
  const whens = Object.entries(CATEGORY).flatMap(([cat, prefixes]) => prefixes.map((p) => `WHEN starts_with(${meterCategory}, ${q(p)}) THEN ${q(cat)}`));
  return `CASE WHEN ${meterCategory} IS NULL THEN 'Other' ${whens.join(' ')} ELSE 'Other' END`;
}

/** AdditionalInfo as JSON (NULL when absent or malformed: it is descriptive only). */
function additional(a: AzureHeader): string {
  const s = a.h.str('additionalinfo');
  return `CASE WHEN json_valid(${s}) THEN ${s} END`;
}

/** Hours in one unit of measure: "1 Hour" → 1, "10 Hours" → 10, "100 Hours" → 100; NULL when the unit is not time. */
function hoursPerUnit(unit: string): string {
  return `CASE WHEN regexp_matches(lower(${unit}), 'hour') THEN coalesce(TRY_CAST(nullif(regexp_extract(${unit}, '^\\s*(\\d+)', 1), '') AS INTEGER), 1) END`;
}

function gpu(a: AzureHeader, meterCategory: string, quantity: Src): ColumnPlan[] {
  const h = a.h;
  const info = additional(a);
  const fromInfo = `json_extract_string(${info}, '$.ServiceType')`;
  const meter = `regexp_replace(coalesce(${h.str('metername')}, ''), '\\s+(Spot|Low Priority)$', '', 'i')`;
  const fromMeter = `CASE WHEN regexp_matches(${meter}, '^N[CDV]\\d') THEN 'Standard_' || replace(${meter}, ' ', '_') END`;
  const size = `coalesce(${fromInfo}, ${fromMeter})`;
  const unit = h.str('unitofmeasure');
  const perUnit = h.has('unitofmeasure') ? hoursPerUnit(unit) : `CASE WHEN regexp_matches(lower(coalesce(${h.str('metername')}, '')), 'hour') OR ${h.str('metersubcategory')} IS NOT NULL THEN 1 END`;
  const hours = combine([quantity], (x) => `CASE WHEN ${meterCategory} = 'virtual machines' AND coalesce(${chargeType(a)}, 'usage') = 'usage' THEN CAST(${x} * ${perUnit} AS DECIMAL(38,12)) END`);
  return gpuPlans('azure', size, hours);
}

function openAi(a: AzureHeader, meterCategory: string, quantity: Src): ColumnPlan[] {
  const h = a.h;
  const meter = `coalesce(${h.str('metername')}, '')`;
  const sub = `lower(coalesce(${h.str(...AZ.meterSubcategory)}, ''))`;
  const isLlm = `((${sub} LIKE '%openai%' OR ${meterCategory} LIKE '%openai%' OR ${meterCategory} LIKE 'foundry%' OR ${sub} LIKE '%foundry%') AND regexp_matches(${meter}, '(?i)token'))`;
  const kind = `regexp_extract(${meter}, '(?i)[\\s_-]((?:cached|cchd|cache)[\\s_-]+)?(input|inp|output|outp|in|out)\\b', 0)`;
  const model = `lower(regexp_replace(trim(regexp_extract(${meter}, '^(.*?)(?:[\\s_-]+(?:cached|cchd|cache))?[\\s_-]+(?:input|inp|output|outp|in|out)\\b', 1, 'i')), '\\s+', '-', 'g'))`;
  const unit = `lower(coalesce(${h.str('unitofmeasure')}, ''))`;
  const scale = `CASE WHEN regexp_matches(${unit}, '1\\s*m|million') THEN 1000000 WHEN regexp_matches(${unit}, '1\\s*k|thousand|1,000') THEN 1000 ELSE 1 END`;
  const tokens = (when: string): Src => combine([quantity], (x) => `CASE WHEN ${isLlm} AND ${when} THEN CAST(round(${x} * ${scale}) AS BIGINT) END`);
  const cached = `regexp_matches(lower(${kind}), 'cached|cchd|cache')`;
  const isIn = `regexp_matches(lower(${kind}), 'in')`;
  const isOut = `regexp_matches(lower(${kind}), 'out')`;
  return [
    plan('x_Model', pure(`CASE WHEN ${isLlm} THEN nullif(${model}, '') END`)),
    plan('x_InputTokens', tokens(`${isIn} AND NOT ${cached}`)),
    plan('x_CachedInputTokens', tokens(`${isIn} AND ${cached}`)),
    plan('x_OutputTokens', tokens(isOut)),
    plan('x_WorkloadKind', pure(`CASE WHEN ${isLlm} THEN 'inference' END`)),
  ];
}

export function azureDetailPlans(a: AzureHeader): ColumnPlan[] {
  const h = a.h;
  const meterCategory = `lower(${h.str('metercategory')})`;
  const quantity = h.dec(...AZ.quantity);
  const resourceId = h.str(...AZ.resourceId);
  const location = h.str(...AZ.location);
  const resourceType = `coalesce(${h.str('resourcetype')}, nullif(regexp_extract(${resourceId}, '(?i)/providers/([^/]+/[^/]+)', 1), ''))`;
  return [
    plan('ServiceName', pure(`coalesce(${h.str('metercategory')}, ${h.str('servicename')}, ${h.str('consumedservice')})`)),
    plan('ServiceCategory', pure(serviceCategory(meterCategory))),
    plan('ServiceSubcategory', pure(h.str(...AZ.meterSubcategory))),
    plan('RegionId', pure(`lower(replace(${location}, ' ', ''))`)),
    plan('RegionName', pure(`coalesce(${h.str('meterregion')}, ${location})`)),
    plan('AvailabilityZone', pure(h.str('availabilityzone'))),
    plan('ResourceId', pure(resourceId)),
    plan('ResourceName', pure(`coalesce(${h.str('resourcename')}, nullif(regexp_extract(${resourceId}, '([^/]+)$', 1), ''))`)),
    plan('ResourceType', pure(resourceType)),
    plan('SkuId', pure(h.str(...AZ.sku))),
    plan('SkuPriceId', pure(h.str('meterid'))),
    plan('SkuMeter', pure(h.str('metername'))),
    plan('ChargeDescription', pure(`coalesce(${h.str(...AZ.product)}, ${h.str('metername')})`)),
    plan('PricingUnit', pure(h.str('unitofmeasure'))),
    plan('ConsumedUnit', pure(`CASE WHEN coalesce(${chargeType(a)}, 'usage') = 'usage' THEN ${h.str('unitofmeasure')} END`)),
    ...(need(h, AZ.quantity) ? gpu(a, meterCategory, quantity) : []),
    ...(need(h, AZ.quantity) ? openAi(a, meterCategory, quantity) : []),
  ];
}

/**
 * What a Google Cloud export row is for: charge category and pricing from
 * cost_type, SKU and credit types; service and its FOCUS category; location,
 * resource, SKU and quantities; and the AI columns:
 * - GPUs: GPU SKUs ("Nvidia Tesla T4 GPU running in Americas", Vertex AI
 *   "… on Nvidia H100 …") meter GPU time directly, so their usage is the
 *   GPU-hours; VM lines of GPU machine types (a2/a3/g2, from the
 *   compute.googleapis.com/machine_spec system label) get the GPU model and
 *   count from the price catalogue but no GPU-hours, so they are not counted twice;
 * - LLM lines (Vertex AI, Gemini API): model and token counts from the SKU.
 */
import type { ColumnPlan } from '../sql.ts';
import { catalogueGpuModelSql } from '../../pricing/index.ts';
import { combine, decimalOf, gpuCatalogueMap, plan, pure, q, type Src } from '../bill-sql.ts';
import type { GcpHeader } from './columns.ts';
import { creditTypes, labelValue } from './repeated.ts';

/** FOCUS ServiceCategory by service.description (lower case, prefixes). */
const CATEGORY: Record<string, readonly string[]> = {
  'AI and Machine Learning': ['vertex ai', 'generative language api', 'gemini', 'cloud ai platform', 'ai platform', 'cloud vision', 'cloud speech', 'cloud translation',
    'cloud natural language', 'document ai', 'dialogflow', 'cloud text-to-speech', 'speech-to-text', 'notebooks', 'automl'],
  Compute: ['compute engine', 'kubernetes engine', 'cloud run', 'cloud functions', 'app engine', 'batch', 'google cloud vmware engine'],
  Storage: ['cloud storage', 'filestore', 'persistent disk', 'backup and dr'],
  Databases: ['cloud sql', 'cloud spanner', 'cloud bigtable', 'firestore', 'cloud firestore', 'cloud memorystore', 'memorystore', 'alloydb', 'datastore'],
  Analytics: ['bigquery', 'dataflow', 'cloud dataproc', 'dataproc', 'cloud composer', 'looker', 'cloud data fusion', 'dataplex', 'cloud pub/sub lite'],
  Networking: ['networking', 'cloud dns', 'cloud load balancing', 'cloud cdn', 'cloud nat', 'network', 'cloud interconnect', 'cloud vpn', 'cloud armor'],
  'Management and Governance': ['cloud logging', 'stackdriver', 'cloud monitoring', 'cloud trace', 'operations', 'cloud asset inventory'],
  Security: ['security command center', 'secret manager', 'cloud key management service', 'cloud kms', 'identity-aware proxy', 'recaptcha'],
  Integration: ['cloud pub/sub', 'pub/sub', 'cloud tasks', 'cloud scheduler', 'workflows', 'eventarc', 'apigee', 'api gateway'],
  'Developer Tools': ['cloud build', 'artifact registry', 'container registry', 'cloud source repositories', 'cloud deploy'],
};

function serviceCategory(desc: string): string {
  const whens = Object.entries(CATEGORY).flatMap(([cat, ps]) => ps.map((p) => `WHEN starts_with(${desc}, ${q(p)}) THEN ${q(cat)}`));
  return `CASE WHEN ${desc} IS NULL THEN 'Other' ${whens.join(' ')} ELSE 'Other' END`;
}

function gpuPlansGcp(g: GcpHeader, sku: string, usage: Src): ColumnPlan[] {
  const unit = `lower(coalesce(${g.field(['usage', 'unit'])}, ''))`;
  const isGpuSku = `(regexp_matches(${sku}, '(?i)\\b(nvidia|gpu)\\b') AND NOT regexp_matches(${sku}, '(?i)commitment|reserv'))`;
  const spec = g.has(['system_labels']) ? labelValue(g.field(['system_labels']), 'compute.googleapis.com/machine_spec') : 'NULL';
  const hit = `(${gpuCatalogueMap('gcp')}[lower(${spec})])`;
  const hours = combine([usage], (u) => `CASE WHEN ${isGpuSku} THEN CASE WHEN ${unit} IN ('seconds', 's') THEN CAST(${u} / 3600 AS DECIMAL(38,12))
    WHEN ${unit} IN ('hour', 'hours', 'h') THEN ${u} END END`);
  return [
    plan('x_GpuModel', pure(`CASE WHEN ${isGpuSku} THEN coalesce(${catalogueGpuModelSql(sku)}, ${hit}.m) ELSE ${hit}.m END`)),
    plan('x_GpuCount', pure(`${hit}.n`)),
    plan('x_GpuHours', hours),
  ];
}

function llmPlans(g: GcpHeader, service: string, sku: string, usage: Src): ColumnPlan[] {
  const s = `lower(coalesce(${sku}, ''))`;
  const isLlm = `((starts_with(${service}, 'vertex ai') OR starts_with(${service}, 'generative language') OR starts_with(${service}, 'gemini'))
    AND regexp_matches(${s}, 'token') AND NOT regexp_matches(lower(coalesce(${g.field(['usage', 'unit'])}, '')), 'char'))`;
  const model = `nullif(regexp_replace(regexp_extract(${s}, '(gemini[ -]\\d(?:\\.\\d)?[ -](?:pro|flash[ -]lite|flash|ultra|nano)|gemini[ -]pro|claude[ -]\\d(?:[.-]\\d)?[ -](?:opus|sonnet|haiku)|claude[ -](?:opus|sonnet|haiku)[ -]\\d(?:[.-]\\d)?|llama[ -]?\\d(?:\\.\\d)?|text-embedding-[a-z0-9-]+|gemma[ -]?\\d?)', 1), '\\s+', '-', 'g'), '')`;
  const tokens = (when: string): Src => combine([usage], (u) => `CASE WHEN ${isLlm} AND ${when} THEN CAST(round(${u}) AS BIGINT) END`);
  const cached = `regexp_matches(${s}, 'cach')`;
  return [
    plan('x_Model', pure(`CASE WHEN ${isLlm} THEN ${model} END`)),
    plan('x_InputTokens', tokens(`regexp_matches(${s}, 'input') AND NOT ${cached}`)),
    plan('x_CachedInputTokens', tokens(`regexp_matches(${s}, 'input') AND ${cached}`)),
    plan('x_OutputTokens', tokens(`regexp_matches(${s}, 'output')`)),
    plan('x_WorkloadKind', pure(`CASE WHEN ${isLlm} THEN 'inference' WHEN starts_with(${service}, 'vertex ai') THEN CASE
      WHEN regexp_matches(${s}, 'training') THEN 'training' WHEN regexp_matches(${s}, 'prediction|endpoint') THEN 'inference'
      WHEN regexp_matches(${s}, 'notebook|workbench') THEN 'notebook' END END`)),
  ];
}

function chargePlans(g: GcpHeader, sku: string): ColumnPlan[] {
  const ct = `lower(coalesce(${g.field(['cost_type'])}, 'regular'))`;
  const isCommitmentFee = `regexp_matches(coalesce(${sku}, ''), '(?i)^commitment')`;
  const types = g.has(['credits']) ? creditTypes(g.field(['credits'])) : '[]::VARCHAR[]';
  const cud = `list_filter(${types}, t -> starts_with(upper(t), 'COMMITTED_USAGE_DISCOUNT'))[1]`;
  const category = `CASE WHEN ${ct} = 'tax' THEN 'Tax' WHEN ${ct} IN ('adjustment', 'rounding_error', 'rounding error') THEN 'Adjustment'
    WHEN ${isCommitmentFee} THEN 'Purchase' ELSE 'Usage' END`;
  // FOCUS 1.2: a Purchase has a PricingCategory, and a commitment's own fee is Standard (Committed
  // is for charges the commitment covers, "not the purchase" of it); tax and adjustments have none.
  const pricing = `CASE WHEN ${ct} <> 'regular' THEN NULL WHEN ${isCommitmentFee} THEN 'Standard' WHEN ${cud} IS NOT NULL THEN 'Committed'
    WHEN regexp_matches(coalesce(${sku}, ''), '(?i)preemptible|\\bspot\\b') THEN 'Dynamic' ELSE 'Standard' END`;
  return [
    plan('ChargeCategory', pure(category)),
    plan('ChargeClass', pure(`CASE WHEN ${ct} = 'adjustment' THEN 'Correction' END`)),
    plan('ChargeFrequency', pure(`CASE WHEN ${isCommitmentFee} THEN 'Recurring' ELSE 'Usage-Based' END`)),
    plan('PricingCategory', pure(pricing)),
    plan('CommitmentDiscountCategory', pure(`CASE WHEN upper(${cud}) LIKE '%DOLLAR_BASE' THEN 'Spend' WHEN ${cud} IS NOT NULL THEN 'Usage' END`)),
    plan('CommitmentDiscountType', pure(`CASE WHEN ${cud} IS NOT NULL THEN 'Committed Use Discount' END`)),
    plan('CommitmentDiscountStatus', pure(`CASE WHEN ${cud} IS NOT NULL THEN 'Used' END`)),
  ];
}

export function gcpDetailPlans(g: GcpHeader): ColumnPlan[] {
  const sku = g.field(['sku', 'description']);
  const service = `lower(${g.field(['service', 'description'])})`;
  const quantity = (path: string[]): Src => decimalOf(g.fieldName(path), g.field(path));
  const usage = quantity(['usage', 'amount']);
  return [
    ...chargePlans(g, sku),
    plan('ServiceName', pure(g.field(['service', 'description']))),
    plan('ServiceCategory', pure(serviceCategory(service))),
    plan('RegionId', pure(g.field(['location', 'region']))),
    plan('RegionName', pure(g.field(['location', 'location']))),
    plan('AvailabilityZone', pure(g.field(['location', 'zone']))),
    plan('ResourceId', pure(`coalesce(${g.field(['resource', 'global_name'])}, ${g.field(['resource', 'name'])})`)),
    plan('ResourceName', pure(g.field(['resource', 'name']))),
    plan('SkuId', pure(g.field(['sku', 'id']))),
    plan('SkuMeter', pure(sku)),
    plan('ChargeDescription', pure(sku)),
    plan('ConsumedQuantity', quantity(['usage', 'amount'])),
    plan('ConsumedUnit', pure(g.field(['usage', 'unit']))),
    plan('PricingQuantity', quantity(['usage', 'amount_in_pricing_units'])),
    plan('PricingUnit', pure(g.field(['usage', 'pricing_unit']))),
    ...gpuPlansGcp(g, sku, usage),
    ...llmPlans(g, service, sku, usage),
  ];
}

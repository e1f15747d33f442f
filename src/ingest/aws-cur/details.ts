/**
 * What a CUR line is for: service and its FOCUS category, region, resource,
 * SKU, quantities, and the AI columns: GPU instances (EC2 and SageMaker
 * instance hours, recognised through the price catalogue) and Bedrock token
 * lines (model and token counts from the usage type and pricing unit).
 */
import type { ColumnPlan } from '../sql.ts';
import { combine, decimalOf, gpuPlans, plan, pure, q, tagsSrc, type Src } from '../bill-sql.ts';
import type { CurHeader } from './columns.ts';

/** FOCUS ServiceCategory by CUR product code (line_item_product_code). */
const CATEGORY: Record<string, readonly string[]> = {
  'AI and Machine Learning': ['AmazonSageMaker', 'AmazonBedrock', 'AmazonBedrockService', 'AmazonComprehend', 'AmazonRekognition', 'AmazonTextract', 'AmazonPolly',
    'transcribe', 'AmazonTranscribe', 'translate', 'AmazonTranslate', 'AmazonKendra', 'AmazonQ', 'AmazonLex', 'AmazonPersonalize', 'AmazonForecast'],
  Compute: ['AmazonEC2', 'AWSLambda', 'AmazonECS', 'AmazonEKS', 'AmazonECR', 'AmazonLightsail', 'AWSBatch', 'AWSOutposts', 'AmazonAppStream', 'AmazonWorkSpaces'],
  Storage: ['AmazonS3', 'AmazonEFS', 'AmazonFSx', 'AmazonGlacier', 'AWSBackup', 'AWSStorageGateway', 'AmazonS3GlacierDeepArchive'],
  Databases: ['AmazonRDS', 'AmazonDynamoDB', 'AmazonElastiCache', 'AmazonDocDB', 'AmazonNeptune', 'AmazonMemoryDB', 'AmazonTimestream', 'AmazonKeyspaces'],
  Analytics: ['AmazonAthena', 'AWSGlue', 'ElasticMapReduce', 'AmazonQuickSight', 'AmazonKinesis', 'AmazonKinesisFirehose', 'AmazonRedshift', 'AmazonES', 'AmazonOpenSearchService', 'AmazonMSK'],
  Networking: ['AmazonVPC', 'AmazonCloudFront', 'AmazonRoute53', 'AWSDataTransfer', 'AWSELB', 'AWSDirectConnect', 'AWSGlobalAccelerator', 'AWSTransitGateway'],
  Web: ['AmazonApiGateway', 'AWSAmplify'],
  'Management and Governance': ['AmazonCloudWatch', 'AWSCloudTrail', 'AWSConfig', 'AWSSystemsManager', 'AWSCostExplorer', 'AWSCloudFormation', 'AWSSupportBusiness', 'AWSSupportEnterprise', 'AWSDeveloperSupport'],
  Security: ['awskms', 'AWSSecretsManager', 'AmazonGuardDuty', 'awswaf', 'AWSShield', 'AmazonInspector', 'AWSSecurityHub', 'AWSCertificateManager', 'AmazonMacie'],
  Integration: ['AmazonSNS', 'AWSQueueService', 'AmazonSQS', 'AWSEvents', 'AmazonStates', 'AmazonMQ', 'AmazonSES'],
  'Developer Tools': ['AWSCodeBuild', 'AWSCodePipeline', 'AWSCodeCommit', 'AWSCodeArtifact', 'AWSCodeDeploy', 'AWSXRay'],
  Identity: ['AmazonCognito', 'AWSDirectoryService'],
};

const categoryMap = `MAP {${Object.entries(CATEGORY).flatMap(([cat, codes]) => codes.map((code) => `${q(code.toLowerCase())}: ${q(cat)}`)).join(', ')}}`;

/** Instance type of a line: product_instance_type, else from the usage type (`USE1-BoxUsage:p5.48xlarge`, `USW2-Train:ml.p4d.24xlarge`). */
function instanceType(c: CurHeader): string {
  const fromUsage = `nullif(regexp_extract(${c.h.str('line_item_usage_type')}, ':(?:ml\\.)?([a-z][a-z0-9-]*\\.[a-z0-9-]+)$', 1), '')`;
  return `regexp_replace(lower(coalesce(${c.h.str('product_instance_type')}, ${fromUsage})), '^ml\\.', '')`;
}

/** Usage amount when the line is instance time (hours of an instance running), else NULL. */
function instanceHours(c: CurHeader, t: string, usage: Src): Src {
  const unit = `lower(coalesce(${c.h.str('pricing_unit')}, ''))`;
  const ut = c.h.str('line_item_usage_type');
  const isTime = `(${unit} IN ('hrs', 'hours', 'hour') OR regexp_matches(coalesce(${ut}, ''), '(BoxUsage|SpotUsage|DedicatedUsage|HostUsage|Train|Notebk|Host|Processing|Studio)[^:]*:'))`;
  return combine([usage], (u) => `CASE WHEN ${t} IN ('usage', 'discountedusage', 'savingsplancoveredusage') AND ${isTime} THEN ${u} END`);
}

/**
 * Which token meter a Bedrock line is ('in', 'out', 'cache-read', 'cache-write'),
 * NULL for every other line: one helper column per row, so the five LLM
 * columns below test a short string instead of re-running the regexps.
 */
export function bedrockKind(c: CurHeader, t: string): string {
  const ut = `coalesce(${c.h.str('line_item_usage_type')}, '')`;
  const isBedrock = `(lower(coalesce(${c.h.str('line_item_product_code')}, '')) LIKE 'amazonbedrock%' OR coalesce(${c.h.str('product_product_name')}, '') LIKE '%Amazon Bedrock%')`;
  return `CASE WHEN ${isBedrock} THEN CASE
    WHEN NOT regexp_matches(${ut}, '(?i)token') THEN 'other'
    WHEN ${t} NOT IN ('usage', 'savingsplancoveredusage', 'discountedusage') THEN 'other'
    WHEN regexp_matches(${ut}, '(?i)cache[-_ ]?read') THEN 'cache-read'
    WHEN regexp_matches(${ut}, '(?i)cache[-_ ]?write') THEN 'cache-write'
    WHEN regexp_matches(${ut}, '(?i)input[-_ ]?token') THEN 'in'
    WHEN regexp_matches(${ut}, '(?i)output[-_ ]?token') THEN 'out'
    ELSE 'other' END END`;
}

function bedrockPlans(c: CurHeader, usage: Src): ColumnPlan[] {
  const kind = '"__llm"';
  const ut = `coalesce(${c.h.str('line_item_usage_type')}, '')`;
  const name = c.h.str('product_product_name');
  const fromUsage = `nullif(regexp_extract(${ut}, '^(?:[A-Z]{2,4}\\d?-)?(.+?)-(?:cache-read-|cache-write-)?(?:input|output)-tokens?', 1), '')`;
  const fromProduct = `nullif(trim(regexp_replace(coalesce(${name}, ''), '\\s*\\(Amazon Bedrock Edition\\)', '')), '')`;
  const unit = `lower(coalesce(${c.h.str('pricing_unit')}, ''))`;
  const scale = `CASE WHEN regexp_matches(${unit}, '1\\s*m|million') THEN 1000000 WHEN regexp_matches(${unit}, '1\\s*k|thousand|1,000') THEN 1000 ELSE 1 END`;
  const tokens = (k: string): Src => combine([usage], (u) => `CASE WHEN ${kind} = ${q(k)} THEN CAST(round(${u} * ${scale}) AS BIGINT) END`);
  return [
    plan('x_Model', pure(`CASE WHEN ${kind} IS NOT NULL THEN coalesce(${fromUsage}, ${fromProduct}) END`)),
    plan('x_InputTokens', tokens('in')),
    plan('x_OutputTokens', tokens('out')),
    plan('x_CachedInputTokens', tokens('cache-read')),
    plan('x_CacheWriteTokens', tokens('cache-write')),
  ];
}

function workloadKind(c: CurHeader): string {
  const ut = `coalesce(${c.h.str('line_item_usage_type')}, '')`;
  const code = `lower(coalesce(${c.h.str('line_item_product_code')}, ''))`;
  return `CASE WHEN ${code} LIKE 'amazonbedrock%' THEN 'inference'
    WHEN ${code} = 'amazonsagemaker' AND regexp_matches(${ut}, 'Train') THEN 'training'
    WHEN ${code} = 'amazonsagemaker' AND regexp_matches(${ut}, 'Notebk|Studio') THEN 'notebook'
    WHEN ${code} = 'amazonsagemaker' AND regexp_matches(${ut}, 'Host|Inference') THEN 'inference'
    WHEN ${code} = 'amazonsagemaker' AND regexp_matches(${ut}, 'Processing|Batch') THEN 'batch' END`;
}

export function curDetailPlans(c: CurHeader, t: string): ColumnPlan[] {
  const h = c.h;
  const code = h.str('line_item_product_code');
  const productMap = h.col('product');
  const fromMap = (key: string): string => (productMap ? `json_extract_string(${h.str('product')}, ${q(`$.${key}`)})` : 'NULL');
  const usage = h.dec('line_item_usage_amount');
  const service = `coalesce(${h.str('product_product_name')}, ${fromMap('product_name')}, ${h.str('product_servicename')}, ${code})`;
  const region = `coalesce(${h.str('product_region_code')}, ${fromMap('region_code')}, CASE WHEN regexp_matches(coalesce(${h.str('product_region')}, ''), '^[a-z]{2}(-gov)?-[a-z]+-\\d$') THEN ${h.str('product_region')} END)`;
  const productDetails: Src = productMap ? tagsSrc(productMap.name, h.str('product')) : pure('NULL');
  const normalized = h.first('line_item_normalized_usage_amount') ? decimalOf(h.first('line_item_normalized_usage_amount')?.name ?? '', h.str('line_item_normalized_usage_amount')) : pure('NULL');
  return [
    plan('ServiceName', pure(service)),
    plan('ServiceCategory', pure(`coalesce(${categoryMap}[lower(${code})], CASE WHEN ${t} = 'tax' THEN 'Other' END, 'Other')`)),
    plan('RegionId', pure(region)),
    plan('RegionName', pure(`coalesce(${h.str('product_location')}, ${fromMap('location')})`)),
    plan('AvailabilityZone', pure(h.str('line_item_availability_zone'))),
    plan('ResourceId', pure(h.str('line_item_resource_id'))),
    plan('ResourceType', pure(`coalesce(${h.str('product_product_family')}, ${fromMap('product_family')})`)),
    plan('SkuId', pure(h.str('product_sku'))),
    plan('SkuPriceId', pure(h.str('pricing_rate_id', 'pricing_rate_code'))),
    plan('SkuMeter', pure(h.str('line_item_usage_type'))),
    plan('SkuPriceDetails', productDetails),
    plan('ConsumedQuantity', combine([usage], (u) => `CASE WHEN ${t} IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN ${u} END`)),
    plan('ConsumedUnit', pure(`CASE WHEN ${t} IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN coalesce(${h.str('pricing_unit')}, ${fromMap('pricing_unit')}) END`)),
    plan('PricingQuantity', usage),
    plan('PricingUnit', pure(`coalesce(${h.str('pricing_unit')}, ${fromMap('pricing_unit')})`)),
    plan('CommitmentDiscountQuantity', combine([normalized], (n) => `CASE WHEN ${t} = 'discountedusage' THEN ${n} END`)),
    ...gpuPlans('aws', instanceType(c), instanceHours(c, t, usage)),
    ...bedrockPlans(c, usage),
    plan('x_WorkloadKind', pure(workloadKind(c))),
  ];
}

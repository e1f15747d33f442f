/**
 * Who bills the demo organisation: one billing account per provider, the
 * FOCUS names each uses, and the GPU instance types, services and LLM offerings
 * the fleet is drawn from. GPU and token prices come from the price catalogue;
 * the few non-GPU services carry illustrative list prices stated here.
 */
import type { PricingModel } from '../pricing/index.ts';
import type { ActivityKind } from './calendar.ts';

export const PROVIDER_SLUGS = ['aws', 'azure', 'gcp', 'on-premises', 'openai', 'anthropic'] as const;
export type ProviderSlug = (typeof PROVIDER_SLUGS)[number];

export interface BillingProvider {
  readonly slug: ProviderSlug;
  /** FOCUS ProviderName / PublisherName / InvoiceIssuerName. */
  readonly providerName: string;
  readonly publisherName: string;
  readonly invoiceIssuer: string;
  readonly billingAccountId: string;
  readonly billingAccountName: string;
  readonly billingAccountType: string;
  readonly subAccountType: string;
  readonly regionId: string | null;
  readonly regionName: string | null;
  /** Provider key of GPU rows in the price catalogue. */
  readonly catalogue: string | null;
}

export const PROVIDERS: Readonly<Record<ProviderSlug, BillingProvider>> = {
  aws: { slug: 'aws', providerName: 'AWS', publisherName: 'Amazon Web Services', invoiceIssuer: 'Amazon Web Services, Inc.', billingAccountId: '483920175512', billingAccountName: 'Outlay Demo Corp', billingAccountType: 'Management Account', subAccountType: 'Member Account', regionId: 'us-east-1', regionName: 'US East (N. Virginia)', catalogue: 'aws' },
  azure: { slug: 'azure', providerName: 'Microsoft', publisherName: 'Microsoft', invoiceIssuer: 'Microsoft', billingAccountId: '7d1f4a2e-93b8-4c57-a0e1-2b6f58c9d310', billingAccountName: 'Outlay Demo Corp EA', billingAccountType: 'Billing Profile', subAccountType: 'Subscription', regionId: 'eastus', regionName: 'East US', catalogue: 'azure' },
  gcp: { slug: 'gcp', providerName: 'Google Cloud', publisherName: 'Google Cloud', invoiceIssuer: 'Google LLC', billingAccountId: '01A7C3-5E9B2D-F4816A', billingAccountName: 'Outlay Demo Corp', billingAccountType: 'Billing Account', subAccountType: 'Project', regionId: 'us-central1', regionName: 'Iowa', catalogue: 'gcp' },
  'on-premises': { slug: 'on-premises', providerName: 'On-Premises', publisherName: 'NVIDIA', invoiceIssuer: 'Outlay Demo Corp Finance', billingAccountId: 'dc1-gpu-cluster', billingAccountName: 'DC1 GPU cluster (internal chargeback)', billingAccountType: 'Internal', subAccountType: 'Kubernetes Cluster', regionId: 'dc1', regionName: 'Ashburn DC1 (owned)', catalogue: null },
  openai: { slug: 'openai', providerName: 'OpenAI', publisherName: 'OpenAI', invoiceIssuer: 'OpenAI, LLC', billingAccountId: 'org-4XkQ9mT2vLw8Rz1nBc6HdE0s', billingAccountName: 'Outlay Demo Corp', billingAccountType: 'Organization', subAccountType: 'Project', regionId: null, regionName: null, catalogue: null },
  anthropic: { slug: 'anthropic', providerName: 'Anthropic', publisherName: 'Anthropic', invoiceIssuer: 'Anthropic, PBC', billingAccountId: 'a7c2e9f0-51d8-4b3e-9a64-0d2f8e1b7c55', billingAccountName: 'Outlay Demo Corp', billingAccountType: 'Organization', subAccountType: 'Workspace', regionId: null, regionName: null, catalogue: null },
};

/** A GPU instance choice: catalogue type, the pricing models it is bought under, and its usage pattern. */
export interface GpuChoice {
  readonly provider: 'aws' | 'azure' | 'gcp';
  readonly instanceType: string;
  readonly models: readonly PricingModel[];
  readonly pattern: GpuPattern;
  readonly weight: number;
}
export type GpuPattern = 'serving' | 'training' | 'interactive' | 'pool';

export const GPU_CHOICES: readonly GpuChoice[] = [
  { provider: 'aws', instanceType: 'p5.48xlarge', models: ['on_demand', 'spot', 'commit_3y'], pattern: 'training', weight: 2 },
  { provider: 'aws', instanceType: 'p4d.24xlarge', models: ['on_demand', 'spot', 'commit_1y'], pattern: 'training', weight: 3 },
  { provider: 'aws', instanceType: 'g5.xlarge', models: ['on_demand', 'spot'], pattern: 'interactive', weight: 6 },
  { provider: 'aws', instanceType: 'g5.2xlarge', models: ['on_demand', 'commit_1y'], pattern: 'serving', weight: 6 },
  { provider: 'aws', instanceType: 'g5.12xlarge', models: ['on_demand', 'spot'], pattern: 'pool', weight: 4 },
  { provider: 'aws', instanceType: 'g6.xlarge', models: ['on_demand', 'commit_1y', 'spot'], pattern: 'serving', weight: 6 },
  { provider: 'aws', instanceType: 'g6.12xlarge', models: ['on_demand'], pattern: 'pool', weight: 3 },
  { provider: 'azure', instanceType: 'Standard_ND96amsr_A100_v4', models: ['on_demand', 'spot'], pattern: 'training', weight: 1.5 },
  { provider: 'azure', instanceType: 'Standard_ND96isr_H100_v5', models: ['on_demand'], pattern: 'training', weight: 0.8 },
  { provider: 'azure', instanceType: 'Standard_NC24ads_A100_v4', models: ['on_demand', 'spot'], pattern: 'serving', weight: 3 },
  { provider: 'azure', instanceType: 'Standard_NC4as_T4_v3', models: ['on_demand'], pattern: 'interactive', weight: 4 },
  { provider: 'azure', instanceType: 'Standard_NC40ads_H100_v5', models: ['on_demand'], pattern: 'pool', weight: 1.5 },
  { provider: 'gcp', instanceType: 'a3-highgpu-8g', models: ['on_demand', 'spot', 'commit_1y'], pattern: 'training', weight: 1 },
  { provider: 'gcp', instanceType: 'a2-highgpu-8g', models: ['on_demand', 'spot'], pattern: 'training', weight: 1.5 },
  { provider: 'gcp', instanceType: 'a2-highgpu-1g', models: ['on_demand', 'spot'], pattern: 'interactive', weight: 3 },
  { provider: 'gcp', instanceType: 'g2-standard-8', models: ['on_demand', 'commit_1y'], pattern: 'serving', weight: 4 },
  { provider: 'gcp', instanceType: 'g2-standard-24', models: ['on_demand', 'spot'], pattern: 'pool', weight: 3 },
];

/** FOCUS service of GPU VMs per cloud. */
export const GPU_SERVICE: Readonly<Record<'aws' | 'azure' | 'gcp', string>> = { aws: 'Amazon Elastic Compute Cloud', azure: 'Virtual Machines', gcp: 'Compute Engine' };

/** An ordinary cloud service with an illustrative public list price (not from the catalogue). */
export interface ServiceChoice {
  readonly provider: 'aws' | 'azure' | 'gcp';
  readonly serviceName: string;
  readonly category: string;
  readonly subcategory: string;
  readonly resourceType: string;
  /** USD per unit, ≤ 6 decimals. */
  readonly unitPrice: string;
  readonly unit: string;
  readonly sku: string;
  readonly activity: ActivityKind;
  /** Typical units per day for one resource (range). */
  readonly perDay: readonly [number, number];
  readonly weight: number;
  /** GPU model/count when the service is billed per GPU instance-hour (SageMaker). */
  readonly gpu?: { readonly instanceType: string };
}

export const SERVICE_CHOICES: readonly ServiceChoice[] = [
  // $23 per TB-month S3 Standard ÷ 730 h.
  { provider: 'aws', serviceName: 'Amazon Simple Storage Service', category: 'Storage', subcategory: 'Object Storage', resourceType: 'Bucket', unitPrice: '0.031507', unit: 'TB-Hours', sku: 'TimedStorage-ByteHrs', activity: 'flat', perDay: [240, 7200], weight: 6 },
  { provider: 'aws', serviceName: 'AWS Data Transfer', category: 'Networking', subcategory: 'Network Infrastructure', resourceType: 'Data Transfer', unitPrice: '0.09', unit: 'GB', sku: 'DataTransfer-Out-Bytes', activity: 'serving', perDay: [200, 4000], weight: 4 },
  { provider: 'aws', serviceName: 'Amazon Relational Database Service', category: 'Databases', subcategory: 'Relational Databases', resourceType: 'DB Instance', unitPrice: '0.899', unit: 'Hours', sku: 'InstanceUsage:db.r6g.2xl', activity: 'flat', perDay: [24, 72], weight: 3 },
  { provider: 'aws', serviceName: 'Amazon Elastic Compute Cloud', category: 'Compute', subcategory: 'Virtual Machines', resourceType: 'Virtual Machine', unitPrice: '0.768', unit: 'Hours', sku: 'BoxUsage:m6i.4xlarge', activity: 'batch', perDay: [24, 240], weight: 5 },
  { provider: 'aws', serviceName: 'Amazon SageMaker', category: 'AI and Machine Learning', subcategory: 'AI Platforms', resourceType: 'Notebook Instance', unitPrice: '1.515', unit: 'Hours', sku: 'Notebk:ml.g5.2xlarge', activity: 'interactive', perDay: [8, 40], weight: 2, gpu: { instanceType: 'g5.2xlarge' } },
  { provider: 'azure', serviceName: 'Storage', category: 'Storage', subcategory: 'Object Storage', resourceType: 'Storage Account', unitPrice: '0.025205', unit: 'TB-Hours', sku: 'Hot LRS Data Stored', activity: 'flat', perDay: [120, 2400], weight: 3 },
  { provider: 'azure', serviceName: 'Azure Database for PostgreSQL', category: 'Databases', subcategory: 'Relational Databases', resourceType: 'Flexible Server', unitPrice: '0.712', unit: 'Hours', sku: 'D8ds v5 vCore', activity: 'flat', perDay: [24, 48], weight: 2 },
  { provider: 'azure', serviceName: 'Bandwidth', category: 'Networking', subcategory: 'Network Infrastructure', resourceType: 'Data Transfer', unitPrice: '0.087', unit: 'GB', sku: 'Standard Data Transfer Out', activity: 'serving', perDay: [100, 1500], weight: 2 },
  { provider: 'gcp', serviceName: 'Cloud Storage', category: 'Storage', subcategory: 'Object Storage', resourceType: 'Bucket', unitPrice: '0.027397', unit: 'TB-Hours', sku: 'Standard Storage US Multi-region', activity: 'flat', perDay: [240, 4800], weight: 3 },
  { provider: 'gcp', serviceName: 'BigQuery', category: 'Analytics', subcategory: 'Data Processing', resourceType: 'Dataset', unitPrice: '6.25', unit: 'TiB', sku: 'Analysis (on-demand)', activity: 'batch', perDay: [2, 40], weight: 3 },
  { provider: 'gcp', serviceName: 'Cloud SQL', category: 'Databases', subcategory: 'Relational Databases', resourceType: 'Instance', unitPrice: '0.6284', unit: 'Hours', sku: 'Cloud SQL for PostgreSQL: 8 vCPU + 32 GB', activity: 'flat', perDay: [24, 48], weight: 2 },
];

/** Where a catalogue LLM provider's usage is billed, and under which service name. */
export const LLM_BILLING: Readonly<Record<string, { provider: ProviderSlug; serviceName: string }>> = {
  openai: { provider: 'openai', serviceName: 'OpenAI API' },
  anthropic: { provider: 'anthropic', serviceName: 'Claude API' },
  azure_openai: { provider: 'azure', serviceName: 'Azure OpenAI Service' },
  aws_bedrock: { provider: 'aws', serviceName: 'Amazon Bedrock' },
  google_vertex_ai: { provider: 'gcp', serviceName: 'Vertex AI' },
};

/** The organisation's own on-prem assumptions (recorded in ground truth). */
export const ONPREM_ASSUMPTIONS = {
  gpuModel: 'NVIDIA H100', formFactor: 'SXM5', gpusPerNode: 8,
  purchasePriceUsd: '31250', amortisationYears: '4', electricityUsdPerKwh: '0.11', pue: '1.35',
  utilisation: '0.65', idleDrawShare: '0.3', hostingUsdPerGpuYear: '2190',
} as const;


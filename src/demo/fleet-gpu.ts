/**
 * GPU resources: cloud GPU VMs and node pools (priced from the catalogue) and
 * the nodes of the owned on-prem cluster.
 */
import { OutlayError } from '../core/index.ts';
import { gpuInstance, instancePrice } from '../pricing/index.ts';
import type { PricingModel } from '../pricing/index.ts';
import { resourceId, subAccount } from './accounts.ts';
import { writeTags } from './org.ts';
import type { Ownership, TagMode } from './org.ts';
import { GPU_SERVICE, ONPREM_ASSUMPTIONS, PROVIDERS } from './providers.ts';
import type { GpuChoice, GpuPattern } from './providers.ts';
import { hexId } from './random.ts';
import type { Rng } from './random.ts';
import type { DemoResource, WasteType } from './resource.ts';

export interface BuildContext {
  readonly seed: number;
  readonly days: number;
  readonly rng: Rng;
  /** First day of the window (prices for planning volumes are taken then). */
  readonly start: Date;
}

export interface GpuOverrides {
  readonly pricingModel?: PricingModel;
  readonly pattern?: GpuPattern;
  readonly utilBase?: number;
  readonly waste?: WasteType;
  readonly fixed?: boolean;
}

const WORKLOAD: Record<GpuPattern, string> = { training: 'training', serving: 'inference', interactive: 'notebook', pool: 'inference' };
const UTIL: Record<GpuPattern, readonly [number, number]> = { training: [0.72, 0.94], serving: [0.35, 0.7], interactive: [0.08, 0.3], pool: [0.45, 0.75] };

function lifetime(ctx: BuildContext, fixed: boolean): { startDay: number; endDay: number } {
  if (fixed || ctx.rng.chance(0.7)) return { startDay: 0, endDay: ctx.days };
  const startDay = ctx.rng.int(Math.max(1, Math.floor(ctx.days * 0.9)));
  const endDay = ctx.rng.chance(0.12) ? Math.min(ctx.days, startDay + 14 + ctx.rng.int(ctx.days)) : ctx.days;
  return { startDay, endDay };
}

function pickPricingModel(rng: Rng, choice: GpuChoice): PricingModel {
  return rng.weighted(choice.models.map((m) => [m, m === 'on_demand' ? 55 : m === 'spot' ? 25 : 20] as const));
}

function gpuNames(choice: GpuChoice, owner: Ownership, index: number, pool: boolean): { kind: string; name: string; type: string } {
  const base = `${owner.project}-${pool ? 'pool' : choice.instanceType.replace(/[._]/g, '-').toLowerCase()}-${index}`;
  if (choice.provider === 'aws') return pool ? { kind: 'eks', name: `nodegroup/ml-prod/${base}`, type: 'Kubernetes Node Group' } : { kind: 'instance', name: base, type: 'Virtual Machine' };
  if (choice.provider === 'azure') return pool ? { kind: 'Microsoft.Compute/virtualMachineScaleSets', name: `aks-${base}`, type: 'Virtual Machine Scale Set' } : { kind: 'Microsoft.Compute/virtualMachines', name: base, type: 'Virtual Machine' };
  return pool ? { kind: 'container', name: `locations/us-central1/clusters/ml-prod/nodePools/${base}`, type: 'Kubernetes Node Pool' } : { kind: 'compute', name: `zones/us-central1-a/instances/${base}`, type: 'Virtual Machine' };
}

/** A cloud GPU VM (or node pool) of a catalogue instance type. */
export function buildGpu(ctx: BuildContext, index: number, owner: Ownership, tagMode: TagMode, choice: GpuChoice, o: GpuOverrides = {}): DemoResource {
  const info = gpuInstance(choice.provider, choice.instanceType);
  if (!info) throw new OutlayError('INTERNAL', `demo instance ${choice.instanceType} is not in the price catalogue`);
  const pricingModel = o.pricingModel ?? pickPricingModel(ctx.rng, choice);
  const committed = pricingModel === 'commit_1y' || pricingModel === 'commit_3y';
  const fixed = o.fixed ?? committed;
  const pattern = o.pattern ?? (committed ? 'serving' : choice.pattern);
  const pool = pattern === 'pool';
  const [lo, hi] = UTIL[pattern];
  const names = gpuNames(choice, owner, index, pool);
  const account = subAccount(ctx.seed, choice.provider, owner.team, owner.project);
  const k8s = pool || (pattern === 'serving' && ctx.rng.chance(0.5));
  const extra: Record<string, string> = k8s ? { 'k8s-cluster': 'ml-prod', 'k8s-namespace': owner.project } : {};
  const spot = pricingModel === 'spot';
  const size = pool ? 2 + ctx.rng.int(7) : 1;
  const price = instancePrice({ provider: choice.provider, instanceType: choice.instanceType, pricingModel, at: ctx.start });
  const hoursPerDay = pattern === 'interactive' ? 8 : pattern === 'training' ? 22 : 24;
  return {
    index, kind: 'gpu', provider: choice.provider, owner, tagMode, tags: writeTags(owner, tagMode, extra),
    resourceId: resourceId({ seed: ctx.seed, index, provider: choice.provider, account, team: owner.team, kind: names.kind, name: names.name }),
    resourceName: names.name.split('/').pop() ?? names.name, resourceType: k8s && !pool ? 'Kubernetes Node' : names.type,
    serviceName: GPU_SERVICE[choice.provider], serviceCategory: 'Compute', serviceSubcategory: 'Virtual Machines',
    subAccountId: account.id, subAccountName: account.name,
    skuId: choice.provider === 'aws' ? `${spot ? 'SpotUsage' : 'BoxUsage'}:${choice.instanceType}` : `${choice.instanceType}${spot ? ' Spot' : ''}`,
    workload: spot && pool ? 'batch' : WORKLOAD[pattern], activity: pattern === 'interactive' ? 'interactive' : pattern === 'training' ? 'training' : 'serving',
    ...lifetime(ctx, fixed), fixed, dailyUsd: (price.priced ? Number(price.usdPerHour) : 0) * hoursPerDay * size,
    gpu: {
      catalogueProvider: choice.provider, instanceType: info.instanceType, gpuModel: info.gpuModel, gpuCount: info.gpuCount,
      pricingModel, pattern, size, utilBase: o.utilBase ?? ctx.rng.between(lo, hi),
    },
    ...(o.waste ? { waste: o.waste } : {}),
    ...(committed ? { commitmentId: commitmentId(ctx.seed, choice.provider, index) } : {}),
  };
}

function commitmentId(seed: number, provider: string, index: number): string {
  const p = PROVIDERS.aws;
  return provider === 'aws'
    ? `arn:aws:ec2:${p.regionId ?? ''}:${p.billingAccountId}:reserved-instances/${hexId(seed, index, 31, 8)}-${hexId(seed, index, 32, 4)}`
    : `projects/odc-commitments/regions/us-central1/commitments/cud-${hexId(seed, index, 33, 10)}`;
}

/**
 * Capacity on the owned DC1 cluster (8 × H100 SXM nodes), priced per GPU-hour
 * by the on-prem model: a whole node, or a pod holding 1, 2 or 4 of a node's GPUs.
 */
export function buildOnPremNode(ctx: BuildContext, index: number, owner: Ownership, tagMode: TagMode): DemoResource {
  const node = `dgx-h100-${String(index).padStart(3, '0')}`;
  const gpus = ctx.rng.weighted([[ONPREM_ASSUMPTIONS.gpusPerNode, 50], [4, 20], [2, 15], [1, 15]] as const);
  const pod = gpus < ONPREM_ASSUMPTIONS.gpusPerNode;
  const name = pod ? `${owner.project}-${ctx.rng.hex(5)}-${ctx.rng.hex(5)}` : node;
  const account = subAccount(ctx.seed, 'on-premises', owner.team, owner.project);
  const training = owner.team === 'research' || ctx.rng.chance(0.5);
  const path = pod ? { kind: `namespaces/${owner.project}/pods`, name } : { kind: 'nodes', name };
  return {
    index, kind: 'onprem', provider: 'on-premises', owner, tagMode,
    tags: writeTags(owner, tagMode, { 'k8s-cluster': 'dc1-gpu', 'k8s-namespace': owner.project, ...(pod ? { 'k8s-node': node } : {}) }),
    resourceId: resourceId({ seed: ctx.seed, index, provider: 'on-premises', account, team: owner.team, ...path }),
    resourceName: name, resourceType: pod ? 'Kubernetes Pod' : 'Kubernetes Node', serviceName: 'GPU Cluster', serviceCategory: 'Compute', serviceSubcategory: 'Containers',
    subAccountId: account.id, subAccountName: account.name, skuId: 'gpu-hour:H100-SXM5',
    workload: training ? 'training' : 'inference', activity: training ? 'training' : 'serving',
    startDay: 0, endDay: ctx.days, fixed: true, dailyUsd: 0,
    onprem: { gpuModel: ONPREM_ASSUMPTIONS.gpuModel, gpuCount: gpus, utilBase: ctx.rng.between(0.45, 0.85) },
  };
}

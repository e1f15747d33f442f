/**
 * Plans the whole fleet from the seed: a few reserved resources first (planted
 * waste, and at least one resource per provider and pricing model), then a
 * weighted mix of GPU VMs, on-prem nodes, cloud services and LLM consumers.
 */
import { OutlayError } from '../core/index.ts';
import { buildGpu, buildOnPremNode } from './fleet-gpu.ts';
import type { BuildContext } from './fleet-gpu.ts';
import { buildLlm, buildService } from './fleet-api.ts';
import { TEAMS, pickTagMode, team } from './org.ts';
import type { Ownership, TagMode } from './org.ts';
import { GPU_CHOICES, SERVICE_CHOICES } from './providers.ts';
import type { GpuChoice } from './providers.ts';
import { Rng } from './random.ts';
import type { DemoResource } from './resource.ts';

/** Fewer resources than this cannot hold the reserved ones. */
export const MIN_RESOURCES = 12;

function choice(provider: string, instanceType: string): GpuChoice {
  const c = GPU_CHOICES.find((x) => x.provider === provider && x.instanceType === instanceType);
  if (!c) throw new OutlayError('INTERNAL', `no demo GPU choice ${provider} ${instanceType}`);
  return c;
}

function owner(rng: Rng, teamName?: string, env?: string): Ownership {
  const t = teamName ? team(teamName) : rng.weighted(TEAMS.map((x) => [x, x.weight] as const));
  return { team: t.name, project: rng.pick(t.projects), env: env ?? rng.weighted([['prod', 65], ['staging', 15], ['dev', 20]]) };
}

type Builder = (ctx: BuildContext, index: number, tagMode: TagMode) => DemoResource;

/** Planted waste and provider coverage: always present, always correctly tagged. */
const RESERVED: readonly Builder[] = [
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'ml-platform', 'dev'), 'clean', choice('aws', 'g5.12xlarge'),
    { pricingModel: 'on_demand', pattern: 'serving', utilBase: 0.03, waste: 'idle_gpu', fixed: true }),
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'search', 'prod'), 'clean', choice('aws', 'p5.48xlarge'),
    { pricingModel: 'on_demand', pattern: 'serving', utilBase: 0.1, waste: 'oversized_gpu', fixed: true }),
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'research', 'prod'), 'clean', choice('gcp', 'a2-highgpu-8g'),
    { pricingModel: 'on_demand', pattern: 'training', utilBase: 0.88, waste: 'on_demand_could_be_spot', fixed: true }),
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'recommendations', 'prod'), 'clean', choice('aws', 'g6.12xlarge'),
    { pricingModel: 'on_demand', pattern: 'serving', utilBase: 0.6, waste: 'on_demand_could_be_committed', fixed: true }),
  (ctx, i) => buildLlm(ctx, i, owner(ctx.rng, 'trust-safety', 'prod'), 'clean', 'openai|gpt-4o', ctx.start,
    { waste: 'flagship_model_for_simple_task', dailyBudgetUsd: 180, shape: { inputPerRequest: 900, outputPerRequest: 6, cachedShare: 0, writeShare: 0 } }),
  (ctx, i) => buildLlm(ctx, i, owner(ctx.rng, 'applied-ai', 'prod'), 'clean', 'anthropic|claude-sonnet-4-5-20250929', ctx.start,
    { waste: 'uncached_repeated_prompts', dailyBudgetUsd: 260, shape: { inputPerRequest: 6000, outputPerRequest: 350, cachedShare: 0, writeShare: 0 } }),
  (ctx, i) => buildOnPremNode(ctx, i, owner(ctx.rng, 'research', 'prod'), 'clean'),
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'applied-ai', 'prod'), 'clean', choice('azure', 'Standard_NC24ads_A100_v4'), { pricingModel: 'on_demand', fixed: true }),
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'research'), 'clean', choice('aws', 'p4d.24xlarge'), { pricingModel: 'commit_1y' }),
  (ctx, i) => buildGpu(ctx, i, owner(ctx.rng, 'research'), 'clean', choice('aws', 'p5.48xlarge'), { pricingModel: 'spot', pattern: 'training' }),
];

function randomResource(ctx: BuildContext, i: number, tagMode: TagMode): DemoResource {
  const rng = ctx.rng;
  const kind = rng.weighted([['gpu', 36], ['onprem', 3], ['service', 35], ['llm', 26]] as const);
  const o = owner(rng);
  switch (kind) {
    case 'gpu': return buildGpu(ctx, i, o, tagMode, rng.weighted(GPU_CHOICES.map((c) => [c, c.weight] as const)));
    case 'onprem': return buildOnPremNode(ctx, i, { ...o, team: rng.chance(0.6) ? 'research' : o.team, project: rng.chance(0.6) ? 'llm-pretrain' : o.project }, tagMode);
    case 'service': return buildService(ctx, i, o, tagMode, serviceFor(rng, o.team));
    case 'llm': return buildLlm(ctx, i, o, tagMode, rng.pick(team(o.team).models), ctx.start);
  }
}

/** SageMaker stays with ml-platform so that a service-scoped anomaly has one owner. */
function serviceFor(rng: Rng, teamName: string) {
  const options = SERVICE_CHOICES.filter((s) => s.serviceName !== 'Amazon SageMaker' || teamName === 'ml-platform');
  return rng.weighted(options.map((s) => [s, s.weight] as const));
}

/** All resources of the organisation, deterministic from the seed. */
export function planFleet(seed: number, count: number, days: number, start: Date): DemoResource[] {
  if (!Number.isInteger(count) || count < MIN_RESOURCES) {
    throw new OutlayError('INPUT_INVALID', `resources must be an integer ≥ ${MIN_RESOURCES}, got ${count}`, { field: 'resources', value: String(count) });
  }
  const rng = new Rng(seed, 1);
  const ctx = { seed, days, rng, start };
  const out: DemoResource[] = [];
  for (let i = 0; i < count; i++) {
    const reserved = RESERVED[i];
    out.push(reserved ? reserved(ctx, i, 'clean') : randomResource(ctx, i, pickTagMode(rng)));
  }
  return out;
}

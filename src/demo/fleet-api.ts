/**
 * LLM API consumers (keys, deployments, inference profiles) and the ordinary
 * cloud services around the GPU fleet.
 */
import { OutlayError } from '../core/index.ts';
import { gpuInstance, tokenPrice } from '../pricing/index.ts';
import type { TokenPrice } from '../pricing/index.ts';
import { resourceId, subAccount } from './accounts.ts';
import type { BuildContext } from './fleet-gpu.ts';
import { writeTags } from './org.ts';
import type { Ownership, TagMode } from './org.ts';
import { LLM_BILLING } from './providers.ts';
import type { ServiceChoice } from './providers.ts';
import type { Rng } from './random.ts';
import type { DemoResource, LlmUse, WasteType } from './resource.ts';

export interface LlmOverrides {
  readonly shape?: Partial<LlmUse>;
  readonly waste?: WasteType;
  readonly dailyBudgetUsd?: number;
}

/** A catalogue price, failing loudly: the demo only uses models the catalogue prices. */
export function demoTokenPrice(provider: string, model: string, at: Date): TokenPrice {
  const q = tokenPrice(provider, model, at);
  if (!q.priced) throw new OutlayError('INTERNAL', `demo model ${provider} ${model} is unpriced: ${q.reason}`);
  return q.price;
}

function logNormal(rng: Rng, median: number, sigma: number): number {
  const g = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return median * Math.exp(sigma * g);
}

/** Token shape of a model's typical traffic: embeddings, reasoning, or chat. */
function shapeFor(rng: Rng, model: string, price: TokenPrice): Omit<LlmUse, 'catalogueProvider' | 'model' | 'requestsPerDay'> {
  const cached = price.cachedInputPerMtok !== null;
  const write = price.cacheWritePerMtok !== null;
  if (/embed/.test(model)) return { inputPerRequest: 300 + rng.int(900), outputPerRequest: 0, cachedShare: 0, writeShare: 0 };
  const reasoning = /^o\d|opus/.test(model);
  return {
    inputPerRequest: reasoning ? 3000 + rng.int(5000) : 800 + rng.int(4200),
    outputPerRequest: reasoning ? 800 + rng.int(2200) : 120 + rng.int(580),
    cachedShare: cached ? rng.between(0.15, 0.6) : 0,
    writeShare: write ? rng.between(0.01, 0.05) : 0,
  };
}

/** Dollars per request at list price (planning only, so a float is fine here). */
function costPerRequest(s: Omit<LlmUse, 'catalogueProvider' | 'model' | 'requestsPerDay'>, p: TokenPrice): number {
  const input = s.inputPerRequest * (1 - s.cachedShare - s.writeShare);
  return (input * Number(p.inputPerMtok) + s.outputPerRequest * Number(p.outputPerMtok)
    + s.inputPerRequest * s.cachedShare * Number(p.cachedInputPerMtok ?? p.inputPerMtok)
    + s.inputPerRequest * s.writeShare * Number(p.cacheWritePerMtok ?? p.inputPerMtok)) / 1e6;
}

function llmNames(ctx: BuildContext, index: number, owner: Ownership, catalogueProvider: string, model: string): { kind: string; name: string; type: string } {
  const base = `${owner.project}-${index}`;
  switch (catalogueProvider) {
    case 'azure_openai': return { kind: `Microsoft.CognitiveServices/accounts/aoai-${owner.team}/deployments`, name: `${model}-${base}`, type: 'Deployment' };
    case 'aws_bedrock': return { kind: 'bedrock', name: `application-inference-profile/${base}-${ctx.rng.hex(8)}`, type: 'Inference Profile' };
    case 'google_vertex_ai': return { kind: 'aiplatform', name: `locations/us-central1/endpoints/${base}`, type: 'Endpoint' };
    default: return { kind: 'key', name: `${base}`, type: 'API Key' };
  }
}

/** An LLM consumer of one model; its request volume comes from a daily budget. */
export function buildLlm(ctx: BuildContext, index: number, owner: Ownership, tagMode: TagMode, key: string, start: Date, o: LlmOverrides = {}): DemoResource {
  const [catalogueProvider = '', model = ''] = key.split('|');
  const billing = LLM_BILLING[catalogueProvider];
  if (!billing) throw new OutlayError('INTERNAL', `no billing provider for ${catalogueProvider}`);
  const price = demoTokenPrice(catalogueProvider, model, start);
  const shape = { ...shapeFor(ctx.rng, model, price), ...o.shape };
  const budget = o.dailyBudgetUsd ?? logNormal(ctx.rng, /embed/.test(model) ? 12 : 70, 0.9);
  const requestsPerDay = Math.max(50, Math.round(budget / Math.max(1e-6, costPerRequest(shape, price))));
  const account = subAccount(ctx.seed, billing.provider, owner.team, owner.project);
  const names = llmNames(ctx, index, owner, catalogueProvider, model);
  const startDay = o.waste || ctx.rng.chance(0.65) ? 0 : ctx.rng.int(Math.max(1, Math.floor(ctx.days * 0.85)));
  return {
    index, kind: 'llm', provider: billing.provider, owner, tagMode, tags: writeTags(owner, tagMode),
    resourceId: resourceId({ seed: ctx.seed, index, provider: billing.provider, account, team: owner.team, kind: names.kind, name: names.name }),
    resourceName: names.name.split('/').pop() ?? names.name, resourceType: names.type,
    serviceName: billing.serviceName, serviceCategory: 'AI and Machine Learning', serviceSubcategory: 'Generative AI',
    subAccountId: account.id, subAccountName: account.name, skuId: model,
    workload: /embed/.test(model) ? 'batch' : 'inference', activity: 'api', startDay, endDay: ctx.days, fixed: false, dailyUsd: budget,
    llm: { catalogueProvider, model, requestsPerDay, ...shape },
    ...(o.waste ? { waste: o.waste } : {}),
  };
}

/** A storage bucket, database, network or CPU resource at its illustrative list price. */
export function buildService(ctx: BuildContext, index: number, owner: Ownership, tagMode: TagMode, choice: ServiceChoice): DemoResource {
  const [lo, hi] = choice.perDay;
  const perDay = Math.round(lo * Math.pow(hi / lo, ctx.rng.next()));
  const account = subAccount(ctx.seed, choice.provider, owner.team, owner.project);
  const slug = choice.serviceName.toLowerCase().replace(/^(amazon|aws|azure) /, '').replace(/[^a-z]+/g, '-');
  const name = `${owner.project}-${slug}-${index}`;
  const kind = choice.provider === 'aws' ? slug : choice.provider === 'azure' ? `Microsoft.${choice.resourceType.replace(/ /g, '')}` : slug.replace(/-/g, '');
  const gpu = choice.gpu ? gpuInstance('aws', choice.gpu.instanceType) : undefined;
  const startDay = ctx.rng.chance(0.75) ? 0 : ctx.rng.int(Math.max(1, Math.floor(ctx.days * 0.8)));
  return {
    index, kind: 'service', provider: choice.provider, owner, tagMode, tags: writeTags(owner, tagMode),
    resourceId: resourceId({ seed: ctx.seed, index, provider: choice.provider, account, team: owner.team, kind, name: `${choice.resourceType.toLowerCase().replace(/ /g, '-')}/${name}` }),
    resourceName: name, resourceType: choice.resourceType, serviceName: choice.serviceName, serviceCategory: choice.category, serviceSubcategory: choice.subcategory,
    subAccountId: account.id, subAccountName: account.name, skuId: choice.sku,
    workload: choice.gpu ? 'notebook' : null, activity: choice.activity, startDay, endDay: ctx.days, fixed: false, dailyUsd: perDay * Number(choice.unitPrice),
    service: { choice, perDay },
    ...(gpu ? { gpu: { catalogueProvider: 'aws', instanceType: gpu.instanceType, gpuModel: gpu.gpuModel, gpuCount: gpu.gpuCount, pricingModel: 'on_demand' as const, pattern: 'interactive' as const, size: 1, utilBase: ctx.rng.between(0.1, 0.35) } } : {}),
  };
}

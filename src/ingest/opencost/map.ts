/**
 * OpenCost allocations (`/allocation/compute`, `/allocation`, `/model/allocation`)
 * → CostRecord rows, one per allocation, step and cost component (cpu, ram,
 * gpu, pv, network, load balancer, shared, external), each with its
 * adjustment; a remainder row keeps Σ components = totalCost exactly.
 *
 * No double counting: OpenCost splits a bill that the cloud provider (or the
 * on-prem model) already charges, so its rows are allocations: ProviderName
 * 'Kubernetes', ChargeCategory 'Usage', BilledCost and EffectiveCost 0, the
 * allocated amount in x_PricedCost, x_PricingStatus 'allocation'. GPU-hours
 * sit on the gpu component rows only. `__idle__` rows are the cluster's
 * unallocated capacity (ResourceType 'Idle').
 */
import type { BuiltRow, Json, JsonDoc, JsonObject } from '../row-stage/index.ts';
import { isObject, tagsJson } from '../row-stage/index.ts';
import { addDecimals } from '../../core/index.ts';

const COMPONENTS: [name: string, cost: string, adj: string, qty: string | null, unit: string | null][] = [
  ['cpu', 'cpuCost', 'cpuCostAdjustment', 'cpuCoreHours', 'Core-Hours'],
  ['ram', 'ramCost', 'ramCostAdjustment', 'ramByteHours', 'Byte-Hours'],
  ['gpu', 'gpuCost', 'gpuCostAdjustment', 'gpuHours', 'GPU-Hours'],
  ['pv', 'pvCost', 'pvCostAdjustment', 'pvByteHours', 'Byte-Hours'],
  ['network', 'networkCost', 'networkCostAdjustment', 'networkTransferBytes', 'Bytes'],
  ['loadbalancer', 'loadBalancerCost', 'loadBalancerCostAdjustment', null, null],
  ['shared', 'sharedCost', '', null, null],
  ['external', 'externalCost', '', null, null],
];

const isZero = (d: string | null): boolean => d === null || Number(d) === 0;

function allocationRows(doc: JsonDoc, a: JsonObject, path: string, name: string): BuiltRow[] {
  const props = a.properties === undefined || a.properties === null ? {} : doc.obj(a.properties, `${path}.properties`, a);
  const p = (k: string) => doc.str(props, k, `${path}.properties`);
  const start = doc.need(doc.time(a, 'start', path), a, `${path}.start`);
  const end = doc.need(doc.time(a, 'end', path), a, `${path}.end`);
  if (end < start) doc.fail(a, `${path}.end`, 'ends before start');
  const total = doc.need(doc.dec(a, 'totalCost', path), a, `${path}.totalCost`);
  const cluster = p('cluster') ?? 'cluster';
  const idle = name.includes('__idle__');
  const base = {
    ChargePeriodStart: start, ChargePeriodEnd: end, ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based',
    ProviderName: 'Kubernetes', PublisherName: 'OpenCost', BillingAccountId: `opencost:${cluster}`, SubAccountId: cluster,
    ServiceName: 'Kubernetes', ServiceCategory: 'Compute', RegionId: null,
    ResourceId: [cluster, p('namespace'), p('controller'), p('pod'), p('container')].filter(Boolean).join('/') || name,
    ResourceName: name, ResourceType: idle ? 'Idle' : 'Kubernetes allocation',
    BillingCurrency: 'USD', BilledCost: '0', EffectiveCost: '0', x_PricingStatus: 'allocation',
    x_Namespace: p('namespace'), x_Pod: p('pod'),
    // Pod labels first, so the allocation rules can read team/project labels; OpenCost's own keys win.
    Tags: tagsJson({ ...labels(props), cluster, node: p('node'), namespace: p('namespace'), controller: p('controller'), controllerKind: p('controllerKind'),
      pod: p('pod'), container: p('container'), providerID: p('providerID') }),
  };
  const line = doc.line(a);
  const rows: BuiltRow[] = [];
  const parts: string[] = [];
  for (const [comp, costKey, adjKey, qtyKey, unit] of COMPONENTS) {
    const cost = doc.dec(a, costKey, path);
    const adj = adjKey ? doc.dec(a, adjKey, path) : null;
    const qty = qtyKey ? doc.dec(a, qtyKey, path) : null;
    if (cost === null && qty === null) continue;
    if (isZero(cost) && isZero(adj) && isZero(qty) && !['cpu', 'ram', 'gpu'].includes(comp)) continue;
    const amount = addDecimals([cost ?? '0', adj ?? '0']);
    parts.push(amount);
    rows.push({ line, values: {
      ...base, ServiceSubcategory: comp.toUpperCase(), SkuMeter: comp, ChargeDescription: `OpenCost ${comp} allocation of ${name}`,
      ConsumedQuantity: qty, ConsumedUnit: qty === null ? null : unit, x_PricedCost: amount,
      x_GpuHours: comp === 'gpu' ? doc.dec(a, 'gpuHours', path) : null,
      x_PricingNote: comp === 'gpu' ? `gpuCount ${doc.dec(a, 'gpuCount', path) ?? 'n/a'} over ${doc.dec(a, 'minutes', path) ?? '?'} min` : null,
    } });
  }
  const rest = addDecimals([total, ...parts.map((x) => `-${x}`.replace(/^--/, ''))]);
  if (!isZero(rest)) rows.push({ line, values: { ...base, ServiceSubcategory: 'OTHER', SkuMeter: 'unattributed', x_PricedCost: rest, ChargeDescription: `OpenCost totalCost not in a component (${name})` } });
  return rows;
}

function labels(props: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  const l = props.labels;
  if (l && typeof l === 'object' && !Array.isArray(l)) for (const [k, v] of Object.entries(l)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** One step of an answer: where its allocations sit, and the {name: allocation} object (null: an empty step). */
interface Step { readonly path: string; readonly allocations: Json | undefined }

/**
 * The steps of an answer, in document order; read lazily, so a malformed
 * step is reported only after the allocations before it.
 */
interface Steps { readonly count: number; readonly each: Iterable<Step> }

/** /allocation/compute: data is an array of steps, each {name: allocation}. */
function computeSteps(data: Json[]): Steps {
  return { count: data.length, each: data.map((entry, i) => ({ path: `$.data[${i}]`, allocations: entry })) };
}

/** /allocation/summary (the UI's endpoint): data.sets[i].allocations, no properties. */
function summarySteps(doc: JsonDoc, root: JsonObject, sets: Json[]): Steps {
  function* each(): Generator<Step> {
    for (const [i, set] of sets.entries()) {
      yield { path: `$.data.sets[${i}].allocations`, allocations: set === null ? null : doc.obj(set, `$.data.sets[${i}]`, root).allocations ?? null };
    }
  }
  return { count: sets.length, each: each() };
}

/** One window without steps: data is the {name: allocation} object itself. */
function singleStep(doc: JsonDoc, root: JsonObject, data: Json | undefined): Steps {
  return { count: 1, each: [{ path: '$.data', allocations: doc.obj(data, '$.data', root) }] };
}

function stepsOf(doc: JsonDoc, root: JsonObject): Steps {
  const data = root.data;
  if (isObject(data) && Array.isArray(data.sets)) return summarySteps(doc, root, data.sets);
  if (Array.isArray(data)) return computeSteps(data);
  return singleStep(doc, root, data);
}

export function opencostRows(doc: JsonDoc): { rows: BuiltRow[]; allocations: number; steps: number } {
  const root = doc.obj(doc.root, '$');
  if (root.code !== undefined && String(doc.str(root, 'code', '$')) !== '200') doc.fail(root, '$.code', 'OpenCost answered an error', root.message ?? root.code);
  const steps = stepsOf(doc, root);
  const rows: BuiltRow[] = [];
  let allocations = 0;
  for (const { path, allocations: step } of steps.each) {
    if (step === null) continue;
    for (const [name, a] of Object.entries(doc.obj(step, path, root))) {
      allocations++;
      rows.push(...allocationRows(doc, doc.obj(a, `${path}.${name}`, step), `${path}["${name}"]`, name));
    }
  }
  return { rows, allocations, steps: steps.count };
}

const sniffAllocations = (head: string): boolean => /"(totalCost|cpuCoreHours)"\s*:/.test(head) && /"properties"\s*:|"allocations"\s*:\s*\{/.test(head);

/** Keys of OpenCost's (and Kubecost's) answer envelope; anything else means another API's page. */
const ENVELOPE_KEYS = new Set(['code', 'status', 'message', 'warning', 'data']);
const emptyStep = (s: unknown): boolean => s === null || (typeof s === 'object' && !Array.isArray(s) && Object.keys(s as object).length === 0);

/**
 * A window with no allocations: OpenCost answers `{"code":200,"data":[{}]}`
 * (or `[]`, or summary sets without allocations). Nothing in it names an
 * allocation field, so only the whole, small envelope identifies it; a bare
 * `{"data":[]}` without the code stays unrecognised (OpenAI and Anthropic
 * pages look the same).
 */
function emptyAnswer(head: string): boolean {
  if (head.length > 4096) return false;
  let root: unknown;
  try {
    root = JSON.parse(head);
  } catch {
    return false;
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return false;
  const o = root as Record<string, unknown>;
  if (String(o.code) !== '200' || !Object.keys(o).every((k) => ENVELOPE_KEYS.has(k))) return false;
  const data = o.data;
  if (Array.isArray(data)) return data.every(emptyStep);
  if (typeof data === 'object' && data !== null && Array.isArray((data as { sets?: unknown }).sets)) {
    return ((data as { sets: unknown[] }).sets).every((s) => s === null || (typeof s === 'object' && emptyStep((s as { allocations?: unknown }).allocations ?? null)));
  }
  return false;
}

export const sniffOpenCost = (head: string): boolean => sniffAllocations(head) || emptyAnswer(head);

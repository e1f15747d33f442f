/**
 * What a GPU-hour of telemetry costs, and whose money it is.
 *
 * - On-prem (OUTLAY_ONPREM_ASSUMPTIONS names a JSON file of the
 *   organisation's economics, per GPU model or "default"): priced with the
 *   catalogue's on-prem model at the measured utilisation. No other bill
 *   carries these GPUs, so the row bills that amount (x_PricingStatus 'priced').
 * - Otherwise (cloud / Kubernetes GPUs): the cheapest on-demand per-GPU list
 *   price of an instance with that GPU in the catalogue. The cloud bill
 *   already charges these GPUs, so the row is an allocation: BilledCost and
 *   EffectiveCost 0, the amount in x_PricedCost (x_PricingStatus 'allocation').
 *   This is the rule that keeps GPU cost from being counted twice.
 * - Unknown GPU model: unpriced, flagged.
 */
import { readFileSync } from 'node:fs';
import { OutlayError } from '../../core/index.ts';
import { divideDecimals, gpuInstancePrices, gpuSpec, inForce, onPremGpuHourCost, overrideInstancePrice, type OnPremAssumptions } from '../../pricing/index.ts';

type Assumptions = Record<string, Omit<OnPremAssumptions, 'gpuModel' | 'utilisation'> & { utilisation?: string | number }>;
let loaded: { path: string; value: Assumptions } | undefined;

function assumptions(env: NodeJS.ProcessEnv): Assumptions | null {
  const path = env.OUTLAY_ONPREM_ASSUMPTIONS;
  if (!path) return null;
  if (loaded?.path !== path) {
    try {
      loaded = { path, value: JSON.parse(readFileSync(path, 'utf8')) as Assumptions };
    } catch (e) {
      throw new OutlayError('CONFIG_INVALID', `OUTLAY_ONPREM_ASSUMPTIONS: cannot read ${path} as JSON (${(e as Error).message})`, { file: path, field: 'OUTLAY_ONPREM_ASSUMPTIONS' });
    }
  }
  return loaded.value;
}

export interface GpuHourRate {
  readonly usdPerGpuHour: string | null;
  /** 'priced' bills the amount; 'allocation' only allocates a bill carried elsewhere. */
  readonly status: 'priced' | 'allocation' | 'unpriced';
  readonly note: string;
}

/** formFactor ('PCIe', 'SXM', 'NVL' from the device name) picks the on-prem TDP row; the model's first row when it has none of that kind. */
export function gpuHourRate(family: string | null, at: Date, utilisation: number | null, opts: { onPrem?: boolean; env?: NodeJS.ProcessEnv; formFactor?: string | null } = {}): GpuHourRate {
  if (!family) return { usdPerGpuHour: null, status: 'unpriced', note: 'GPU model not in the catalogue' };
  const a = assumptions(opts.env ?? process.env);
  const mine = a?.[family] ?? a?.default;
  const specModel = gpuSpec(family) ? family : family.replace(/G$/, '');
  if (mine && gpuSpec(specModel)) {
    const util = utilisation ?? Number(mine.utilisation ?? 0.5);
    const formFactor = opts.formFactor ? gpuSpec(specModel, opts.formFactor)?.formFactor : undefined;
    const c = onPremGpuHourCost({ formFactor, ...mine, gpuModel: specModel, utilisation: Math.min(1, Math.max(0, util)) });
    const ff = formFactor ? ` ${formFactor}` : '';
    return { usdPerGpuHour: c.costPerGpuHour, status: 'priced', note: `on-prem model: ${specModel}${ff} ${c.tdpWatts} W, utilisation ${util.toFixed(3)}${utilisation === null ? ' (assumed)' : ''}` };
  }
  if (opts.onPrem) return { usdPerGpuHour: null, status: 'unpriced', note: `on-prem GPU: set OUTLAY_ONPREM_ASSUMPTIONS (purchase price, years, electricity, PUE) to price ${family}` };
  const rows = gpuInstancePrices().filter((r) => r.gpuModel === family && r.pricingModel === 'on_demand' && r.gpuCount > 0);
  let best: { rate: string; what: string } | undefined;
  const groups = new Map<string, typeof rows[number][]>();
  for (const r of rows) groups.set(`${r.provider}|${r.instanceType}|${r.region}`, [...(groups.get(`${r.provider}|${r.instanceType}|${r.region}`) ?? []), r]);
  for (const group of groups.values()) {
    const e = inForce(group, at)?.entry;
    if (!e) continue;
    const o = overrideInstancePrice(e, at); // the organisation's negotiated price, if it has one
    const rate = divideDecimals(o.usdPerHour, e.gpuCount, 10);
    const why = o.applied ? `, ${o.applied.kind} override "${o.applied.name}"` : '';
    if (!best || Number(rate) < Number(best.rate)) best = { rate, what: `${e.provider} ${e.instanceType} ${e.region} on-demand ÷ ${e.gpuCount} GPU(s) @${e.priceDate ?? 'undated'}${why}` };
  }
  if (!best) return { usdPerGpuHour: null, status: 'unpriced', note: `no on-demand instance with ${family} in the catalogue` };
  return { usdPerGpuHour: best.rate, status: 'allocation', note: `allocation at the cheapest catalogue list price per GPU-hour: ${best.what}` };
}

/** A MIG slice as compute slices of its GPU: "3g.40gb" → 3 of 7 (A30: of 4); null when the profile says none. */
export function migSlices(profile: string | null | undefined, family: string | null): { slices: number; of: number } | null {
  const m = /^(\d+)g\./i.exec(profile ?? '');
  return m ? { slices: Number(m[1]), of: family?.includes('A30') ? 4 : 7 } : null;
}

/** Share of a GPU one MIG slice is: "3g.40gb" → 3/7 (A30: /4). */
export function migFraction(profile: string | null | undefined, family: string | null): number | null {
  const m = migSlices(profile, family);
  return m ? m.slices / m.of : null;
}

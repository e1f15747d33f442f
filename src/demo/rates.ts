/**
 * Prices the generator multiplies by, as integers so rows are exact and fast:
 * hourly and unit prices in micro-dollars (1e-6 USD), token prices in 1e-10 USD
 * per token (= 1e-4 USD per million). Quantities are in 1e-4 units, so
 * price × quantity is always in 1e-10 USD, the scale money is written at.
 */
import { OutlayError, roundDecimal } from '../core/index.ts';
import { decimalToUnits, instancePrice, multiplyDecimals, onPremGpuHourCost, tokenPrice } from '../pricing/index.ts';
import type { OnPremGpuHourCost, PricingModel, TokenPrice } from '../pricing/index.ts';
import type { DemoDay } from './calendar.ts';
import { ONPREM_ASSUMPTIONS, PROVIDERS } from './providers.ts';
import type { DemoResource } from './resource.ts';

export interface UnitRates {
  /** 1e-6 USD per unit (instance-hour, node-hour, GB …). */
  readonly list: number;
  readonly effective: number;
  readonly billed: number;
  /** The decimal strings behind list/effective, for ListUnitPrice and explanations. */
  readonly listText: string;
  readonly effectiveText: string;
}

export interface TokenRates {
  /** 1e-10 USD per token. */
  readonly input: number;
  readonly output: number;
  readonly cached: number;
  readonly write: number;
  readonly price: TokenPrice;
}

const microCache = new Map<string, number>();
/** USD decimal → integer micro-dollars (memoised: a handful of distinct prices, millions of rows). */
function micro(text: string): number {
  let v = microCache.get(text);
  if (v === undefined) {
    v = Number(decimalToUnits(text, 6));
    microCache.set(text, v);
  }
  return v;
}
const perToken = (text: string): number => Number(decimalToUnits(text, 4));

export class RateBook {
  private readonly gpuCache = new Map<string, string>();
  private readonly tokenCache = new Map<string, TokenRates>();
  /** On-prem cost per GPU-hour from the organisation's assumptions, rounded to 6 decimals. */
  readonly onprem: OnPremGpuHourCost;
  readonly onpremRate: string;

  constructor() {
    this.onprem = onPremGpuHourCost(ONPREM_ASSUMPTIONS);
    this.onpremRate = roundDecimal(this.onprem.costPerGpuHour, 6);
  }

  /** USD per instance-hour of a catalogue instance under a pricing model on a day. */
  instanceRate(provider: string, instanceType: string, model: PricingModel, day: DemoDay): string {
    const key = `${provider}|${instanceType}|${model}|${day.iso}`;
    let rate = this.gpuCache.get(key);
    if (rate === undefined) {
      const region = PROVIDERS[provider as 'aws'].regionId ?? undefined;
      const q = instancePrice({ provider, instanceType, pricingModel: model, at: day.start, ...(region ? { region } : {}) });
      if (!q.priced) throw new OutlayError('INTERNAL', `demo GPU price missing: ${q.reason}`);
      rate = q.usdPerHour;
      this.gpuCache.set(key, rate);
    }
    return rate;
  }

  /** Rates of one resource on one day (GPU VMs, on-prem nodes, services). */
  unitRates(res: DemoResource, day: DemoDay): UnitRates {
    if (res.kind === 'onprem' && res.onprem) {
      const node = multiplyDecimals(this.onpremRate, res.onprem.gpuCount);
      return { list: micro(node), effective: micro(node), billed: micro(node), listText: node, effectiveText: node };
    }
    if (res.kind === 'service' && res.service) {
      const p = res.service.choice.unitPrice;
      return { list: micro(p), effective: micro(p), billed: micro(p), listText: p, effectiveText: p };
    }
    const g = res.gpu;
    if (!g) throw new OutlayError('INTERNAL', `resource ${res.resourceId} has no rates`);
    const list = this.instanceRate(g.catalogueProvider, g.instanceType, 'on_demand', day);
    const eff = this.instanceRate(g.catalogueProvider, g.instanceType, g.pricingModel, day);
    // A commitment's usage is prepaid by its recurring purchase row: billed 0, effective = amortised rate.
    const billed = res.commitmentId ? 0 : micro(eff);
    return { list: micro(list), effective: micro(eff), billed, listText: list, effectiveText: eff };
  }

  /** Every token rate looked up so far (day = YYYY-MM-DD), for the native writers' SQL. */
  tokenRateRows(): { provider: string; model: string; day: string; input: number; output: number; cached: number; write: number }[] {
    return [...this.tokenCache.entries()].map(([key, r]) => {
      const [provider = '', model = '', day = ''] = key.split('|');
      return { provider, model, day: day.slice(0, 10), input: r.input, output: r.output, cached: r.cached, write: r.write };
    });
  }

  /** Token rates of a model on a day (cache reads / writes without a price cost the input rate). */
  tokenRates(provider: string, model: string, day: DemoDay): TokenRates {
    const key = `${provider}|${model}|${day.iso}`;
    let r = this.tokenCache.get(key);
    if (!r) {
      const q = tokenPrice(provider, model, day.start);
      if (!q.priced) throw new OutlayError('INTERNAL', `demo token price missing: ${q.reason}`);
      const p = q.price;
      r = {
        input: perToken(p.inputPerMtok), output: perToken(p.outputPerMtok),
        cached: perToken(p.cachedInputPerMtok ?? p.inputPerMtok), write: perToken(p.cacheWritePerMtok ?? p.inputPerMtok), price: p,
      };
      this.tokenCache.set(key, r);
    }
    return r;
  }
}

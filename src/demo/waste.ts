/**
 * Planted waste and its true savings. Savings are summed while the rows are
 * written, over the last 30 days of data, from the same catalogue prices the
 * rows used, so `monthly_cost` is exact and recomputable from the files.
 */
import { multiplyDecimals } from '../pricing/index.ts';
import type { PricingModel } from '../pricing/index.ts';
import type { DemoDay } from './calendar.ts';
import { MoneySum } from './money-units.ts';
import type { RateBook } from './rates.ts';
import type { DemoResource, WasteType } from './resource.ts';
import type { DayUsage } from './usage.ts';

/** Share of the uncached prompt that is the same system prompt on every request. */
export const REPEATED_PROMPT_SHARE = '0.8';
export const WASTE_WINDOW_DAYS = 30;
/** Cheaper model a simple classification task could use. */
export const FLAGSHIP_ALTERNATIVE = { provider: 'openai', model: 'gpt-4o-mini' } as const;
/** Right-size target of the oversized instance. */
export const RIGHT_SIZE = { provider: 'aws', instanceType: 'p5.4xlarge' } as const;

export interface WasteItem {
  id: string;
  type: WasteType;
  resource_ids: string[];
  team: string;
  monthly_cost: string;
  currency: 'USD';
  window: { start: string; end: string; days: number };
  basis: string;
}

interface Tracked {
  res: DemoResource;
  sum: MoneySum;
  lastDay: DemoDay | undefined;
}

const ALT_MODEL: Partial<Record<WasteType, PricingModel>> = { on_demand_could_be_spot: 'spot', on_demand_could_be_committed: 'commit_1y' };

export class WasteTracker {
  private readonly tracked = new Map<number, Tracked>();
  private readonly fromDay: number;

  constructor(private readonly rates: RateBook, fleet: readonly DemoResource[], private readonly days: readonly DemoDay[]) {
    this.fromDay = Math.max(0, days.length - WASTE_WINDOW_DAYS);
    for (const r of fleet) if (r.waste) this.tracked.set(r.index, { res: r, sum: new MoneySum(), lastDay: undefined });
  }

  /** Adds a written day of a waste resource (1e-10 USD units of avoidable spend). */
  add(res: DemoResource, day: DemoDay, use: DayUsage): void {
    const t = this.tracked.get(res.index);
    if (!t || day.index < this.fromDay) return;
    t.lastDay = day;
    t.sum.add(this.saving(res, day, use));
  }

  private saving(res: DemoResource, day: DemoDay, use: DayUsage): number {
    const g = res.gpu;
    const tok = use.tokens;
    if (res.llm && tok) {
      const cur = this.rates.tokenRates(res.llm.catalogueProvider, res.llm.model, day);
      if (res.waste === 'uncached_repeated_prompts') return tok.input * (cur.input - cur.cached);
      const alt = this.rates.tokenRates(FLAGSHIP_ALTERNATIVE.provider, FLAGSHIP_ALTERNATIVE.model, day);
      return tok.input * (cur.input - alt.input) + tok.output * (cur.output - alt.output) + tok.cached * (cur.cached - alt.cached) + tok.write * (cur.write - alt.write);
    }
    if (!g) return 0;
    const eff = this.rates.unitRates(res, day).effective;
    if (res.waste === 'idle_gpu') return use.qty * eff;
    const alt = res.waste === 'oversized_gpu'
      ? this.rates.instanceRate(RIGHT_SIZE.provider, RIGHT_SIZE.instanceType, 'on_demand', day)
      : this.rates.instanceRate(g.catalogueProvider, g.instanceType, ALT_MODEL[res.waste ?? 'idle_gpu'] ?? 'on_demand', day);
    return use.qty * (eff - Number(multiplyDecimals(alt, 1_000_000)));
  }

  items(): WasteItem[] {
    const start = this.days[this.fromDay];
    const last = this.days[this.days.length - 1];
    const window = { start: start?.iso ?? '', end: last?.nextIso ?? '', days: this.days.length - this.fromDay };
    return [...this.tracked.values()].map((t, i) => {
      const raw = t.sum.value();
      const monthly = t.res.waste === 'uncached_repeated_prompts' ? multiplyDecimals(raw, REPEATED_PROMPT_SHARE) : raw;
      return {
        id: `W${i + 1}`, type: t.res.waste ?? 'idle_gpu', resource_ids: [t.res.resourceId], team: t.res.owner.team,
        monthly_cost: monthly, currency: 'USD', window, basis: t.lastDay ? this.basis(t.res, t.lastDay) : 'resource not alive in the window',
      };
    });
  }

  private basis(res: DemoResource, day: DemoDay): string {
    const w = `over the last ${this.days.length - this.fromDay} days of rows`;
    const g = res.gpu;
    if (res.llm) {
      const p = this.rates.tokenRates(res.llm.catalogueProvider, res.llm.model, day).price;
      if (res.waste === 'uncached_repeated_prompts') {
        return `${REPEATED_PROMPT_SHARE} × Σ x_InputTokens × (input ${p.inputPerMtok} − cached_input ${p.cachedInputPerMtok ?? p.inputPerMtok}) USD/Mtok ÷ 1e6 ${w}, ${res.llm.catalogueProvider} ${p.model}: ${Number(REPEATED_PROMPT_SHARE) * 100}% of every prompt is the same system prompt sent uncached; cache-write cost (${p.cacheWritePerMtok ?? '?'}/Mtok once per cache lifetime) ignored`;
      }
      const a = this.rates.tokenRates(FLAGSHIP_ALTERNATIVE.provider, FLAGSHIP_ALTERNATIVE.model, day).price;
      return `Σ per token type of tokens × (${p.model} − ${a.model}) ÷ 1e6 ${w}: input ${p.inputPerMtok}−${a.inputPerMtok}, output ${p.outputPerMtok}−${a.outputPerMtok}, cached ${p.cachedInputPerMtok}−${a.cachedInputPerMtok} USD/Mtok; a classification task with ~${res.llm.outputPerRequest} output tokens per request`;
    }
    if (!g) return '';
    const cur = this.rates.instanceRate(g.catalogueProvider, g.instanceType, g.pricingModel, day);
    const what = `${g.catalogueProvider} ${g.instanceType} (${g.gpuCount} × ${g.gpuModel})`;
    switch (res.waste) {
      case 'idle_gpu': return `Σ instance-hours × on_demand ${cur} USD/h ${w} for ${what} at ~${Math.round(g.utilBase * 100)}% GPU utilisation: all of it is avoidable`;
      case 'oversized_gpu': return `Σ instance-hours × (${g.instanceType} on_demand ${cur} − ${RIGHT_SIZE.instanceType} on_demand ${this.rates.instanceRate(RIGHT_SIZE.provider, RIGHT_SIZE.instanceType, 'on_demand', day)}) USD/h ${w}: ~${Math.round(g.utilBase * 100)}% utilisation of ${g.gpuCount} GPUs fits on 1`;
      default: {
        const alt = ALT_MODEL[res.waste ?? 'idle_gpu'] ?? 'on_demand';
        return `Σ instance-hours × (on_demand ${cur} − ${alt} ${this.rates.instanceRate(g.catalogueProvider, g.instanceType, alt, day)}) USD/h ${w} for ${what} running 24/7`;
      }
    }
  }
}

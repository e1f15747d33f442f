/**
 * Writes one resource-day as one daily row or up to 24 hourly rows. Hourly
 * rows split the day's integer quantities exactly (the hours sum to the day),
 * so both granularities bill the same money for the same day.
 */
import type { DemoDay } from './calendar.ts';
import { V } from './focus-format.ts';
import type { RowTemplate } from './focus-format.ts';
import { formatUnits, money } from './money-units.ts';
import type { UnitRates, TokenRates } from './rates.ts';
import type { DemoResource } from './resource.ts';
import type { FocusFile } from './sink.ts';
import type { DayUsage, TokenCounts } from './usage.ts';

const HOUR = 10_000;

export interface DayCost {
  billed: number;
  effective: number;
  list: number;
}

/** Cumulative hour weights (25 entries, last = total) of a diurnal shape. */
function cumulative(weights: readonly number[]): number[] {
  const out = [0];
  for (const w of weights) out.push((out[out.length - 1] ?? 0) + w);
  return out;
}

// US-daytime peak for user-facing traffic; nightly-heavy batch; flat storage.
const SERVING_WEIGHTS = [30, 26, 22, 19, 17, 16, 17, 20, 25, 31, 38, 45, 52, 58, 62, 64, 64, 62, 58, 54, 48, 42, 37, 33];
const SERVING = cumulative(SERVING_WEIGHTS);
const BATCH = cumulative([60, 62, 64, 62, 58, 52, 44, 38, 34, 32, 30, 30, 30, 30, 30, 30, 32, 34, 36, 40, 44, 48, 52, 56]);
const FLAT = cumulative(new Array<number>(24).fill(1));

/** The integer share of `total` falling in hour h (shares sum exactly to total). */
function share(total: number, cum: readonly number[], h: number): number {
  const w = cum[24] ?? 1;
  return Math.floor((total * (cum[h + 1] ?? 0)) / w) - Math.floor((total * (cum[h] ?? 0)) / w);
}

/** Hour h's part of a single machine's q running hours starting at `from` (≤ 1 h per hour). */
function contiguous(q: number, from: number, h: number): number {
  const offset = (h - from + 24) % 24;
  return Math.max(0, Math.min(HOUR, q - offset * HOUR));
}

type Splitter = (q: number, h: number) => number;

function splitterFor(res: DemoResource, q: number): Splitter {
  const single = (res.kind === 'gpu' && res.gpu?.pattern !== 'pool') || res.kind === 'onprem' || (res.kind === 'service' && res.gpu !== undefined);
  if (single && q <= 24 * HOUR) {
    const from = res.activity === 'interactive' ? 13 : 0;
    return (x, h) => contiguous(x, from, h);
  }
  const a = res.service?.choice.activity ?? (res.gpu?.pattern === 'pool' ? 'serving' : 'flat');
  const cum = res.kind === 'llm' || a === 'serving' ? SERVING : a === 'batch' ? BATCH : FLAT;
  return (x, h) => share(x, cum, h);
}

export interface RowSink {
  readonly template: RowTemplate;
  readonly file: FocusFile;
  /** Scratch array of variable cells, reused for every row. */
  readonly values: string[];
  /** Cells of the last unit row, reused while quantity and rates repeat (most hourly rows). */
  last?: { q: number; r: UnitRates; periodHours: number };
}

const UNIT_COLUMNS = ['BilledCost', 'ChargePeriodEnd', 'ChargePeriodStart', 'ConsumedQuantity', 'ContractedCost', 'EffectiveCost', 'ListCost', 'PricingQuantity'];
const GPU_COLUMNS = ['x_GpuCount', 'x_GpuHours', 'x_GpuUtilization'];
const TOKEN_COLUMNS = ['BilledCost', 'ChargePeriodEnd', 'ChargePeriodStart', 'ConsumedQuantity', 'ContractedCost', 'EffectiveCost', 'ListCost',
  'x_InputTokens', 'x_OutputTokens', 'x_CachedInputTokens', 'x_CacheWriteTokens', 'x_Requests'];

/** The variable columns a resource's rows fill (the rest of its row is constant). */
export function variableColumns(res: DemoResource): string[] {
  if (res.kind === 'llm') return TOKEN_COLUMNS;
  const gpu = res.gpu !== undefined || res.onprem !== undefined;
  return [...UNIT_COLUMNS, ...(res.commitmentId ? ['CommitmentDiscountQuantity'] : []), ...(gpu ? GPU_COLUMNS : [])];
}

function unitRow(sink: RowSink, res: DemoResource, q: number, periodHours: number, util: string, r: UnitRates, start: string, end: string): void {
  const v = sink.values;
  const billed = q * r.billed;
  const eff = q * r.effective;
  const list = q * r.list;
  const l = sink.last;
  if (!l || l.q !== q || l.r !== r || l.periodHours !== periodHours) {
    const qty = formatUnits(q, 4);
    const listText = money(list);
    v[V.BilledCost ?? 0] = billed === list ? listText : money(billed);
    v[V.ConsumedQuantity ?? 0] = qty;
    v[V.PricingQuantity ?? 0] = qty;
    v[V.ContractedCost ?? 0] = listText;
    v[V.EffectiveCost ?? 0] = eff === list ? listText : eff === billed ? (v[V.BilledCost ?? 0] ?? '') : money(eff);
    v[V.ListCost ?? 0] = listText;
    v[V.CommitmentDiscountQuantity ?? 0] = qty;
    const gpus = res.gpu?.gpuCount ?? res.onprem?.gpuCount ?? 0;
    v[V.x_GpuCount ?? 0] = String(gpus * Math.ceil(q / (periodHours * HOUR)));
    v[V.x_GpuHours ?? 0] = formatUnits(q * gpus, 4);
    sink.last = { q, r, periodHours };
  }
  v[V.ChargePeriodStart ?? 0] = start;
  v[V.ChargePeriodEnd ?? 0] = end;
  v[V.x_GpuUtilization ?? 0] = util;
  sink.file.usage.gpuHours += q * (res.gpu?.gpuCount ?? res.onprem?.gpuCount ?? 0);
  sink.file.add(sink.template.render(v), billed, eff, list, sink.template.ascii);
}

const tokenCost = (t: TokenCounts, r: TokenRates): number => t.input * r.input + t.output * r.output + t.cached * r.cached + t.write * r.write;

function tokenRow(sink: RowSink, t: TokenCounts, r: TokenRates, start: string, end: string): void {
  const v = sink.values;
  const cost = tokenCost(t, r);
  const text = money(cost);
  v[V.BilledCost ?? 0] = text;
  v[V.ChargePeriodStart ?? 0] = start;
  v[V.ChargePeriodEnd ?? 0] = end;
  v[V.ConsumedQuantity ?? 0] = String(t.input + t.output + t.cached + t.write);
  v[V.ContractedCost ?? 0] = text;
  v[V.EffectiveCost ?? 0] = text;
  v[V.ListCost ?? 0] = text;
  v[V.x_InputTokens ?? 0] = String(t.input);
  v[V.x_OutputTokens ?? 0] = String(t.output);
  v[V.x_CachedInputTokens ?? 0] = String(t.cached);
  v[V.x_CacheWriteTokens ?? 0] = String(t.write);
  v[V.x_Requests ?? 0] = String(t.requests);
  const u = sink.file.usage;
  u.input += t.input;
  u.output += t.output;
  u.cached += t.cached;
  u.write += t.write;
  u.requests += t.requests;
  sink.file.add(sink.template.render(v), cost, cost, cost, sink.template.ascii);
}

/** Money of a day's usage (what its rows add up to), in 1e-10 USD. */
export function dayCost(use: DayUsage, rates: UnitRates | TokenRates): DayCost {
  if (use.tokens && 'output' in rates) {
    const c = tokenCost(use.tokens, rates);
    return { billed: c, effective: c, list: c };
  }
  const r = rates as UnitRates;
  return { billed: use.qty * r.billed, effective: use.qty * r.effective, list: use.qty * r.list };
}

/** Writes the day's rows; `hours` holds the 25 hour boundaries in hourly mode, else null. */
export function emitDay(sink: RowSink, res: DemoResource, day: DemoDay, use: DayUsage, rates: UnitRates | TokenRates, hours: readonly string[] | null): void {
  const util = String(use.util);
  const t = use.tokens;
  if (!hours) {
    if (t && 'output' in rates) {
      if (t.requests + t.input + t.output + t.cached + t.write > 0) tokenRow(sink, t, rates, day.iso, day.nextIso);
    } else if (use.qty > 0) unitRow(sink, res, use.qty, 24, util, rates as UnitRates, day.iso, day.nextIso);
    return;
  }
  if (t && 'output' in rates) {
    // Tokens go only to hours that have requests, so no hourly row has tokens without requests.
    const busy = cumulative(SERVING_WEIGHTS.map((w, h) => (share(t.requests, SERVING, h) > 0 ? w : 0)));
    if ((busy[24] ?? 0) === 0) return;
    for (let h = 0; h < 24; h++) {
      const part = { input: share(t.input, busy, h), output: share(t.output, busy, h), cached: share(t.cached, busy, h), write: share(t.write, busy, h), requests: share(t.requests, SERVING, h) };
      if (part.requests > 0) tokenRow(sink, part, rates, hours[h] ?? '', hours[h + 1] ?? '');
    }
    return;
  }
  const split = splitterFor(res, use.qty);
  for (let h = 0; h < 24; h++) {
    const q = split(use.qty, h);
    if (q > 0) unitRow(sink, res, q, 1, util, rates as UnitRates, hours[h] ?? '', hours[h + 1] ?? '');
  }
}

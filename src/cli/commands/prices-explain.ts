/**
 * `outlay prices`: shows the prices in force on a date and explains each one:
 * from the catalogue (source dataset, snapshot date, a note when the choice
 * needs one) or from the organisation's overrides ($OUTLAY_PRICE_OVERRIDES:
 * which rule, where in the file, and the catalogue price it replaced).
 */
import { OutlayError, parseInstant } from '../../core/index.ts';
import {
  activePriceOverrides, canonicalTokenProvider, fixedTokenPrice, gpuInstancePrices, inForce, overrideInstancePrice, overrideTokenEntry, tokenPrices,
} from '../../pricing/index.ts';
import type { AppliedOverride, GpuInstancePrice, PriceOverride, TokenPrice } from '../../pricing/index.ts';

export interface PricesOptions {
  provider?: string;
  model?: string;
  instance?: string;
  at?: string;
  format: string;
}

/** One explained price, the unit of both outputs. */
interface PriceRow {
  kind: 'gpu_instance' | 'llm_tokens';
  provider: string;
  item: string;
  /** Region for instances, context tier for tokens. */
  scope: string;
  /** Pricing model for instances; 'input/output/cached/cache-write' for tokens. */
  pricing: string;
  price: string;
  unit: string;
  /** 'catalogue', or 'override: <rule name> (<file>:<line>)'. */
  origin: string;
  /** The catalogue price an override replaced or discounted. */
  catalogue_price: string | null;
  price_date: string | null;
  note: string | null;
  source: string;
}

function groups<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return [...m.values()];
}

const contains = (hay: string, needle?: string): boolean => needle === undefined || hay.toLowerCase().includes(needle.toLowerCase());

const origin = (o: AppliedOverride | null | undefined): Pick<PriceRow, 'origin' | 'catalogue_price'> =>
  o ? { origin: `override: ${o.name} (${o.at})`, catalogue_price: o.cataloguePrice } : { origin: 'catalogue', catalogue_price: null };

const notes = (...parts: (string | null | undefined)[]): string | null => parts.filter(Boolean).join('; ') || null;

const tokenRates = (e: TokenPrice): string => [e.inputPerMtok, e.outputPerMtok, e.cachedInputPerMtok ?? '-', e.cacheWritePerMtok ?? '-'].join(' / ');

function gpuRows(o: PricesOptions, at: Date): PriceRow[] {
  if (o.model !== undefined) return [];
  const rows = gpuInstancePrices().filter((e) => (o.provider === undefined || e.provider === o.provider.toLowerCase()) && contains(e.instanceType, o.instance));
  return groups(rows, (e: GpuInstancePrice) => `${e.provider}|${e.instanceType}|${e.region}|${e.pricingModel}`).flatMap((g) => {
    const c = inForce(g, at);
    if (!c) return [];
    const e = c.entry;
    const o = overrideInstancePrice(e, at);
    return [{
      kind: 'gpu_instance', provider: e.provider, item: `${e.instanceType} (${e.gpuCount} × ${e.gpuModel})`, scope: e.region,
      pricing: e.pricingModel, price: o.usdPerHour, unit: 'USD/instance-hour', ...origin(o.applied), price_date: e.priceDate,
      note: notes(c.note, o.applied?.explanation), source: e.source,
    } satisfies PriceRow];
  });
}

function tokenRows(o: PricesOptions, at: Date): PriceRow[] {
  if (o.instance !== undefined) return [];
  const provider = o.provider === undefined ? undefined : canonicalTokenProvider(o.provider);
  const rows = tokenPrices().filter((e) => (provider === undefined || e.provider === provider) && contains(e.model, o.model));
  return groups(rows, (e: TokenPrice) => `${e.provider}|${e.model}|${e.contextTier}`).flatMap((g) => {
    const c = inForce(g, at);
    if (!c) return [];
    const e = c.entry;
    const ov = overrideTokenEntry(e, at);
    const p = ov.price;
    const batch = p.batchDiscountPct === null ? '' : `batch −${p.batchDiscountPct}%`;
    return [{
      kind: 'llm_tokens', provider: e.provider, item: e.model, scope: p.contextTier, pricing: 'in / out / cached / write',
      price: tokenRates(p), unit: 'USD/Mtok', ...origin(ov.applied), price_date: p.priceDate, note: notes(c.note, ov.applied?.explanation, batch), source: p.source,
    } satisfies PriceRow];
  });
}

/** Fixed-price token overrides in force (private models the catalogue may not list), one row per rule. */
function fixedTokenRows(o: PricesOptions, at: Date): PriceRow[] {
  if (o.instance !== undefined) return [];
  const day = at.toISOString().slice(0, 10);
  const provider = o.provider === undefined ? undefined : canonicalTokenProvider(o.provider);
  const rules = (activePriceOverrides()?.rules ?? []).filter((r): r is PriceOverride & { tokens: NonNullable<PriceOverride['tokens']> } =>
    r.tokens !== undefined && r.price !== undefined && r.from <= day && (r.until === undefined || day < r.until)
    && (provider === undefined || r.tokens.provider === provider) && contains(r.tokens.model, o.model));
  return rules.map((r) => {
    const f = fixedTokenPrice(r.tokens.provider, r.tokens.model, r, null);
    return {
      kind: 'llm_tokens', provider: r.tokens.provider, item: r.tokens.model, scope: 'all', pricing: 'in / out / cached / write',
      price: tokenRates(f.price), unit: 'USD/Mtok', ...origin(f.applied), price_date: r.from, note: notes(r.note, `in force ${r.from} to ${r.until ?? 'open'}`), source: f.price.source,
    } satisfies PriceRow;
  });
}

function table(rows: readonly PriceRow[]): string {
  const cols: (keyof PriceRow)[] = ['provider', 'item', 'scope', 'pricing', 'price', 'unit', 'origin', 'price_date', 'note'];
  const cells = [cols.map(String), ...rows.map((r) => cols.map((c) => String(r[c] ?? '')))];
  const widths = cols.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

export async function run(o: PricesOptions): Promise<void> {
  if (o.format !== 'table' && o.format !== 'json') {
    throw new OutlayError('INPUT_INVALID', `--format must be table or json, got "${o.format}"`, { field: 'format', value: o.format });
  }
  const at = o.at === undefined ? new Date() : parseInstant(o.at, 'at');
  const rows = [...gpuRows(o, at), ...tokenRows(o, at), ...fixedTokenRows(o, at)];
  if (rows.length === 0) throw new OutlayError('NOT_FOUND', 'no catalogue price matches those filters');
  if (o.format === 'json') {
    process.stdout.write(`${JSON.stringify({ at: at.toISOString(), currency: 'USD', prices: rows }, null, 2)}\n`);
    return;
  }
  const overrides = activePriceOverrides();
  const from = overrides ? `; organisation overrides from ${overrides.file} applied first` : '';
  process.stdout.write(`Prices in force on ${at.toISOString().slice(0, 10)} (USD; latest snapshot dated on or before that day${from})\n\n${table(rows)}\n`);
  const sources = [...new Set(rows.map((r) => r.source.split(' ')[0] ?? ''))];
  process.stdout.write(`\nSources: ${sources.join(', ')} (full source per row with --format json; see src/pricing/data/README.md)\n`);
}


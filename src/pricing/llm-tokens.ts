/**
 * LLM token catalogue: USD per million tokens per (provider, model, context
 * tier), effective-dated, and exact pricing of token counts.
 */
import { addDecimals } from '../core/index.ts';
import { readCatalogueCsv } from './csv.ts';
import { multiplyDecimals } from './decimal.ts';
import { groupBy, inForce } from './effective-date.ts';
import type { PriceOrigin } from './effective-date.ts';
import type { Unpriced } from './unpriced.ts';
import { discountTokenPrice, fixedTokenPrice, tokenOverrideFor } from './overrides/apply.ts';
import type { AppliedOverride } from './overrides/types.ts';

export interface TokenPrice extends PriceOrigin {
  readonly provider: string;
  readonly model: string;
  /** USD per 1,000,000 tokens, exact decimal strings; null = not in the source. */
  readonly inputPerMtok: string;
  readonly outputPerMtok: string;
  readonly cachedInputPerMtok: string | null;
  readonly cacheWritePerMtok: string | null;
  /** Percent off input/output for batch jobs; null = unknown (not "none"). */
  readonly batchDiscountPct: string | null;
  /** 'all', '<=200k' or '>200k' (prompt size bands). */
  readonly contextTier: string;
}

export interface TokenPriceQuote extends PriceOrigin {
  readonly priced: true;
  /** The rates that apply: the catalogue's, or an organisation override's. */
  readonly price: TokenPrice;
  readonly currency: 'USD';
  readonly note?: string;
  /** Set when an organisation override changed the catalogue price. */
  readonly override?: AppliedOverride;
}

/** Token counts of a charge; missing counts are 0. */
export interface TokenUsage {
  readonly input?: number | bigint;
  readonly output?: number | bigint;
  readonly cachedInput?: number | bigint;
  readonly cacheWrite?: number | bigint;
}

export interface TokenCost {
  readonly priced: true;
  /** Exact USD decimal string. */
  readonly cost: string;
  readonly currency: 'USD';
  readonly notes: readonly string[];
}

/** Other spellings of catalogue providers (ProviderName values and litellm prefixes). */
const PROVIDER_ALIASES: Record<string, string> = {
  bedrock: 'aws_bedrock', 'amazon bedrock': 'aws_bedrock', aws: 'aws_bedrock',
  vertex_ai: 'google_vertex_ai', vertex: 'google_vertex_ai', 'vertex ai': 'google_vertex_ai',
  gemini: 'google_gemini_api', azure: 'azure_openai', 'azure openai': 'azure_openai',
};

let cache: TokenPrice[] | undefined;
let byModel: Map<string, TokenPrice[]> | undefined;

const blank = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);
const norm = (s: string): string => s.trim().toLowerCase();

export function canonicalTokenProvider(provider: string): string {
  const p = norm(provider);
  return PROVIDER_ALIASES[p] ?? p;
}

/** Every row of llm-tokens.csv as a typed entry (loaded once). */
export function tokenPrices(): readonly TokenPrice[] {
  cache ??= readCatalogueCsv('llm-tokens.csv').map((r) => ({
    provider: r.provider ?? '',
    model: r.model ?? '',
    inputPerMtok: r.input_usd_per_mtok ?? '0',
    outputPerMtok: r.output_usd_per_mtok ?? '0',
    cachedInputPerMtok: blank(r.cached_input_usd_per_mtok),
    cacheWritePerMtok: blank(r.cache_write_usd_per_mtok),
    batchDiscountPct: blank(r.batch_discount_pct),
    contextTier: r.context_tier || 'all',
    priceDate: blank(r.price_date),
    source: r.source ?? '',
  }));
  return cache;
}

function index(): Map<string, TokenPrice[]> {
  byModel ??= groupBy(tokenPrices(), (e) => `${norm(e.provider)}|${norm(e.model)}`);
  return byModel;
}

/**
 * A snapshot or version suffix that usage reports add to a model the
 * catalogue may list only by its family id: OpenAI's dates
 * ("gpt-4o-mini-2024-07-18", "gpt-4-0613"), Anthropic's ("-20241022"),
 * Gemini's versions ("gemini-2.0-flash-001") and "-latest".
 */
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3}|latest)$/;

/**
 * Exact model id, else the dated snapshot it abbreviates ("claude-sonnet-4" →
 * "claude-sonnet-4-20250514", the latest if several), else the only id it
 * prefixes, else — for a snapshot the catalogue does not list
 * ("gpt-4o-mini-2024-07-18") — its family id, resolved the same way.
 */
function resolveModel(provider: string, model: string): { rows: TokenPrice[]; note?: string } | undefined {
  const prefix = `${provider}|${norm(model)}`;
  const exact = index().get(prefix);
  if (exact) return { rows: exact };
  const keys = [...index().keys()].filter((k) => k.startsWith(`${prefix}-`) || k.startsWith(`${prefix}@`));
  const dated = keys.filter((k) => /^[-@]\d{8}(-v\d+(:\d+)?)?$/.test(k.slice(prefix.length))).sort();
  const pick = dated.length > 0 ? dated[dated.length - 1] : keys.length === 1 ? keys[0] : undefined;
  const rows = pick === undefined ? undefined : index().get(pick);
  if (rows?.[0]) return { rows, note: `model "${model}" matched catalogue id "${rows[0].model}"` };
  const family = model.trim().replace(SNAPSHOT_SUFFIX, '');
  if (family === model.trim()) return undefined;
  const base = resolveModel(provider, family);
  return base?.rows[0] ? { rows: base.rows, note: `model "${model}" priced as its family "${base.rows[0].model}" (the catalogue has no row for that snapshot)` } : undefined;
}

/** Picks the tier for a prompt size: '>Nk' applies when contextTokens > N×1000. */
function tierMatches(tier: string, contextTokens: number): boolean {
  const m = /^(<=|>)(\d+)k$/.exec(tier);
  if (!m) return true;
  const limit = Number(m[2]) * 1000;
  return m[1] === '>' ? contextTokens > limit : contextTokens <= limit;
}

/**
 * The per-token price of a model in force on `at`: the catalogue's, unless an
 * organisation override (overrides/) discounts it or fixes it; a fixed price
 * also prices models the catalogue does not know (private fine-tunes).
 * @param contextTokens prompt size of a request, to choose a context tier (default: the lower tier)
 * @example tokenPrice('openai', 'gpt-4o', new Date('2026-08-01'))
 */
export function tokenPrice(provider: string, model: string, at: Date | string = new Date(), contextTokens = 0): TokenPriceQuote | Unpriced {
  const p = canonicalTokenProvider(provider);
  const resolved = resolveModel(p, model);
  const chosen = resolved && inForce(resolved.rows.filter((r) => tierMatches(r.contextTier, contextTokens)), at);
  const rule = tokenOverrideFor(p, model, at) ?? (chosen ? tokenOverrideFor(p, chosen.entry.model, at) : undefined);
  if (rule?.price) {
    const fixed = fixedTokenPrice(p, model, rule, chosen ? chosen.entry : null);
    return { priced: true, price: fixed.price, currency: 'USD', source: fixed.price.source, priceDate: fixed.price.priceDate, note: fixed.applied.explanation, override: fixed.applied };
  }
  if (!resolved) return { priced: false, reason: `no token price for ${provider} model "${model}"` };
  if (!chosen) return { priced: false, reason: `no context tier of ${model} covers ${contextTokens} tokens` };
  const notes = [resolved.note, chosen.note].filter((n): n is string => n !== undefined);
  const e = chosen.entry;
  const off = rule ? discountTokenPrice(e, rule) : undefined;
  if (off) notes.push(off.applied.explanation);
  return {
    priced: true, price: off?.price ?? e, currency: 'USD', source: e.source, priceDate: e.priceDate,
    ...(notes.length ? { note: notes.join('; ') } : {}), ...(off ? { override: off.applied } : {}),
  };
}

/** tokens × USD/Mtok ÷ 1e6, exact. */
function lineCost(tokens: number | bigint, perMtok: string): string {
  return multiplyDecimals(tokens, perMtok, '0.000001');
}

/**
 * Exact USD cost of token counts at a price. Cached reads and cache writes
 * without their own price are charged at the input rate (as OpenAI does), and
 * the notes say so.
 * @example priceTokens({ input: 1e6, output: 1e6 }, gpt4o).cost // '12.5'
 */
export function priceTokens(usage: TokenUsage, price: TokenPrice | TokenPriceQuote, opts: { batch?: boolean } = {}): TokenCost {
  const p = 'price' in price ? price.price : price;
  const notes: string[] = [];
  const rate = (own: string | null, what: string): string => {
    if (own !== null) return own;
    if (Number(usage[what === 'cached input' ? 'cachedInput' : 'cacheWrite'] ?? 0) > 0) notes.push(`no ${what} price; charged at the input rate`);
    return p.inputPerMtok;
  };
  const parts = [
    lineCost(usage.input ?? 0, p.inputPerMtok),
    lineCost(usage.output ?? 0, p.outputPerMtok),
    lineCost(usage.cachedInput ?? 0, rate(p.cachedInputPerMtok, 'cached input')),
    lineCost(usage.cacheWrite ?? 0, rate(p.cacheWritePerMtok, 'cache write')),
  ];
  let cost = addDecimals(parts);
  if (opts.batch) {
    if (p.batchDiscountPct === null) notes.push('batch discount unknown; list price used');
    else cost = multiplyDecimals(cost, addDecimals(['100', `-${p.batchDiscountPct}`]), '0.01');
  }
  return { priced: true, cost: multiplyDecimals(cost, 1), currency: 'USD', notes };
}

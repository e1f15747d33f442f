/**
 * Prices token usage exactly, by kind, from the catalogue in force on the
 * usage date. What the catalogue has no rate for is never priced as free:
 * those tokens make the row 'partial' (or 'unpriced' when nothing could be
 * priced) and the note names the kind.
 *
 * Rates by kind (USD per million tokens, catalogue columns in brackets):
 *   text input, uncached ........ [input]
 *   image input ................. [input] (vision input is billed as text input)
 *   cache read .................. [cached_input], else [input] with a note
 *   cache write, 5 minutes ...... [cache_write], else [input] with a note
 *   cache write, 1 hour ......... Anthropic: 2 × [input] (Anthropic's published
 *                                 multiplier); others: no rate → partial
 *   output (reasoning included) . [output]; reasoning is billed as output
 *   audio in/out, image out ..... no catalogue rate → partial
 * Tiers: batch and flex apply [batch_discount_pct] (Anthropic: 50 % when the
 * catalogue has none, its published rule; otherwise unknown → partial);
 * priority and Anthropic's fast mode (speed "fast", billed at a premium)
 * have no catalogue rate → unpriced; a context tier is chosen from
 * the provider's context-window label or the mean prompt size per request.
 */
import { addDecimals } from '../../core/index.ts';
import { multiplyDecimals, tokenPrice, type TokenPrice } from '../../pricing/index.ts';

export interface TokenCounts {
  readonly textIn?: bigint;
  readonly imageIn?: bigint;
  readonly audioIn?: bigint;
  readonly cacheRead?: bigint;
  readonly cacheWrite5m?: bigint;
  readonly cacheWrite1h?: bigint;
  /** All output tokens except audio and image output (reasoning included). */
  readonly textOut?: bigint;
  readonly audioOut?: bigint;
  readonly imageOut?: bigint;
}

export interface PriceRequest {
  readonly provider: string;
  readonly model: string | null;
  readonly at: Date;
  readonly tokens: TokenCounts;
  /** standard (default), batch, flex, priority … as the provider spells it. */
  readonly serviceTier?: string | null;
  readonly batch?: boolean;
  /** Anthropic's inference speed: "fast" is billed at a premium the catalogue has no rate for. */
  readonly speed?: string | null;
  /** Mean prompt tokens per request (chooses a context tier). */
  readonly contextTokens?: number;
}

export type PricingStatus = 'priced' | 'partial' | 'unpriced';

export interface PriceResult {
  readonly status: PricingStatus;
  /** Exact USD; null when unpriced. */
  readonly cost: string | null;
  readonly note: string | null;
}

const PER_MTOK = '0.000001';
const STANDARD_TIERS = new Set(['', 'standard', 'default', 'auto', 'on_demand', 'standard_only']);

function cost(n: bigint | undefined, perMtok: string): string {
  return n ? multiplyDecimals(n, perMtok, PER_MTOK) : '0';
}

function tierOf(req: PriceRequest): 'standard' | 'batch' | 'priority' | 'other' {
  const t = (req.serviceTier ?? '').trim().toLowerCase();
  if (req.batch || t === 'batch' || t === 'flex' || t === 'flex_discount') return 'batch';
  if (t.startsWith('priority') || t === 'scale') return 'priority';
  return STANDARD_TIERS.has(t) ? 'standard' : 'other';
}

function lines(p: TokenPrice, provider: string, t: TokenCounts, notes: string[], missing: string[]): string[] {
  const fallback = (own: string | null, n: bigint | undefined, what: string): string => {
    if (own !== null) return own;
    if (n) notes.push(`no ${what} rate; charged at the input rate`);
    return p.inputPerMtok;
  };
  const out = [
    cost(t.textIn, p.inputPerMtok),
    cost(t.imageIn, p.inputPerMtok),
    cost(t.cacheRead, fallback(p.cachedInputPerMtok, t.cacheRead, 'cache-read')),
    cost(t.cacheWrite5m, fallback(p.cacheWritePerMtok, t.cacheWrite5m, 'cache-write')),
    cost(t.textOut, p.outputPerMtok),
  ];
  if (t.cacheWrite1h) {
    if (provider === 'anthropic') out.push(cost(t.cacheWrite1h, multiplyDecimals(p.inputPerMtok, 2)));
    else missing.push(`${t.cacheWrite1h} 1h cache-write`);
  }
  if (t.audioIn) missing.push(`${t.audioIn} audio input`);
  if (t.audioOut) missing.push(`${t.audioOut} audio output`);
  if (t.imageOut) missing.push(`${t.imageOut} image output`);
  return out;
}

const total = (t: TokenCounts): bigint => Object.values(t).reduce<bigint>((a, b) => a + (b ?? 0n), 0n);

/**
 * @example priceUsage({ provider: 'openai', model: 'gpt-4o', at: new Date('2026-08-01'),
 *   tokens: { textIn: 1_000_000n, textOut: 1_000_000n } }) // { status: 'priced', cost: '12.5' }
 */
export function priceUsage(req: PriceRequest): PriceResult {
  if (total(req.tokens) === 0n) return { status: 'priced', cost: '0', note: null };
  if (!req.model) return { status: 'unpriced', cost: null, note: 'no model in the data (usage not grouped by model): cannot price' };
  const tier = tierOf(req);
  if (tier === 'priority') return { status: 'unpriced', cost: null, note: `no ${req.serviceTier} tier rate in the catalogue for ${req.model}` };
  if ((req.speed ?? '').trim().toLowerCase() === 'fast') return { status: 'unpriced', cost: null, note: `no fast-mode (speed "fast") rate in the catalogue for ${req.model}: fast mode is billed at a premium over standard rates` };
  const quote = tokenPrice(req.provider, req.model, req.at, req.contextTokens ?? 0);
  if (!quote.priced) return { status: 'unpriced', cost: null, note: quote.reason };
  const notes: string[] = [`${quote.price.provider}/${quote.price.model} ${quote.price.contextTier} @${quote.priceDate ?? 'undated'}`];
  if (quote.note) notes.push(quote.note);
  if (tier === 'other') notes.push(`service tier "${req.serviceTier}" priced at standard rates`);
  const missing: string[] = [];
  let usd = addDecimals(lines(quote.price, quote.price.provider, req.tokens, notes, missing));
  if (tier === 'batch') {
    // Anthropic publishes one rule for every model: Message Batches cost 50 % of standard.
    const pct = quote.price.batchDiscountPct ?? (quote.price.provider === 'anthropic' ? '50' : null);
    if (pct === null) missing.push('batch discount (unknown; list price used)');
    else usd = multiplyDecimals(usd, addDecimals(['100', `-${pct}`]), '0.01');
    if (quote.price.batchDiscountPct === null && pct !== null) notes.push('Anthropic batch: 50 % of standard');
  }
  usd = multiplyDecimals(usd, 1);
  if (missing.length) notes.unshift(`no catalogue rate for ${missing.join(', ')}`);
  return { status: missing.length ? 'partial' : 'priced', cost: usd, note: notes.join('; ') };
}

/** Context tier from a provider's window label ("0-200k", "200k-1M") as a prompt size. */
export function contextTokensFromWindow(label: string | null): number | undefined {
  if (!label) return undefined;
  const m = /^(\d+)k?-/i.exec(label.trim());
  return m ? Number(m[1]) * 1000 + (Number(m[1]) > 0 ? 1 : 0) : undefined;
}

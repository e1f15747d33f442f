/**
 * Applying the organisation's overrides to catalogue prices. The active set
 * is installed once by the surface that read the configuration (CLI or
 * server) with usePriceOverrides; every catalogue lookup (tokenPrice,
 * instancePrice, and what builds on them) consults it, so all pricing of a
 * process agrees. With none installed prices are the catalogue's.
 */
import { addDecimals } from '../../core/index.ts';
import { multiplyDecimals } from '../decimal.ts';
import { dateKey } from '../effective-date.ts';
import type { GpuInstancePrice } from '../gpu-instances.ts';
import type { TokenPrice } from '../llm-tokens.ts';
import type { AppliedOverride, PriceOverride, PriceOverrides } from './types.ts';

let active: PriceOverrides | null = null;

/** Installs (or, with null, removes) the overrides every lookup applies. */
export function usePriceOverrides(overrides: PriceOverrides | null): void {
  active = overrides;
}

export function activePriceOverrides(): PriceOverrides | null {
  return active;
}

const globCache = new Map<string, RegExp>();

/** Case-insensitive whole-string match; * is any run of characters, ? one character. */
function globMatches(pattern: string, value: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    re = new RegExp(`^${body}$`, 'i');
    globCache.set(pattern, re);
  }
  return re.test(value.trim());
}

function inForceOn(rule: PriceOverride, day: string): boolean {
  return rule.from <= day && (rule.until === undefined || day < rule.until);
}

const where = (r: PriceOverride): string => `${r.file}:${r.line}`;

/** Price less pct percent, exact. */
const discounted = (price: string, pct: string): string => multiplyDecimals(price, addDecimals(['100', `-${pct}`]), '0.01');

/** The first rule in force on `at` that matches an instance price. */
function gpuOverrideFor(e: Pick<GpuInstancePrice, 'provider' | 'instanceType' | 'region' | 'pricingModel'>, at: Date | string): PriceOverride | undefined {
  const day = dateKey(at);
  return active?.rules.find((r) => r.gpu !== undefined && inForceOn(r, day)
    && globMatches(r.gpu.provider, e.provider) && globMatches(r.gpu.instance, e.instanceType)
    && (r.gpu.region === undefined || globMatches(r.gpu.region, e.region))
    && (r.gpu.pricingModel === undefined || r.gpu.pricingModel === e.pricingModel));
}

/** The first rule in force on `at` that matches a model (provider already canonical, see llm-tokens). */
export function tokenOverrideFor(provider: string, model: string, at: Date | string): PriceOverride | undefined {
  const day = dateKey(at);
  return active?.rules.find((r) => r.tokens !== undefined && inForceOn(r, day)
    && globMatches(r.tokens.provider, provider) && globMatches(r.tokens.model, model));
}

/** An instance's hourly price after the override in force (the catalogue's when none applies). */
export function overrideInstancePrice(e: GpuInstancePrice, at: Date | string): { usdPerHour: string; applied: AppliedOverride | null } {
  const r = gpuOverrideFor(e, at);
  if (!r) return { usdPerHour: e.usdPerHour, applied: null };
  if (r.usdPerHour !== undefined) {
    return { usdPerHour: r.usdPerHour, applied: { name: r.name, at: where(r), kind: 'fixed', cataloguePrice: e.usdPerHour, explanation: `fixed ${r.usdPerHour} USD/h by override "${r.name}" (${where(r)}) instead of catalogue ${e.usdPerHour}` } };
  }
  const pct = r.discountPct ?? '0';
  const usd = discounted(e.usdPerHour, pct);
  return { usdPerHour: usd, applied: { name: r.name, at: where(r), kind: 'discount', cataloguePrice: e.usdPerHour, explanation: `catalogue ${e.usdPerHour} less ${pct} % = ${usd} by override "${r.name}" (${where(r)})` } };
}

const rates = (p: TokenPrice): string => [p.inputPerMtok, p.outputPerMtok, p.cachedInputPerMtok ?? '-', p.cacheWritePerMtok ?? '-'].join(' / ');

/** Catalogue token rates after a discount override (every kind scaled alike). */
export function discountTokenPrice(p: TokenPrice, r: PriceOverride): { price: TokenPrice; applied: AppliedOverride } {
  const pct = r.discountPct ?? '0';
  const off = (v: string | null): string | null => (v === null ? null : discounted(v, pct));
  const price: TokenPrice = {
    ...p, inputPerMtok: discounted(p.inputPerMtok, pct), outputPerMtok: discounted(p.outputPerMtok, pct),
    cachedInputPerMtok: off(p.cachedInputPerMtok), cacheWritePerMtok: off(p.cacheWritePerMtok),
  };
  return { price, applied: { name: r.name, at: where(r), kind: 'discount', cataloguePrice: rates(p), explanation: `catalogue ${rates(p)} USD/Mtok less ${pct} % by override "${r.name}" (${where(r)})` } };
}

/** Token rates fixed by an override, as a catalogue-shaped entry. */
export function fixedTokenPrice(provider: string, model: string, r: PriceOverride, catalogue: TokenPrice | null): { price: TokenPrice; applied: AppliedOverride } {
  const f = r.price!;
  const price: TokenPrice = {
    provider, model, inputPerMtok: f.input, outputPerMtok: f.output, cachedInputPerMtok: f.cachedInput ?? null, cacheWritePerMtok: f.cacheWrite ?? null,
    batchDiscountPct: f.batchDiscountPct ?? null, contextTier: 'all', priceDate: r.from, source: `override "${r.name}" (${where(r)})`,
  };
  const instead = catalogue ? ` instead of catalogue ${rates(catalogue)}` : ' (not in the catalogue)';
  return { price, applied: { name: r.name, at: where(r), kind: 'fixed', cataloguePrice: catalogue ? rates(catalogue) : null, explanation: `fixed ${rates(price)} USD/Mtok by override "${r.name}" (${where(r)})${instead}` } };
}

/** A catalogue token entry as the organisation pays it on `at` (for listings; lookups use tokenPrice). */
export function overrideTokenEntry(e: TokenPrice, at: Date | string): { price: TokenPrice; applied: AppliedOverride | null } {
  const rule = tokenOverrideFor(e.provider, e.model, at);
  if (!rule) return { price: e, applied: null };
  return rule.price ? fixedTokenPrice(e.provider, e.model, rule, e) : discountTokenPrice(e, rule);
}

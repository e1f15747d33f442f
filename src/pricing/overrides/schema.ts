/**
 * The organisation's price overrides file (YAML), validated with zod. Each
 * rule matches GPU instance prices (`gpu`) or LLM token prices (`tokens`) and
 * either takes a percentage off the catalogue price (`discountPct`) or sets a
 * fixed price (`usdPerHour` for instances, `price` per million tokens for a
 * model, e.g. a private fine-tune the catalogue does not know). Rules are
 * effective-dated, [from, until) in UTC days, and the first rule in the file
 * that matches and is in force wins.
 */
import { z } from 'zod';
import { writtenDayExists } from '../../core/index.ts';
import { PRICING_MODELS } from '../gpu-instances.ts';

const DECIMAL = /^\d+(\.\d+)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A non-negative decimal, written as a YAML number or string; kept as exact text. */
const amount = z.union([z.number(), z.string()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((s) => DECIMAL.test(s), { message: 'must be a non-negative decimal number, e.g. 12.5 or "0.30"', abort: true });

const DAY_MESSAGE = 'must be a date YYYY-MM-DD (UTC)';
const day = z.string({ error: `${DAY_MESSAGE}; quote it if YAML reads it as something else` }).regex(DAY, DAY_MESSAGE)
  // 2026-02-30 or 2026-13-01 match DAY but are no day: compared as text, such a rule would be in force on the wrong days.
  .refine((s) => !DAY.test(s) || writtenDayExists(s), { message: 'is not a day of the calendar' });
const pattern = z.string().trim().min(1, 'must not be empty (use * to match everything)');

const GpuMatch = z.object({
  provider: pattern,
  /** Instance type, * and ? as wildcards: "p5.*", "Standard_ND*". */
  instance: pattern,
  region: pattern.optional(),
  pricingModel: z.enum(PRICING_MODELS).optional(),
}).strict();

const TokenMatch = z.object({
  provider: pattern,
  /** Model id, * and ? as wildcards: "ft:gpt-4o-mini:acme:*". */
  model: pattern,
}).strict();

/** USD per million tokens; cachedInput and cacheWrite default to input, as the catalogue does. */
const TokenRates = z.object({
  input: amount,
  output: amount,
  cachedInput: amount.optional(),
  cacheWrite: amount.optional(),
  batchDiscountPct: amount.optional(),
}).strict();

const Rule = z.object({
  name: z.string().trim().min(1, 'give each override a name (it is shown when the price is explained)'),
  gpu: GpuMatch.optional(),
  tokens: TokenMatch.optional(),
  discountPct: amount.refine((s) => Number(s) <= 100, 'must be between 0 and 100').optional(),
  usdPerHour: amount.optional(),
  price: TokenRates.optional(),
  from: day,
  until: day.optional(),
  note: z.string().optional(),
}).strict().superRefine((r, ctx) => {
  if ((r.gpu === undefined) === (r.tokens === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['gpu'], message: 'give exactly one of gpu (instance prices) or tokens (LLM token prices)' });
  }
  const prices = [r.discountPct, r.usdPerHour, r.price].filter((p) => p !== undefined).length;
  if (prices !== 1) ctx.addIssue({ code: 'custom', path: ['discountPct'], message: 'give exactly one of discountPct, usdPerHour (gpu) or price (tokens)' });
  if (r.usdPerHour !== undefined && r.gpu === undefined) ctx.addIssue({ code: 'custom', path: ['usdPerHour'], message: 'usdPerHour fixes an instance price: use it with gpu' });
  if (r.price !== undefined && r.tokens === undefined) ctx.addIssue({ code: 'custom', path: ['price'], message: 'price fixes token rates: use it with tokens' });
  if (r.until !== undefined && r.until <= r.from) ctx.addIssue({ code: 'custom', path: ['until'], message: `must be after from (${r.from}); until is exclusive` });
});

export const PriceOverridesSchema = z.object({
  overrides: z.array(Rule),
}).strict();

export type PriceOverrideRule = z.output<typeof Rule>;

/**
 * The price catalogue (as `outlay prices`): the GPU-instance and LLM-token
 * prices in force on a date, each entry with its source and snapshot date,
 * after the organisation's overrides (`override` says which rule and the
 * catalogue price it replaced). Every role may read them.
 */
import { z } from 'zod';
import { parseInstant } from '../../core/index.ts';
import { canonicalTokenProvider, gpuInstancePrices, inForce, overrideInstancePrice, overrideTokenEntry, tokenPrices } from '../../pricing/index.ts';
import { defineRoute } from './route.ts';
import { limitParam, nextOffsetSchema, offsetParam, paged } from './params.ts';

/** Entries in force on `at`, one per key (latest snapshot on or before that day). */
function inForceBy<T extends { priceDate: string | null }>(entries: readonly T[], key: (e: T) => string, at: Date): Array<T & { note: string | null }> {
  const byKey = new Map<string, T[]>();
  for (const e of entries) byKey.set(key(e), [...(byKey.get(key(e)) ?? []), e]);
  return [...byKey.values()].flatMap((g) => {
    const chosen = inForce(g, at);
    return chosen ? [{ ...chosen.entry, note: chosen.note ?? null }] : [];
  });
}

const has = (hay: string, needle: string | undefined): boolean => needle === undefined || hay.toLowerCase().includes(needle.toLowerCase());

export const listPrices = defineRoute({
  method: 'get',
  path: '/api/v1/prices',
  operationId: 'listPrices',
  tag: 'prices',
  summary: 'Catalogue prices in force on a date (USD): GPU instances per hour, LLM tokens per million',
  permission: 'prices:read',
  query: z.object({
    kind: z.enum(['gpu_instance', 'llm_tokens']).optional(),
    provider: z.string().optional().describe('aws, gcp, azure, openai, anthropic …'),
    model: z.string().optional().describe('LLM model id or part of it'),
    instance: z.string().optional().describe('Instance type or part of it'),
    at: z.string().optional().describe('Usage date YYYY-MM-DD (default today, UTC)'),
    limit: limitParam(100, 1000),
    offset: offsetParam,
  }).strict(),
  responses: {
    200: {
      description: 'Entries with source, snapshot date and note',
      schema: z.object({ at: z.string(), currency: z.literal('USD'), items: z.array(z.record(z.string(), z.unknown())), next_offset: nextOffsetSchema }),
    },
  },
  async handler({ c, query }) {
    const at = query.at ? parseInstant(query.at, 'at') : new Date();
    const gpu = query.kind === 'llm_tokens' || query.model !== undefined ? [] : inForceBy(
      gpuInstancePrices().filter((e) => (query.provider === undefined || e.provider === query.provider.toLowerCase()) && has(e.instanceType, query.instance)),
      (e) => `${e.provider}|${e.instanceType}|${e.region}|${e.pricingModel}`, at,
    ).map((e) => {
      const o = overrideInstancePrice(e, at);
      return { kind: 'gpu_instance', ...e, usdPerHour: o.usdPerHour, override: o.applied };
    });
    const tokenProvider = query.provider === undefined ? undefined : canonicalTokenProvider(query.provider);
    const tokens = query.kind === 'gpu_instance' || query.instance !== undefined ? [] : inForceBy(
      tokenPrices().filter((e) => (tokenProvider === undefined || e.provider === tokenProvider) && has(e.model, query.model)),
      (e) => `${e.provider}|${e.model}|${e.contextTier}`, at,
    ).map((e) => {
      const o = overrideTokenEntry(e, at);
      return { kind: 'llm_tokens', ...o.price, note: e.note, override: o.applied };
    });
    const all = [...gpu, ...tokens];
    const page = await paged(query.limit, query.offset, async (l, o) => all.slice(o, o + l));
    return c.json({ at: at.toISOString(), currency: 'USD' as const, ...page });
  },
});

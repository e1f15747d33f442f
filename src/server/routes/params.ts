/**
 * Query-string building blocks shared by routes: paging with hard limits,
 * comma lists, repeatable parameters. Query values arrive as strings (or
 * string arrays when repeated), so numbers are coerced here.
 */
import { z } from 'zod';

/** `a,b,c` → ['a','b','c']. */
export const csvList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** `?filter=a&filter=b` → ['a','b']; a single value → ['a']. */
export const repeated = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

export const offsetParam = z.coerce.number().int('must be a whole number').min(0).default(0).describe('Rows to skip (from next_offset of the previous page)');

/** limit with a default and a ceiling. */
export const limitParam = (dflt: number, max: number) =>
  z.coerce.number().int('must be a whole number').min(1).max(max).default(dflt).describe(`Rows per page (default ${dflt}, at most ${max})`);

export const pageQuery = (dflt = 100, max = 1000) => z.object({ limit: limitParam(dflt, max), offset: offsetParam }).strict();

export const nextOffsetSchema = z.number().int().nullable().describe('Offset of the next page; null on the last page');

/**
 * Fetches limit+1 to learn whether another page exists without a count query.
 */
export async function paged<T>(limit: number, offset: number, fetch: (limit: number, offset: number) => Promise<readonly T[]>): Promise<{ items: T[]; next_offset: number | null }> {
  const got = await fetch(limit + 1, offset);
  const items = got.slice(0, limit);
  return { items, next_offset: got.length > limit ? offset + limit : null };
}


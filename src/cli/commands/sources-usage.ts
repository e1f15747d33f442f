/**
 * Usage by kind per source for `outlay sources --format json`: every token
 * kind the usage importers record, requests and GPU-hours, from one scoped
 * query grouped by source file (the store's per-source summaries keep only
 * the main kinds).
 */
import type { SourceInfo, Store } from '../../store/index.ts';
import { FULL_ACCESS } from '../../store/index.ts';

const KINDS = ['gpu_hours', 'input_tokens', 'cached_tokens', 'cache_write_tokens', 'cache_write_1h_tokens', 'output_tokens', 'reasoning_tokens',
  'audio_input_tokens', 'audio_output_tokens', 'image_input_tokens', 'image_output_tokens', 'requests', 'web_search_requests'] as const;

export type UsageByKind = Record<string, string>;

export async function usageByKind(store: Store, sources: readonly SourceInfo[]): Promise<(SourceInfo & { usageByKind: UsageByKind })[]> {
  const res = await store.query({ measures: [...KINDS], groupBy: ['source_file'], limit: 1_000_000 }, FULL_ACCESS);
  const byPath = new Map<string, UsageByKind>();
  for (const r of res.rows) {
    const kinds: UsageByKind = {};
    for (const [k, v] of Object.entries(r)) if (k !== 'x_SourceFile') kinds[k] = v ?? '0';
    byPath.set(r.x_SourceFile ?? '', kinds);
  }
  return sources.map((s) => ({ ...s, usageByKind: s.status === 'active' ? byPath.get(s.path) ?? {} : {} }));
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { addDecimals } from '../../core/index.ts';
import type { CurrencyTotals, SourceInfo, UsageTotals } from '../types.ts';
import { trimDecimal } from './query-sql.ts';

interface SourceRow {
  id: string; path: string; sha256: string; bytes: string; format: string; delivery_id: string; status: string;
  rows_loaded: string; rows_active: string; ingested_at: string; replaced_by: string | null;
}
interface SummaryRow {
  source_id: string; currency: string | null; provider: string | null; billing_period: string | null; rows: string;
  billed: string; effective: string; list: string; gpu_hours: string; input_tokens: string; output_tokens: string;
  cached_tokens: string; cache_write_tokens: string; requests: string;
}

const ZERO_USAGE: UsageTotals = { x_GpuHours: '0', x_InputTokens: '0', x_OutputTokens: '0', x_CachedInputTokens: '0', x_CacheWriteTokens: '0', x_Requests: '0' };

export async function listSources(conn: DuckDBConnection): Promise<SourceInfo[]> {
  const sources = (await conn.runAndReadAll('SELECT * FROM sources ORDER BY ingested_at, path')).getRowObjectsJson() as unknown as SourceRow[];
  const sums = (await conn.runAndReadAll(`SELECT source_id, currency, provider, billing_period, sum(rows)::VARCHAR AS rows,
      sum(billed)::VARCHAR AS billed, sum(effective)::VARCHAR AS effective, sum(list)::VARCHAR AS list,
      sum(gpu_hours)::VARCHAR AS gpu_hours, sum(input_tokens)::VARCHAR AS input_tokens, sum(output_tokens)::VARCHAR AS output_tokens,
      sum(cached_tokens)::VARCHAR AS cached_tokens, sum(cache_write_tokens)::VARCHAR AS cache_write_tokens, sum(requests)::VARCHAR AS requests
    FROM source_summaries GROUP BY ALL ORDER BY ALL`)).getRowObjectsJson() as unknown as SummaryRow[];
  const bySource = new Map<string, SummaryRow[]>();
  for (const s of sums) bySource.set(s.source_id, [...(bySource.get(s.source_id) ?? []), s]);

  return sources.map((s) => {
    const mine = bySource.get(s.id) ?? [];
    const totals: Record<string, CurrencyTotals> = {};
    const money: Record<string, { b: string[]; e: string[]; l: string[] }> = {};
    for (const m of mine) {
      const cur = m.currency ?? '';
      const t = (money[cur] ??= { b: [], e: [], l: [] });
      t.b.push(m.billed); t.e.push(m.effective); t.l.push(m.list);
    }
    for (const [cur, t] of Object.entries(money)) {
      totals[cur] = { BilledCost: sumDecimals(t.b), EffectiveCost: sumDecimals(t.e), ListCost: sumDecimals(t.l) };
    }
    const usage = mine.length === 0 ? ZERO_USAGE : {
      x_GpuHours: sumDecimals(mine.map((m) => m.gpu_hours)),
      x_InputTokens: sumDecimals(mine.map((m) => m.input_tokens)),
      x_OutputTokens: sumDecimals(mine.map((m) => m.output_tokens)),
      x_CachedInputTokens: sumDecimals(mine.map((m) => m.cached_tokens)),
      x_CacheWriteTokens: sumDecimals(mine.map((m) => m.cache_write_tokens)),
      x_Requests: sumDecimals(mine.map((m) => m.requests)),
    };
    return {
      id: s.id, path: s.path, sha256: s.sha256, bytes: Number(s.bytes), format: s.format, deliveryId: s.delivery_id,
      status: s.status === 'replaced' ? 'replaced' : 'active',
      rows: Number(s.rows_active), rowsLoaded: Number(s.rows_loaded),
      billingPeriods: [...new Set(mine.map((m) => m.billing_period).filter((x): x is string => x != null))].sort(),
      providers: [...new Set(mine.map((m) => m.provider).filter((x): x is string => x != null))].sort(),
      totals, usage, ingestedAt: `${s.ingested_at.replace(' ', 'T')}Z`, replacedBy: s.replaced_by,
    };
  });
}

function sumDecimals(values: string[]): string {
  return values.length === 0 ? '0' : trimDecimal(addDecimals(values));
}

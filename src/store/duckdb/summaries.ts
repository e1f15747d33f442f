/**
 * Per-source summaries (rows and totals per currency, provider and billing
 * period, plus usage), kept beside the facts so `outlay sources` never scans
 * the whole fact table.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CurrencyTotals } from '../types.ts';
import { quoteLiteral } from './schema.ts';
import { trimDecimal } from './query-sql.ts';

export async function refreshSummaries(conn: DuckDBConnection, sourceIds: readonly string[], deliveryId: string): Promise<void> {
  if (sourceIds.length === 0) return;
  const ids = sourceIds.map(quoteLiteral).join(', ');
  await conn.run(`DELETE FROM source_summaries WHERE source_id IN (${ids})`);
  await conn.run(`INSERT INTO source_summaries
    SELECT source_id, "BillingCurrency", "ProviderName", strftime("BillingPeriodStart", '%Y-%m'), count(*),
      coalesce(sum("BilledCost"), 0), coalesce(sum("EffectiveCost"), 0), coalesce(sum("ListCost"), 0),
      coalesce(sum("x_GpuHours"), 0), coalesce(sum("x_InputTokens"), 0), coalesce(sum("x_OutputTokens"), 0),
      coalesce(sum("x_CachedInputTokens"), 0), coalesce(sum("x_CacheWriteTokens"), 0), coalesce(sum("x_Requests"), 0)
    FROM cost_records WHERE source_id IN (${ids}) GROUP BY ALL`);
  // Sources of earlier deliveries that lost rows: count what is left, mark empty ones replaced.
  await conn.run(`UPDATE sources SET
      rows_active = coalesce((SELECT sum(rows) FROM source_summaries m WHERE m.source_id = sources.id), 0),
      status = CASE WHEN coalesce((SELECT sum(rows) FROM source_summaries m WHERE m.source_id = sources.id), 0) = 0 AND rows_loaded > 0 THEN 'replaced' ELSE status END,
      replaced_by = CASE WHEN delivery_id <> ${quoteLiteral(deliveryId)} THEN ${quoteLiteral(deliveryId)} ELSE replaced_by END
    WHERE id IN (${ids})`);
}

export async function readSourceTotals(conn: DuckDBConnection, sourceId: string): Promise<Record<string, CurrencyTotals>> {
  const r = await conn.runAndReadAll(
    `SELECT currency, sum(billed)::VARCHAR AS b, sum(effective)::VARCHAR AS e, sum(list)::VARCHAR AS l
     FROM source_summaries WHERE source_id = $1 GROUP BY currency ORDER BY currency`, [sourceId]);
  const out: Record<string, CurrencyTotals> = {};
  for (const row of r.getRowObjectsJson() as Record<string, string | null>[]) {
    out[row.currency ?? ''] = { BilledCost: trimDecimal(row.b ?? '0'), EffectiveCost: trimDecimal(row.e ?? '0'), ListCost: trimDecimal(row.l ?? '0') };
  }
  return out;
}

/**
 * The daily rollup: cost_records summed per source, UTC day and the
 * dimensions people slice by (everything but resource-level and free-form
 * ones), so month-by-team or tokens-by-model read thousands of rows instead
 * of millions. Queries route here when every dimension, filter and measure
 * they use is in it and their grain and range are whole days; anything else
 * (resources, tags, hours) reads cost_records. Kept per source, so replacing
 * a source's rows replaces its rollup rows in the same transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { COST_COLUMNS, MEASURES, resolveDimension, resolveMeasure } from '../../core/index.ts';
import type { CostQuery } from '../types.ts';
import { quoteIdent, quoteLiteral, sqlType } from './schema.ts';

/** High-cardinality or per-row columns stay out of the rollup. */
const NOT_ROLLED_UP = new Set(['ResourceId', 'ResourceName', 'AvailabilityZone', 'x_SourceFile', 'x_Pod', 'x_ApiKeyId', 'SkuPriceId']);

const byName = new Map(COST_COLUMNS.map((c) => [c.name, c]));

/** Dimension columns the rollup groups by (those of the query vocabulary that exist in the cost model). */
export const ROLLUP_DIMENSIONS: readonly string[] = [...new Set(
  (['ProviderName', 'PublisherName', 'BillingAccountId', 'BillingAccountName', 'SubAccountId', 'SubAccountName', 'ServiceName', 'ServiceCategory',
    'RegionId', 'ResourceType', 'SkuId', 'ChargeCategory', 'ChargeFrequency', 'PricingCategory', 'CommitmentDiscountId', 'BillingCurrency',
    'x_Team', 'x_Project', 'x_Environment', 'x_CostCenter', 'x_Model', 'x_GpuModel', 'x_WorkloadKind', 'x_PricingStatus', 'x_ServiceTier',
    'x_Namespace', 'x_MigProfile'] as const).filter((c) => byName.has(c) && !NOT_ROLLED_UP.has(c)),
)];

/** Summed columns: every column a measure reads. */
export const ROLLUP_MEASURES: readonly string[] = [...new Set(MEASURES.flatMap((m) => m.columns))].filter((c) => byName.has(c));

const ROWS = '__rows';

function desiredColumns(): string[] {
  return ['source_id', 'ChargePeriodStart', ...ROLLUP_DIMENSIONS, ...ROLLUP_MEASURES, ROWS];
}

function ddl(): string {
  const measureType = (c: string) => {
    const t = byName.get(c)?.type;
    return t === 'integer' ? 'HUGEINT' : t === 'double' ? 'DOUBLE' : sqlType(t ?? 'decimal');
  };
  return `CREATE TABLE cost_daily (
    source_id VARCHAR NOT NULL, "ChargePeriodStart" TIMESTAMP,
    ${ROLLUP_DIMENSIONS.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')},
    ${ROLLUP_MEASURES.map((c) => `${quoteIdent(c)} ${measureType(c)}`).join(', ')},
    ${ROWS} BIGINT NOT NULL)`;
}

function aggregateSelect(where: string): string {
  return `SELECT source_id, date_trunc('day', "ChargePeriodStart"),
      ${ROLLUP_DIMENSIONS.map(quoteIdent).join(', ')},
      ${ROLLUP_MEASURES.map((c) => `sum(${quoteIdent(c)})`).join(', ')}, count(*)
    FROM cost_records WHERE ${where}
    GROUP BY ALL`;
}

/** Creates or rebuilds the rollup when its definition changed (new dimensions or measures). */
export async function ensureRollup(conn: DuckDBConnection): Promise<void> {
  const r = await conn.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = 'cost_daily' ORDER BY ordinal_position");
  const have = (r.getRowObjectsJson() as { column_name: string }[]).map((x) => x.column_name);
  if (have.join('|') === desiredColumns().join('|')) return;
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run('DROP TABLE IF EXISTS cost_daily');
    await conn.run(ddl());
    await conn.run(`INSERT INTO cost_daily ${aggregateSelect('TRUE')}`);
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}

/** Re-aggregates the rollup rows of these sources from what cost_records holds now. */
export async function refreshRollup(conn: DuckDBConnection, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  const ids = sourceIds.map(quoteLiteral).join(', ');
  await conn.run(`DELETE FROM cost_daily WHERE source_id IN (${ids})`);
  await conn.run(`INSERT INTO cost_daily ${aggregateSelect(`source_id IN (${ids})`)}`);
}

const isMidnight = (d: Date | undefined) => !d || d.getTime() % 86_400_000 === 0;

/** Whether the rollup holds everything this query needs. */
export function rollupCanAnswer(q: CostQuery): boolean {
  if (q.grain === 'hour' || !isMidnight(q.from) || !isMidnight(q.to)) return false;
  const dims = [...q.groupBy, ...(q.filters ?? []).map((f) => f.dimension)].map(resolveDimension);
  if (!dims.every((d) => d.kind === 'column' && ROLLUP_DIMENSIONS.includes(d.spec.column))) return false;
  return q.measures.map(resolveMeasure).every((m) => m.columns.every((c) => ROLLUP_MEASURES.includes(c)));
}

/** How the query builder reads the rollup: its table and its row count column. */
export const ROLLUP_SOURCE = { table: 'cost_daily', rows: `sum(${ROWS})` } as const;
export const BASE_SOURCE = { table: 'cost_records', rows: 'count(*)' } as const;

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
import type { QuerySource } from './query-sql.ts';

/** Columns that exist in this build's cost model (helpers append x_ columns over time). */
const byName = new Map(COST_COLUMNS.map((c) => [c.name, c]));
const existing = (cols: readonly string[]) => [...new Set(cols)].filter((c) => byName.has(c));

/**
 * Rollup levels, in order of preference (smaller first). Each groups by UTC
 * day and its dimensions; a query reads the first level that has every
 * dimension it groups or filters by.
 */
export interface RollupLevel {
  readonly table: string;
  readonly dims: readonly string[];
}

/** Everything people slice by except resource-level and free-form columns. */
const SLICE_DIMS = existing(['ProviderName', 'PublisherName', 'BillingAccountId', 'BillingAccountName', 'SubAccountId', 'SubAccountName', 'ServiceName',
  'ServiceCategory', 'RegionId', 'ResourceType', 'SkuId', 'ChargeCategory', 'ChargeFrequency', 'PricingCategory', 'CommitmentDiscountId',
  'BillingCurrency', 'x_Team', 'x_Project', 'x_Environment', 'x_CostCenter', 'x_Model', 'x_GpuModel', 'x_WorkloadKind', 'x_PricingStatus',
  'x_ServiceTier', 'x_Namespace', 'x_MigProfile']);

const ROLLUPS: readonly RollupLevel[] = [
  { table: 'cost_daily', dims: SLICE_DIMS },
  // Per resource and day: top-N resources, a resource's history (hourly rows fold 24 to 1).
  { table: 'cost_daily_resource', dims: existing([...SLICE_DIMS, 'ResourceId', 'ResourceName']) },
];

/**
 * Build order: the resource level is aggregated from the facts (the one pass
 * over the load), the day level from the resource level, which is far smaller.
 */
const BUILD_ORDER: readonly { level: RollupLevel; from: string; rows: string }[] = [
  { level: ROLLUPS[1] as RollupLevel, from: 'cost_records', rows: 'count(*)' },
  { level: ROLLUPS[0] as RollupLevel, from: 'cost_daily_resource', rows: 'sum(__rows)' },
];

/** Summed columns: every column a measure reads. */
const ROLLUP_MEASURES: readonly string[] = existing(MEASURES.flatMap((m) => m.columns));

const ROWS = '__rows';

function desiredColumns(level: RollupLevel): string[] {
  return ['source_id', 'ChargePeriodStart', ...level.dims, ...ROLLUP_MEASURES, ROWS];
}

function ddl(level: RollupLevel): string {
  const measureType = (c: string) => {
    const t = byName.get(c)?.type;
    return t === 'integer' ? 'HUGEINT' : t === 'double' ? 'DOUBLE' : sqlType(t ?? 'decimal');
  };
  return `CREATE TABLE ${level.table} (
    source_id VARCHAR NOT NULL, "ChargePeriodStart" TIMESTAMP,
    ${level.dims.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')},
    ${ROLLUP_MEASURES.map((c) => `${quoteIdent(c)} ${measureType(c)}`).join(', ')},
    ${ROWS} BIGINT NOT NULL)`;
}

function aggregateSelect(step: (typeof BUILD_ORDER)[number], where: string): string {
  return `SELECT source_id, date_trunc('day', "ChargePeriodStart"),
      ${step.level.dims.map(quoteIdent).join(', ')},
      ${ROLLUP_MEASURES.map((c) => `sum(${quoteIdent(c)})`).join(', ')}, ${step.rows}
    FROM ${step.from} WHERE ${where}
    GROUP BY ALL`;
}

/** Creates or rebuilds each rollup whose definition changed (new dimensions or measures). */
export async function ensureRollup(conn: DuckDBConnection): Promise<void> {
  for (const step of BUILD_ORDER) {
    const level = step.level;
    const r = await conn.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = '${level.table}' ORDER BY ordinal_position`);
    const have = (r.getRowObjectsJson() as { column_name: string }[]).map((x) => x.column_name);
    if (have.join('|') === desiredColumns(level).join('|')) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(`DROP TABLE IF EXISTS ${level.table}`);
      await conn.run(ddl(level));
      await conn.run(`INSERT INTO ${level.table} ${aggregateSelect(step, 'TRUE')}`);
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
  }
}

/** Re-aggregates the rollup rows of these sources from what cost_records holds now. */
export async function refreshRollup(conn: DuckDBConnection, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  const ids = sourceIds.map(quoteLiteral).join(', ');
  for (const step of BUILD_ORDER) {
    await conn.run(`DELETE FROM ${step.level.table} WHERE source_id IN (${ids})`);
    await conn.run(`INSERT INTO ${step.level.table} ${aggregateSelect(step, `source_id IN (${ids})`)}`);
  }
}

const isMidnight = (d: Date | undefined) => !d || d.getTime() % 86_400_000 === 0;


/** The smallest rollup that holds everything this query needs, or null. */
export function rollupFor(q: CostQuery): QuerySource | null {
  if (q.grain === 'hour' || !isMidnight(q.from) || !isMidnight(q.to)) return null;
  const dims = [...q.groupBy, ...(q.filters ?? []).map((f) => f.dimension)].map(resolveDimension);
  if (!dims.every((d) => d.kind === 'column')) return null;
  if (!q.measures.map(resolveMeasure).every((m) => m.columns.every((c) => ROLLUP_MEASURES.includes(c)))) return null;
  const columns = dims.map((d) => (d.kind === 'column' ? d.spec.column : ''));
  // x_Team is always needed: access scopes filter on it.
  const level = ROLLUPS.find((l) => [...columns, 'x_Team'].every((c) => l.dims.includes(c)));
  return level ? { table: level.table, rows: `sum(${ROWS})` } : null;
}

/**
 * Turns a CostQuery plus an access scope into one DuckDB SELECT. The scope is
 * a WHERE clause on x_Team inside the query itself, so no caller can read
 * rows outside it. Values are bound as parameters; identifiers come only from
 * the dimension catalogue, and tag keys are escaped.
 */
import { keyOfDimension, OutlayError, resolveDimension, resolveMeasure, type Dimension, type MeasureSpec } from '../../core/index.ts';
import type { AccessScope, CostQuery, QueryFilter } from '../types.ts';
import { quoteIdent, quoteLiteral } from './schema.ts';

export interface BuiltQuery {
  readonly sql: string;
  readonly params: string[];
  readonly columns: string[];
  /** Output keys holding decimal sums (normalised after reading). */
  readonly decimalKeys: string[];
}

export const PERIOD_KEY = 'ChargePeriodStart';

/** SQL expression reading a dimension. */
export function dimensionExpr(dim: Dimension): string {
  if (dim.kind === 'column') return quoteIdent(dim.spec.column);
  const path = `$."${dim.tagKey.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return `json_extract_string("Tags", ${quoteLiteral(path)})`;
}

/** Which table a query reads, and how it counts rows there. */
export interface QuerySource { readonly table: string; readonly rows: string }

/** The fact table: one row per cost record. */
export const BASE_SOURCE: QuerySource = { table: 'cost_records', rows: 'count(*)' };

function measureExpr(m: MeasureSpec, source: QuerySource): string {
  if (m.id === 'rows') return source.rows;
  if (m.columns.length === 1) return `sum(${quoteIdent(m.columns[0] ?? '')})`;
  return `sum(${m.columns.map((c) => `coalesce(${quoteIdent(c)}, 0)`).join(' + ')})`;
}

export function scopeClause(scope: AccessScope, params: string[]): string | null {
  if (scope.teams === 'all') return null;
  if (scope.teams.length === 0) return 'FALSE';
  const marks = scope.teams.map((t) => {
    params.push(t);
    return `$${params.length}`;
  });
  return `"x_Team" IN (${marks.join(', ')})`;
}

function filterClause(f: QueryFilter, params: string[]): string {
  const expr = dimensionExpr(resolveDimension(f.dimension));
  const bind = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (f.op) {
    case 'is_null':
      return `${expr} IS NULL`;
    case 'not_null':
      return `${expr} IS NOT NULL`;
    case 'eq':
    case 'in':
      if (f.values.length === 0) throw new OutlayError('QUERY_INVALID', `filter on ${f.dimension} has no value`, { field: 'filter' });
      return `${expr} IN (${f.values.map(bind).join(', ')})`;
    case 'neq':
      return `(${expr} IS NULL OR ${expr} NOT IN (${f.values.map(bind).join(', ')}))`;
  }
}

export function buildCostQuery(q: CostQuery, scope: AccessScope, source: QuerySource = BASE_SOURCE): BuiltQuery {
  if (q.measures.length === 0) throw new OutlayError('QUERY_INVALID', 'give at least one measure', { field: 'measure' });
  const measures = q.measures.map(resolveMeasure);
  const dims = q.groupBy.map(resolveDimension);
  const params: string[] = [];
  const select: string[] = [];
  const group: string[] = [];
  const columns: string[] = [];

  if (q.grain) {
    const expr = `strftime(date_trunc('${q.grain}', "ChargePeriodStart"), '%Y-%m-%dT%H:%M:%SZ')`;
    select.push(`${expr} AS ${quoteIdent(PERIOD_KEY)}`);
    group.push(expr);
    columns.push(PERIOD_KEY);
  }
  for (const dim of dims) {
    const key = keyOfDimension(dim);
    if (columns.includes(key)) continue;
    select.push(`${dimensionExpr(dim)} AS ${quoteIdent(key)}`);
    group.push(dimensionExpr(dim));
    columns.push(key);
  }
  // Money never crosses currencies: any money measure groups by currency.
  if (measures.some((m) => m.kind === 'money') && !columns.includes('BillingCurrency')) {
    select.push('"BillingCurrency"');
    group.push('"BillingCurrency"');
    columns.push('BillingCurrency');
  }
  const decimalKeys: string[] = [];
  for (const m of measures) {
    if (columns.includes(m.key)) continue;
    select.push(`${measureExpr(m, source)} AS ${quoteIdent(m.key)}`);
    columns.push(m.key);
    decimalKeys.push(m.key);
  }

  const where: string[] = [];
  const scoped = scopeClause(scope, params);
  if (scoped) where.push(scoped);
  if (q.from) {
    params.push(q.from.toISOString());
    where.push(`"ChargePeriodStart" >= $${params.length}::TIMESTAMPTZ::TIMESTAMP`);
  }
  if (q.to) {
    params.push(q.to.toISOString());
    where.push(`"ChargePeriodStart" < $${params.length}::TIMESTAMPTZ::TIMESTAMP`);
  }
  for (const f of q.filters ?? []) where.push(filterClause(f, params));

  const orderKey = q.orderBy ?? (q.grain ? PERIOD_KEY : measures.find((m) => m.kind === 'money')?.key ?? measures[0]?.key);
  if (orderKey && !columns.includes(orderKey)) {
    throw new OutlayError('QUERY_INVALID', `cannot order by "${orderKey}": not in the output (${columns.join(', ')})`, { field: 'order_by' });
  }
  const dir = q.order ?? (orderKey === PERIOD_KEY || !decimalKeys.includes(orderKey ?? '') ? 'asc' : 'desc');
  // Sums are ordered as the exact decimals (or integers) they are: as doubles,
  // amounts that differ below a double's precision (…409.93 vs …409.94) tie.
  const orderExpr = orderKey && decimalKeys.includes(orderKey) ? `q.${quoteIdent(orderKey)}` : quoteIdent(orderKey ?? '');
  // Ties broken by every output column so pages are stable.
  const dimKeys = columns.filter((k) => !decimalKeys.includes(k)).map(quoteIdent);
  const order = [`${orderExpr} ${dir.toUpperCase()} NULLS LAST`, ...dimKeys.map((k) => `${k} NULLS LAST`)];

  // Grouping happens inside; ordering and paging outside, on output names only
  // (the period's output name shadows the ChargePeriodStart column). Sums leave
  // as text, exactly; the ORDER BY reads the inner, numeric column.
  const inner = [
    `SELECT ${select.join(', ')}`,
    `FROM ${source.table}`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    group.length ? `GROUP BY ${group.join(', ')}` : '',
  ].filter(Boolean).join('\n');
  const sql = [
    `SELECT *${decimalKeys.length ? ` REPLACE (${decimalKeys.map((k) => `CAST(q.${quoteIdent(k)} AS VARCHAR) AS ${quoteIdent(k)}`).join(', ')})` : ''} FROM (\n${inner}\n) AS q`,
    orderKey ? `ORDER BY ${order.join(', ')}` : '',
    q.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(q.limit))}` : '',
    q.offset ? `OFFSET ${Math.max(0, Math.floor(q.offset))}` : '',
  ].filter(Boolean).join('\n');
  return { sql, params, columns, decimalKeys };
}

/** "20.520000000000" → "20.52"; keeps every significant digit. */
export function trimDecimal(s: string): string {
  if (!s.includes('.')) return s;
  const t = s.replace(/0+$/, '');
  const [i, f = ''] = t.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}

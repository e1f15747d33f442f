/**
 * Root-cause amounts for a scan from one store query: the scan's whole
 * range grouped by day and by every cause and scope dimension (about one row
 * per resource, SKU and day, read from the store's daily rollup), indexed by
 * day and by each scope dimension's value. Each incident's window and
 * baseline are then sums over that index, instead of two store queries per
 * incident, which dominated the scan of a large store.
 */
import { dimensionKey, resolveMeasure } from '../../core/index.ts';
import type { AccessScope, AnomalyScope, QueryFilter, QueryRow, Store } from '../../store/index.ts';
import type { Breakdown } from '../anomaly/index.ts';
import { addRow, type CauseAmounts } from './attribute.ts';

const DAY = 86_400_000;

/** Rows of one day, and the same rows by the value of each scope dimension (null → ''). */
interface Day {
  readonly all: QueryRow[];
  readonly byValue: Map<string, Map<string, QueryRow[]>>;
}

function rowsOf(day: Day, scope: AnomalyScope, currency: string | null): QueryRow[] {
  const entries = Object.entries(scope);
  const [first] = entries;
  let rows = first ? day.byValue.get(first[0])?.get(first[1] ?? '') ?? [] : day.all;
  const keyed = entries.map(([dim, v]) => [dimensionKey(dim), v] as const);
  if (entries.length > 1) rows = rows.filter((r) => keyed.every(([key, v]) => (r[key] ?? null) === v));
  return currency ? rows.filter((r) => r.BillingCurrency === currency) : rows;
}

function index(rows: readonly QueryRow[], scopeDims: readonly string[]): Map<number, Day> {
  const scopeKeys = scopeDims.map((d) => [d, dimensionKey(d)] as const);
  const byDay = new Map<number, Day>();
  for (const r of rows) {
    const t = Date.parse(r.ChargePeriodStart ?? '');
    let day = byDay.get(t);
    if (!day) byDay.set(t, (day = { all: [], byValue: new Map(scopeKeys.map(([d]) => [d, new Map()])) }));
    day.all.push(r);
    for (const [dim, key] of scopeKeys) {
      const values = day.byValue.get(dim)!;
      const v = r[key] ?? '';
      const list = values.get(v);
      if (list) list.push(r); else values.set(v, [r]);
    }
  }
  return byDay;
}

/**
 * @param dims cause dimensions; `scopeDims` the dimensions scopes may name (the scanned ones).
 */
export async function cubeAmounts(store: Store, access: AccessScope, filters: readonly QueryFilter[], measure: string, dims: readonly string[], scopeDims: readonly string[], from: Date, to: Date): Promise<CauseAmounts> {
  const groupBy = [...new Set([...dims, ...scopeDims])];
  const { rows } = await store.query({ measures: [measure], groupBy, filters, from, to, grain: 'day' }, access);
  const measureKey = resolveMeasure(measure).key;
  const keys = dims.map(dimensionKey);
  const byDay = index(rows, [...new Set(scopeDims)]);
  return async (w, start, end) => {
    const out: Breakdown = Object.fromEntries(dims.map((d) => [d, {}]));
    for (let t = Math.floor(start.getTime() / DAY) * DAY; t < end.getTime(); t += DAY) {
      const day = byDay.get(t);
      if (day) for (const r of rowsOf(day, w.scope, w.currency)) addRow(out, dims, keys, r, Number(r[measureKey] ?? 0));
    }
    return out;
  };
}

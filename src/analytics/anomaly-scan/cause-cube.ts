/**
 * Root-cause amounts for a daily scan from one store query: the scan's whole
 * range grouped by day and by every cause and scope dimension (about one row
 * per resource, SKU and day), indexed by day. Each incident's window and
 * baseline are then sums over that index, instead of two store queries per
 * incident, which dominated the scan of a large store.
 */
import { resolveMeasure } from '../../core/index.ts';
import type { AccessScope, AnomalyScope, QueryFilter, QueryRow, Store } from '../../store/index.ts';
import type { Breakdown } from '../anomaly/index.ts';
import { addRow, keyOf, type CauseAmounts } from './attribute.ts';

const DAY = 86_400_000;

function matches(row: QueryRow, scope: AnomalyScope, currency: string | null): boolean {
  if (currency && row.BillingCurrency !== currency) return false;
  return Object.entries(scope).every(([dim, v]) => (row[keyOf(dim)] ?? null) === v);
}

/**
 * @param dims cause dimensions; `scopeDims` the dimensions scopes may name (the scanned ones).
 */
export async function cubeAmounts(store: Store, access: AccessScope, filters: readonly QueryFilter[], measure: string, dims: readonly string[], scopeDims: readonly string[], from: Date, to: Date): Promise<CauseAmounts> {
  const groupBy = [...new Set([...dims, ...scopeDims])];
  const { rows } = await store.query({ measures: [measure], groupBy, filters, from, to, grain: 'day' }, access);
  const measureKey = resolveMeasure(measure).key;
  const keys = dims.map(keyOf);
  const byDay = new Map<number, QueryRow[]>();
  for (const r of rows) {
    const day = Date.parse(r.ChargePeriodStart ?? '');
    const list = byDay.get(day) ?? [];
    list.push(r);
    byDay.set(day, list);
  }
  return async (w, start, end) => {
    const out: Breakdown = Object.fromEntries(dims.map((d) => [d, {}]));
    for (let day = Math.floor(start.getTime() / DAY) * DAY; day < end.getTime(); day += DAY) {
      for (const r of byDay.get(day) ?? []) {
        if (matches(r, w.scope, w.currency)) addRow(out, dims, keys, r, Number(r[measureKey] ?? 0));
      }
    }
    return out;
  };
}

/**
 * The series of each scan level. The total is the sum of the first
 * dimension's series (every value, unallocated included), so an hourly scan,
 * whose queries read raw rows, scans them once per dimension, not once more
 * for the total.
 */
import type { AccessScope, QueryFilter, Store } from '../../store/index.ts';
import { GRAIN_MS, querySeries, zeroFilledGrid } from '../series/index.ts';
import type { GroupSeries, SeriesGrain } from '../series/index.ts';

export interface LevelQuery {
  readonly measure: string;
  readonly filters: readonly QueryFilter[];
  readonly from?: Date;
  readonly to?: Date;
  readonly grain: SeriesGrain;
}

/** The total per currency: point-by-point sums of `parts`. */
export function sumSeries(parts: readonly GroupSeries[], grain: SeriesGrain): GroupSeries[] {
  const byCurrency = new Map<string | null, { first: GroupSeries; byTime: Map<number, number> }>();
  for (const s of parts) {
    const b = byCurrency.get(s.currency) ?? { first: s, byTime: new Map<number, number>() };
    byCurrency.set(s.currency, b);
    s.timestamps.forEach((t, i) => b.byTime.set(t.getTime(), (b.byTime.get(t.getTime()) ?? 0) + s.values[i]!));
  }
  return [...byCurrency.values()].map(({ first, byTime }) => {
    const grid = zeroFilledGrid(byTime, GRAIN_MS[grain]);
    return {
      group: {}, measure: first.measure, kind: first.kind, currency: first.currency, grain, start: grid.timestamps[0]!,
      timestamps: grid.timestamps, values: grid.values, zeroFilled: grid.filled, total: grid.values.reduce((a, v) => a + v, 0),
    };
  }).sort((a, b) => b.total - a.total);
}

/** Series per level (levels[0] = [] is the total), largest total first within each. */
export async function levelSeries(store: Pick<Store, 'query'>, access: AccessScope, levels: ReadonlyArray<readonly string[]>, q: LevelQuery): Promise<GroupSeries[][]> {
  const query = (dims: readonly string[]) => querySeries(store, { measure: q.measure, groupBy: dims, filters: q.filters, from: q.from, to: q.to, grain: q.grain }, access);
  const out: GroupSeries[][] = [];
  for (const [i, dims] of levels.entries()) {
    if (i === 0 && dims.length === 0 && levels[1]?.length === 1) continue; // the total, from level 1 below
    out[i] = await query(dims);
  }
  if (out[0] === undefined && levels.length > 0) out[0] = sumSeries(out[1] ?? [], q.grain);
  return out;
}

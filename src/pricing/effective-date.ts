/**
 * Effective dating: every catalogue row is in force from its price_date on.
 * A row without a date (the source never recorded when it was captured) counts
 * as older than every dated row.
 */

/** Where a price came from, so a report can explain it. */
export interface PriceOrigin {
  /** Dataset, commit and key the row was copied from. */
  readonly source: string;
  /** YYYY-MM-DD the price was captured or took effect; null when unknown. */
  readonly priceDate: string | null;
}

export interface Dated {
  readonly priceDate: string | null;
}

export interface Chosen<T> {
  readonly entry: T;
  /** Set when the choice needs explaining (date unknown, or only a later price exists). */
  readonly note?: string;
}

/** "2026-07-24" for a Date or a YYYY-MM-DD / ISO string. */
export function dateKey(at: Date | string): string {
  return typeof at === 'string' ? at.slice(0, 10) : at.toISOString().slice(0, 10);
}

/**
 * Picks the entry in force on `at`: the latest price_date ≤ at. If every entry
 * is newer, the earliest one is used and the note says so.
 */
export function inForce<T extends Dated>(entries: readonly T[], at: Date | string): Chosen<T> | undefined {
  const day = dateKey(at);
  let best: T | undefined;
  let earliest: T | undefined;
  for (const e of entries) {
    if (!earliest || before(e, earliest)) earliest = e;
    if ((e.priceDate === null || e.priceDate <= day) && (!best || before(best, e))) best = e;
  }
  if (best) {
    return best.priceDate === null ? { entry: best, note: 'snapshot date unknown in the source' } : { entry: best };
  }
  if (!earliest) return undefined;
  return { entry: earliest, note: `no price dated on or before ${day}; using the earliest known (${earliest.priceDate ?? 'undated'})` };
}

function before(a: Dated, b: Dated): boolean {
  if (a.priceDate === null) return b.priceDate !== null;
  return b.priceDate !== null && a.priceDate < b.priceDate;
}

/** Groups entries by a key, keeping file order inside each group. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

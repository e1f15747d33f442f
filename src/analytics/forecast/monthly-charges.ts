/**
 * Charges that recur on a calendar day of every month: a support plan or a
 * marketplace subscription billed on the 1st, a licence on the last day. A
 * weekly or daily model cannot see a calendar month, so in a daily spend
 * series such a charge is a spike every month to the anomaly detector and
 * missing from every forecast (and so from the month-end projection).
 *
 * A day of the month (1–28, or the month's last day; for hourly data the
 * hour too) is a charge position when, in most of the recent months that
 * have it (at least three, and always the latest), the value there stood far
 * above (or below) the same weekday one and two weeks either side: more
 * than five robust standard deviations of that comparison over the half
 * year before, and more than a tenth of the weekday's value. The amount expected
 * is the median excess of its last three occurrences, so a price change is
 * learnt within two months and a charge that stops is dropped after the
 * first month without it. A new charge is therefore reported three times
 * before it is routine.
 */
import type { Grain } from './series.ts';
import { median } from './model.ts';

/** Recent months a position is judged over. */
const MONTHS = 6;
/** Occurrences needed: two months a month apart happen by chance among the ~700 (day, hour) positions of hourly data, three do not. */
const MIN_HITS = 3;
/** Share of those months that must show the charge. */
const SHARE = 0.75;
/** Robust standard deviations an occurrence must stand out by. */
const Z = 5;
/** …and at least this fraction of the comparison value. */
const RELATIVE = 0.1;

export interface MonthlyCharges {
  /** Per point: the charge expected there from the months before its own (no look-ahead). */
  expected: number[];
  /** Per point: the excess of an occurrence at a position that is a charge at the end of the series (0 elsewhere), to take out of the history a forecast learns from. */
  occurrences: number[];
  /** Per future timestamp: the charge expected there from the whole series. */
  future: number[];
  /** Whether any position is a charge at the end of the series, or (where `expected` was worked out) at some point of it. */
  found: boolean;
}

interface Occurrence { t: number; month: number; excess: number; base: number }

/** Positions of a timestamp: its day of the month up to the 28th, and "last" on the month's last day; hourly data add the hour. */
function positionsOf(d: Date, grain: Grain): string[] {
  const day = d.getUTCDate();
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const hour = grain === 'hourly' ? `@${d.getUTCHours()}` : '';
  const out: string[] = [];
  if (day <= 28) out.push(`${day}${hour}`);
  if (day === last) out.push(`last${hour}`);
  return out;
}

const monthOf = (d: Date): number => d.getUTCFullYear() * 12 + d.getUTCMonth();

/** The value against the same weekday one and two weeks either side (median of those present, at least two). */
function comparisons(values: readonly number[], week: number): Array<{ excess: number; base: number } | undefined> {
  return values.map((v, t) => {
    const around = [t - 2 * week, t - week, t + week, t + 2 * week].filter((i) => i >= 0 && i < values.length).map((i) => values[i]!);
    if (around.length < 2) return undefined;
    const base = median(around);
    return { excess: v - base, base };
  });
}

/**
 * 1.4826 × the median absolute deviation of the excesses of the points in
 * `[end - window, end)`: the recent half year, so a series that grew over
 * years is judged by its present noise, not by its small early values.
 */
function noiseScale(scored: readonly { t: number; excess: number }[], end: number, window: number): number {
  const xs = scored.filter((c) => c.t < end && c.t >= end - window).map((c) => c.excess);
  if (xs.length < 8) return Number.POSITIVE_INFINITY;
  const m = median(xs);
  return 1.4826 * median(xs.map((x) => Math.abs(x - m)));
}

/** The charge expected at a position from its occurrences so far (most recent first), or 0. */
function chargeFrom(prior: readonly Occurrence[], scale: number): number {
  const recent = prior.slice(0, MONTHS);
  const latest = recent[0];
  if (!latest || recent.length < MIN_HITS) return 0;
  const sign = Math.sign(latest.excess);
  const hit = (o: Occurrence) => Math.sign(o.excess) === sign && Math.abs(o.excess) > Math.max(Z * scale, RELATIVE * Math.abs(o.base), 1e-9);
  const hits = recent.filter(hit);
  if (!hit(latest) || hits.length < MIN_HITS || hits.length < SHARE * recent.length) return 0;
  return median(hits.slice(0, 3).map((o) => o.excess));
}

/**
 * Charges on a regular daily or hourly grid (`timestamps` one grain apart),
 * and at `future` timestamps after it. `expected` (judged point by point
 * from earlier months: the detector's view) is only worked out when asked;
 * a forecast needs the charges at the end of the series alone.
 * @example monthlyCharges(ts, values, 'daily', next30, { expected: false }).future
 */
export function monthlyCharges(timestamps: readonly Date[], values: readonly number[], grain: Grain, future: readonly Date[] = [],
  opts: { expected?: boolean } = {}): MonthlyCharges {
  const n = values.length;
  const none = { expected: new Array<number>(n).fill(0), occurrences: new Array<number>(n).fill(0), future: future.map(() => 0), found: false };
  // A week or month total holds every day of the month's charges alike: there is no day to find them on.
  if (grain === 'monthly' || grain === 'weekly' || n === 0) return none;
  const week = grain === 'daily' ? 7 : 168;
  const window = 26 * week;
  const cmp = comparisons(values, week);
  const scored = cmp.flatMap((c, t) => (c ? [{ t, excess: c.excess }] : []));
  const byPosition = new Map<string, Occurrence[]>();
  cmp.forEach((c, t) => {
    if (!c) return;
    for (const p of positionsOf(timestamps[t]!, grain)) {
      const list = byPosition.get(p) ?? [];
      list.push({ t, month: monthOf(timestamps[t]!), excess: c.excess, base: c.base });
      byPosition.set(p, list);
    }
  });
  const expected = opts.expected === false ? none.expected : pastCharges(timestamps, grain, byPosition, scored, week, window);
  // The charge of each position at the end of the series, once: it goes ahead, and its occurrences leave the history.
  const endScale = noiseScale(scored, n, window);
  const atEnd = new Map([...byPosition].map(([p, list]) => [p, chargeFrom([...list].reverse(), endScale)] as const));
  const out = future.map((d) => positionsOf(d, grain).reduce((s, p) => s + (atEnd.get(p) ?? 0), 0));
  const occurrences = none.occurrences.slice();
  for (const [p, list] of byPosition) {
    const charge = atEnd.get(p)!;
    if (charge === 0) continue;
    const sign = Math.sign(charge);
    for (const o of list) if (Math.sign(o.excess) === sign && Math.abs(o.excess) > Math.max(Z * endScale, RELATIVE * Math.abs(o.base))) occurrences[o.t]! += o.excess;
  }
  const found = expected.some((v) => v !== 0) || [...atEnd.values()].some((v) => v !== 0);
  return { expected, occurrences, future: out, found };
}

/** Per point, the charge expected there from the months before its own (no look-ahead). */
function pastCharges(timestamps: readonly Date[], grain: Grain, byPosition: ReadonlyMap<string, Occurrence[]>,
  scored: readonly { t: number; excess: number }[], week: number, window: number): number[] {
  // The noise scale a month is judged with comes from points whose comparisons end before it starts.
  const scales = new Map<number, number>();
  const expected = new Array<number>(timestamps.length).fill(0);
  timestamps.forEach((d, t) => {
    const month = monthOf(d);
    // The first point of a month fixes its scale.
    if (!scales.has(month)) scales.set(month, noiseScale(scored, t - 2 * week, window));
    for (const p of positionsOf(d, grain)) {
      // Occurrences in earlier months only: a month is at least 28 days, beyond the comparison's two weeks.
      const prior = (byPosition.get(p) ?? []).filter((o) => o.month < month).reverse();
      expected[t]! += chargeFrom(prior, scales.get(month)!);
    }
  });
  return expected;
}

/**
 * Plain time series on a regular UTC grid. Everything in forecast/ and
 * anomaly/ works on these, never on the store, so the same code serves a CSV,
 * a cost-explorer query or a live stream.
 */
import { OutlayError } from '../../core/index.ts';

/** Weekly cells start on the series' own weekday (a CSV of Sundays stays on Sundays); the store's weeks start on Monday. */
export type Grain = 'hourly' | 'daily' | 'weekly' | 'monthly';

/** Input as callers have it: timestamps (UTC) and values, possibly gappy or unsorted. */
export interface Series {
  timestamps: Date[];
  values: number[];
}

/** A series on a gap-free grid; `filled[i]` marks points we imputed. */
export interface RegularSeries {
  grain: Grain;
  timestamps: Date[];
  values: number[];
  filled: boolean[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Step `k` grain units from `d` (calendar months for monthly, so Jan 31 + 1 → Feb 28/29 end clamp is avoided by using day 1). */
export function stepDate(d: Date, grain: Grain, k: number): Date {
  switch (grain) {
    case 'hourly': return new Date(d.getTime() + k * HOUR);
    case 'daily': return new Date(d.getTime() + k * DAY);
    case 'weekly': return new Date(d.getTime() + k * WEEK);
    case 'monthly': return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
  }
}

/** Grain from the median spacing: robust to a few gaps or duplicates. */
export function inferGrain(timestamps: readonly Date[]): Grain {
  const diffs: number[] = [];
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i]!.getTime() - timestamps[i - 1]!.getTime();
    if (d > 0) diffs.push(d);
  }
  if (diffs.length === 0) throw new OutlayError('INPUT_INVALID', 'need at least two distinct timestamps to infer the grain');
  diffs.sort((a, b) => a - b);
  const med = diffs[Math.floor((diffs.length - 1) / 2)]!; // lower median: gaps only lengthen spacing
  if (Math.abs(med - HOUR) < HOUR / 4) return 'hourly';
  if (Math.abs(med - DAY) < DAY / 4) return 'daily';
  if (Math.abs(med - WEEK) < WEEK / 4) return 'weekly';
  if (med >= 27 * DAY && med <= 32 * DAY) return 'monthly';
  throw new OutlayError('INPUT_INVALID', `unsupported spacing between timestamps (${(med / HOUR).toFixed(2)} h): need hourly, daily, weekly or monthly`);
}

/**
 * Key of the grid cell a timestamp falls in (floors to the grain). Weekly
 * cells are seven days from `anchor`, the UTC midnight of the series' first
 * day, so weeks keep whatever weekday the series uses.
 */
function cellKey(d: Date, grain: Grain, anchor: number): number {
  switch (grain) {
    case 'hourly': return Math.floor(d.getTime() / HOUR) * HOUR;
    case 'daily': return Math.floor(d.getTime() / DAY) * DAY;
    case 'weekly': return anchor + Math.floor((d.getTime() - anchor) / WEEK) * WEEK;
    case 'monthly': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

/**
 * The seasonal periods, in grain units, that matter for spend: day and week
 * for hourly, week for daily, year for weekly (52 weeks: a calendar year is
 * 52.18, so a yearly pattern slips a day a year, too little to matter over
 * the few years a spend history holds) and year for monthly.
 */
export function seasonalPeriods(grain: Grain): number[] {
  switch (grain) {
    case 'hourly': return [24, 168];
    case 'daily': return [7];
    case 'weekly': return [52];
    case 'monthly': return [12];
  }
}

/**
 * Put a series on its grid: sort, sum duplicates in one cell (cost rows of the
 * same day add up), and impute missing cells. Short gaps are interpolated
 * linearly; gaps longer than a few points copy the value one season earlier,
 * because a straight line through a missing week would erase its weekly shape.
 */
export function regularise(series: Series, grain?: Grain): RegularSeries {
  if (series.timestamps.length !== series.values.length) {
    throw new OutlayError('INPUT_INVALID', 'timestamps and values differ in length');
  }
  const g = grain ?? inferGrain([...series.timestamps].sort((a, b) => a.getTime() - b.getTime()));
  const cells = new Map<number, number>();
  const anchor = g === 'weekly' ? Math.floor(series.timestamps.reduce((m, t) => Math.min(m, t.getTime()), Infinity) / DAY) * DAY : 0;
  series.timestamps.forEach((t, i) => {
    const v = series.values[i]!;
    if (!Number.isFinite(v)) return;
    const k = cellKey(t, g, anchor);
    cells.set(k, (cells.get(k) ?? 0) + v);
  });
  const keys = [...cells.keys()].sort((a, b) => a - b);
  if (keys.length === 0) throw new OutlayError('INPUT_INVALID', 'series has no finite values');
  const start = new Date(keys[0]!);
  const last = keys[keys.length - 1]!;
  const timestamps: Date[] = [];
  const raw: Array<number | undefined> = [];
  for (let d = start; d.getTime() <= last; d = stepDate(d, g, 1)) {
    timestamps.push(d);
    raw.push(cells.get(d.getTime()));
  }
  return { grain: g, timestamps, ...fillGaps(raw, seasonalPeriods(g)[0]!) };
}

function fillGaps(raw: ReadonlyArray<number | undefined>, period: number): { values: number[]; filled: boolean[] } {
  const values = raw.map((v) => v ?? Number.NaN);
  const filled = raw.map((v) => v === undefined);
  let i = 0;
  while (i < values.length) {
    if (!filled[i]) { i++; continue; }
    let j = i;
    while (j < values.length && filled[j]) j++;
    const before = i > 0 ? values[i - 1]! : values[j] ?? 0;
    const after = j < values.length ? values[j]! : before;
    const len = j - i;
    for (let k = i; k < j; k++) {
      const seasonal = k - period >= 0 ? values[k - period] : undefined;
      const linear = before + ((after - before) * (k - i + 1)) / (len + 1);
      values[k] = len > 3 && seasonal !== undefined && Number.isFinite(seasonal) ? seasonal : linear;
    }
    i = j;
  }
  return { values, filled };
}

/** `count` grid timestamps after the last one of `timestamps`. */
export function futureTimestamps(last: Date, grain: Grain, count: number): Date[] {
  return Array.from({ length: count }, (_, k) => stepDate(last, grain, k + 1));
}

/** ISO text for a grid timestamp: a date for daily/weekly/monthly, a full instant for hourly. */
export function formatTimestamp(d: Date, grain: Grain): string {
  return grain === 'hourly' ? d.toISOString() : d.toISOString().slice(0, 10);
}

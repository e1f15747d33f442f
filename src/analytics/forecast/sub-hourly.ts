/**
 * Forecasts for series finer than an hour (5-minute CloudWatch metrics,
 * 15-minute meter readings). The families model hours: a day of 5-minute
 * points is 288 seasonal slots, more than ETS's seasonal states are meant for,
 * and point by point such data are mostly noise. So the hourly means of the
 * grid are forecast like any hourly series (temporal aggregation, as in
 * Kourentzes, Petropoulos & Trapero's MAPA, 2014). A slot's forecast is its
 * hour's value, or the line through the hourly values at the hours' midpoints,
 * plus the slot's usual offset from it: the line keeps a smooth daily curve
 * from becoming a staircase, the hour's own value keeps a sharp switch (a job
 * starting at 09:00) sharp; whichever leaves the recent slots less scattered
 * is used. That scatter widens the intervals.
 */
import { OutlayError } from '../../core/index.ts';
import { normalQuantile, type Widths } from './intervals.ts';
import { mean } from './model.ts';
import { seasonalNaiveForecast } from './seasonal-naive.ts';
import type { Series } from './series.ts';
import { HOUR, type Grid } from './sub-hourly-grid.ts';

/** Hours of history the within-hour profile is measured on (the last two weeks). */
const PROFILE_HOURS = 14 * 24;

export interface HourlyView {
  /** Grid spacing in ms (divides an hour). */
  step: number;
  /** Whole hours only: their start and the mean of their slots. */
  hourly: Series;
  /** Timestamp of the last grid point: forecasts continue from here. */
  last: Date;
  /** Slots follow the line through the hourly values (else each hour's own value). */
  line: boolean;
  /** Per slot of the hour: its mean offset from the hour's value or the line. */
  offsets: number[];
  /** Variance of the slots around that value + offset. */
  scatter: number;
  /** Every grid value was ≥ 0 (forecasts are floored at 0, as for spend). */
  nonNegative: boolean;
}

/** The hourly means of a sub-hourly grid and the shape of an hour. */
export function hourlyView(grid: Grid): HourlyView {
  const { step } = grid;
  if (HOUR % step !== 0) {
    throw new OutlayError('INPUT_INVALID', `points every ${step / 60_000} minutes do not divide an hour: resample to 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes`);
  }
  const perHour = HOUR / step;
  const hours = new Map<number, number[]>();
  grid.timestamps.forEach((t, i) => {
    const h = Math.floor(t.getTime() / HOUR) * HOUR;
    const slots = hours.get(h) ?? new Array<number>(perHour).fill(Number.NaN);
    slots[(t.getTime() - h) / step] = grid.values[i]!;
    hours.set(h, slots);
  });
  // The grid has no gaps, so only its first and last hours can be partial: their means would be biased by the hour's shape.
  const whole = [...hours.entries()].filter(([, s]) => s.every(Number.isFinite)).sort((a, b) => a[0] - b[0]);
  if (whole.length < 3) {
    throw new OutlayError('INPUT_INVALID', `need at least 3 whole hours of ${step / 60_000}-minute points to forecast, got ${whole.length}`);
  }
  const means = whole.map(([, s]) => mean(s));
  const first = whole.length - Math.min(PROFILE_HOURS, whole.length);
  const recent = whole.slice(first).map(([, s]) => s);
  const flat = profile(recent.map((s, i) => s.map((v) => v - means[first + i]!)));
  const line = profile(recent.map((s, i) => s.map((v, j) => v - lineAt(means, first + i, j, perHour))));
  const best = line.scatter < flat.scatter ? { ...line, line: true } : { ...flat, line: false };
  return {
    step,
    hourly: { timestamps: whole.map(([h]) => new Date(h)), values: means },
    last: grid.timestamps[grid.timestamps.length - 1]!,
    ...best,
    nonNegative: grid.values.every((v) => v >= 0),
  };
}

/** Mean deviation per slot, and the variance left around it. */
function profile(dev: readonly number[][]): { offsets: number[]; scatter: number } {
  const perHour = dev[0]!.length;
  const offsets = Array.from({ length: perHour }, (_, j) => dev.reduce((a, d) => a + d[j]!, 0) / dev.length);
  let ss = 0;
  for (const d of dev) d.forEach((v, j) => { ss += (v - offsets[j]!) ** 2; });
  const dof = dev.length * perHour - perHour;
  return { offsets, scatter: dof > 0 ? ss / dof : 0 };
}

/**
 * Value at slot `j` of hour `i` on the line through the hourly values placed at
 * the hours' midpoints (flat beyond the first and last midpoint).
 */
function lineAt(hourly: readonly number[], i: number, j: number, perHour: number): number {
  const pos = (j + 0.5) / perHour - 0.5; // slot midpoint relative to hour i's midpoint, in hours
  const other = pos < 0 ? i - 1 : i + 1;
  if (other < 0 || other >= hourly.length) return hourly[i]!;
  const w = Math.abs(pos);
  return hourly[i]! * (1 - w) + hourly[other]! * w;
}

/** Timestamps of the next `horizon` slots after the series. */
export function slotTimestamps(view: HourlyView, horizon: number): Date[] {
  return Array.from({ length: horizon }, (_, i) => new Date(view.last.getTime() + (i + 1) * view.step));
}

/** Hours the hourly forecast must cover so that `horizon` slots fall inside it. */
export function hoursAhead(view: HourlyView, horizon: number): number {
  const lastWhole = view.hourly.timestamps[view.hourly.timestamps.length - 1]!.getTime();
  const end = slotTimestamps(view, horizon)[horizon - 1]!.getTime();
  return (Math.floor(end / HOUR) * HOUR - lastWhole) / HOUR;
}

/**
 * Slot forecasts from hourly ones: the hour's value plus the slot's offset;
 * each interval's half-width grows by the slots' scatter at that level.
 */
export function spreadToSlots(view: HourlyView, hourly: readonly number[], hourlyWidths: Widths, horizon: number): { timestamps: Date[]; values: number[]; widths: Widths } {
  const firstHour = view.hourly.timestamps[view.hourly.timestamps.length - 1]!.getTime() + HOUR;
  const timestamps = slotTimestamps(view, horizon);
  const at = timestamps.map((t) => {
    const hourStart = Math.floor(t.getTime() / HOUR) * HOUR;
    return { h: (hourStart - firstHour) / HOUR, j: (t.getTime() - hourStart) / view.step };
  });
  // The last observed hour joins the line, so the first forecast slots bend away from what was seen.
  const observed = view.hourly.values.length;
  const line = [...view.hourly.values, ...hourly];
  const base = (h: number, j: number) => (view.line ? lineAt(line, observed + h, j, view.offsets.length) : hourly[h]!);
  const values = at.map(({ h, j }) => base(h, j) + view.offsets[j]!);
  const widths: Widths = new Map();
  for (const [level, w] of hourlyWidths) {
    const z = normalQuantile(0.5 + level / 200);
    widths.set(level, at.map(({ h }) => Math.sqrt(w[h]! ** 2 + z * z * view.scatter)));
  }
  return { timestamps, values, widths };
}

const DAY = 24 * HOUR;

/**
 * How the slots are forecast: through the hourly means, as seasonal naive
 * (the same slot a day earlier), or the mean of the two.
 */
export type SlotMethod = 'hourly' | 'naive' | 'mean';

/**
 * Some metrics repeat slot for slot from one day to the next (a job every
 * night at 02:05, a counter that resets at midnight): there the same slot a
 * day earlier beats anything built on hourly means. A rolling-origin check on
 * the slot grid itself decides: the last three windows of up to a day, each
 * forecast by the hourly route from the points before it, against seasonal
 * naive and the mean of the two; lowest mean absolute error wins, ties to the
 * hourly route.
 */
export function pickSlotMethod(grid: Grid, horizon: number, hourlyRoute: (g: Grid, h: number) => number[]): SlotMethod {
  const perDay = Math.round(DAY / grid.step);
  const n = grid.values.length;
  const w = Math.min(horizon, perDay);
  const origins = [3, 2, 1].map((k) => n - k * w).filter((o) => o >= 2 * perDay);
  if (origins.length === 0) return 'hourly';
  const err: Record<SlotMethod, number> = { hourly: 0, naive: 0, mean: 0 };
  for (const o of origins) {
    const cut = { step: grid.step, timestamps: grid.timestamps.slice(0, o), values: grid.values.slice(0, o) };
    const a = hourlyRoute(cut, w);
    const nv = seasonalNaiveForecast(cut.values, perDay, w);
    for (let k = 0; k < w; k++) {
      const y = grid.values[o + k]!;
      err.hourly += Math.abs(y - a[k]!);
      err.naive += Math.abs(y - nv[k]!);
      err.mean += Math.abs(y - (a[k]! + nv[k]!) / 2);
    }
  }
  const best = (['naive', 'mean'] as const).reduce<SlotMethod>((b, m) => (err[m] < err[b] ? m : b), 'hourly');
  return best;
}

/**
 * Seasonal naive on the slot grid, with half-widths from the spread of the
 * day-over-day changes of the last two weeks, growing with the square root of
 * the days ahead (a random walk of days).
 */
export function slotNaive(grid: Grid, horizon: number, levels: readonly number[]): { values: number[]; widths: Widths } {
  const perDay = Math.round(DAY / grid.step);
  const y = grid.values;
  const values = seasonalNaiveForecast(y, perDay, horizon);
  let ss = 0;
  let m = 0;
  for (let t = Math.max(perDay, y.length - 14 * perDay); t < y.length; t++) { ss += (y[t]! - y[t - perDay]!) ** 2; m++; }
  const sigma = m > 0 ? Math.sqrt(ss / m) : 0;
  const widths: Widths = new Map();
  for (const level of levels) {
    const z = normalQuantile(0.5 + level / 200);
    widths.set(level, values.map((_, k) => z * sigma * Math.sqrt(Math.floor(k / perDay) + 1)));
  }
  return { values, widths };
}

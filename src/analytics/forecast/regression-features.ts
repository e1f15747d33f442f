/**
 * Design matrix of the decomposable regression: piecewise-linear trend
 * (hinges at candidate changepoints), calendar seasonality and holidays. The
 * seasonal phase comes from the timestamps themselves (hour of day, weekday,
 * day of year), so forecasts stay aligned with the calendar whatever the
 * history's first point was.
 */
import type { Grain } from './series.ts';

export type ColumnKind = 'intercept' | 'slope' | 'changepoint' | 'season' | 'holiday';

export interface Layout {
  kinds: ColumnKind[];
  /** Changepoint positions on the scaled time axis (0 = first point, 1 = last). */
  changepoints: number[];
  grain: Grain;
  yearly: boolean;
  holidays: Set<number>;
  /** History length, to scale time. */
  n: number;
}

const DAY = 86_400_000;

/**
 * Choose the columns for a history: up to 25 changepoints spread over the
 * first 90 % (the tail is left to the last segment so a late change is not
 * extrapolated from a handful of points), and seasonal terms by grain.
 */
export function makeLayout(n: number, grain: Grain, holidays: readonly Date[] = []): Layout {
  const count = Math.max(0, Math.min(25, Math.floor(n / 6)));
  const changepoints = Array.from({ length: count }, (_, k) => (0.9 * (k + 1)) / (count + 1));
  const yearly = (grain === 'daily' && n >= 2 * 365) || (grain === 'weekly' && n >= 2 * 52);
  const kinds: ColumnKind[] = ['intercept', 'slope', ...changepoints.map((): ColumnKind => 'changepoint')];
  const seasonCols = seasonalRow(new Date(0), grain, yearly).length;
  for (let i = 0; i < seasonCols; i++) kinds.push('season');
  const hol = new Set(holidays.map((d) => Math.floor(d.getTime() / DAY)));
  if (hol.size > 0 && grain === 'daily') kinds.push('holiday');
  return { kinds, changepoints, grain, yearly, holidays: hol, n };
}

/** Appends sin and cos of `k × 2π × phase` for k = 1 … order (phase in cycles). */
export function fourier(phase: number, order: number, out: number[]): void {
  for (let k = 1; k <= order; k++) {
    out.push(Math.sin(2 * Math.PI * k * phase), Math.cos(2 * Math.PI * k * phase));
  }
}

/**
 * Seasonal columns for one timestamp: hour and week Fourier (hourly), weekday
 * dummies and yearly Fourier (daily), yearly Fourier only (weekly: a week
 * total has no weekday), month dummies (monthly).
 */
function seasonalRow(d: Date, grain: Grain, yearly: boolean): number[] {
  const out: number[] = [];
  switch (grain) {
    case 'hourly': {
      const hour = d.getUTCHours();
      const weekHour = ((d.getUTCDay() + 6) % 7) * 24 + hour;
      fourier(hour / 24, 8, out);
      fourier(weekHour / 168, 6, out);
      break;
    }
    case 'daily': {
      const wd = (d.getUTCDay() + 6) % 7;
      for (let k = 1; k < 7; k++) out.push(wd === k ? 1 : 0);
      if (yearly) fourier((d.getTime() / DAY) / 365.25, 6, out);
      break;
    }
    case 'weekly':
      if (yearly) fourier((d.getTime() / DAY) / 365.25, 6, out);
      break;
    case 'monthly': {
      const month = d.getUTCMonth();
      for (let k = 1; k < 12; k++) out.push(month === k ? 1 : 0);
      break;
    }
  }
  return out;
}

/** One design row for the point at position `i` (may be ≥ n for the future). */
export function designRow(layout: Layout, i: number, d: Date): Float64Array {
  const t = layout.n > 1 ? i / (layout.n - 1) : 0;
  const row: number[] = [1, t];
  for (const c of layout.changepoints) row.push(Math.max(0, t - c));
  row.push(...seasonalRow(d, layout.grain, layout.yearly));
  if (layout.kinds[layout.kinds.length - 1] === 'holiday') row.push(layout.holidays.has(Math.floor(d.getTime() / DAY)) ? 1 : 0);
  return Float64Array.from(row);
}

/**
 * The demo's days: UTC, half-open [start, start + 1 day), with weekday and
 * holiday strength, and the activity factor each workload kind sees on a day.
 */
import { monthKey } from '../core/index.ts';

export interface DemoDay {
  readonly index: number;
  readonly start: Date;
  /** ChargePeriodStart / End strings, `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly iso: string;
  readonly nextIso: string;
  readonly month: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** 0 = ordinary day, 1 = full public holiday (US-centred company). */
  readonly holiday: number;
}

/** Usage patterns with their own weekly and holiday behaviour. */
export type ActivityKind = 'serving' | 'training' | 'interactive' | 'batch' | 'api' | 'flat';

const WEEKEND: Record<ActivityKind, number> = { serving: 0.86, training: 0.8, interactive: 0.12, batch: 0.9, api: 0.55, flat: 1 };
/** How much of the day's activity a full holiday removes. */
const HOLIDAY_DEPTH: Record<ActivityKind, number> = { serving: 0.12, training: 0.4, interactive: 0.85, batch: 0.2, api: 0.5, flat: 0 };

export const isoSeconds = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + 7 * (n - 1);
}

/** Holiday strength of a date: US federal holidays that empty offices, and the Christmas–New Year lull. */
export function holidayStrength(d: Date): number {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  if (m === 10) {
    const thanksgiving = nthWeekday(y, 10, 4, 4);
    if (day === thanksgiving) return 1;
    if (day === thanksgiving + 1) return 0.7;
  }
  if (m === 6 && day === 4) return 1;
  if (m === 8 && day === nthWeekday(y, 8, 1, 1)) return 1; // Labor Day
  if (m === 4 && day + 7 > new Date(Date.UTC(y, 5, 0)).getUTCDate() && new Date(Date.UTC(y, 4, day)).getUTCDay() === 1) return 1; // Memorial Day
  if (m === 11) {
    if (day === 25) return 1;
    if (day === 24 || day === 31) return 0.8;
    if (day === 26) return 0.7;
    if (day >= 27) return 0.45;
  }
  if (m === 0 && day === 1) return 1;
  if (m === 0 && day === 2) return 0.4;
  return 0;
}

/** The `days` days before `end` (exclusive), oldest first. */
export function buildDays(end: Date, days: number): DemoDay[] {
  const out: DemoDay[] = [];
  for (let i = 0; i < days; i++) {
    const start = new Date(end.getTime() - (days - i) * 86_400_000);
    const next = new Date(start.getTime() + 86_400_000);
    out.push({
      index: i, start, iso: isoSeconds(start), nextIso: isoSeconds(next), month: monthKey(start),
      weekday: start.getUTCDay(), holiday: holidayStrength(start),
    });
  }
  return out;
}

/**
 * The demo organisation's holiday calendar: the UTC days in [from, to) on
 * which any holiday (full or partial) thins its activity, as a user of the
 * demo would pass them to the anomaly detector or a forecast.
 */
export function demoHolidays(from: Date, to: Date): Date[] {
  const start = Math.floor(from.getTime() / 86_400_000);
  const days = Math.ceil(to.getTime() / 86_400_000) - start;
  return buildDays(new Date((start + Math.max(days, 0)) * 86_400_000), Math.max(days, 0)).filter((d) => d.holiday > 0).map((d) => d.start);
}

/** Multiplier on a workload's activity for a day (weekly cycle × holidays). */
export function activity(kind: ActivityKind, day: DemoDay): number {
  const weekly = day.weekday === 0 || day.weekday === 6 ? WEEKEND[kind] : 1;
  return weekly * (1 - day.holiday * HOLIDAY_DEPTH[kind]);
}

/** ISO strings of the 25 hour boundaries of a day, for hourly rows. */
export function hourBoundaries(day: DemoDay): string[] {
  const out: string[] = [];
  for (let h = 0; h <= 24; h++) out.push(isoSeconds(new Date(day.start.getTime() + h * 3_600_000)));
  return out;
}

/**
 * Time in Outlay is UTC, and every period is half-open: [start, end).
 */
import { OutlayError } from './errors.ts';

export const GRAINS = ['hour', 'day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

export interface Period {
  readonly start: Date;
  readonly end: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_ONLY = /^\d{4}-\d{2}$/;

/**
 * Parses a user-supplied instant: YYYY-MM, YYYY-MM-DD (midnight UTC) or ISO
 * 8601 date-time (no zone = UTC).
 */
export function parseInstant(text: string, field = 'date'): Date {
  const t = text.trim();
  let iso = t;
  if (MONTH_ONLY.test(t)) iso = `${t}-01T00:00:00Z`;
  else if (DATE_ONLY.test(t)) iso = `${t}T00:00:00Z`;
  else if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(t)) iso = `${t.replace(' ', 'T')}Z`;
  const d = new Date(iso);
  // Stores hold four-digit years (DuckDB, PostgreSQL and ClickHouse refuse or
  // wrap beyond them), so "99999-01-01" is a typo here, not a far-off date.
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || !writtenDayExists(t) || year < 1 || year > 9999) {
    throw new OutlayError('INPUT_INVALID', `${field}: "${text}" is not a date (use YYYY-MM-DD or ISO 8601)`, { field, value: text });
  }
  return d;
}

/** A range is [from, to): `to` before `from` is a mistake (swapped dates), not an empty answer. */
export function checkRange(from: Date | undefined, to: Date | undefined): void {
  if (from && to && to.getTime() < from.getTime()) {
    throw new OutlayError('INPUT_INVALID', `to (${to.toISOString()}) is before from (${from.toISOString()})`, { field: 'to', value: to.toISOString() });
  }
}

/** --from/--to as given on a command line: each parsed (absent stays absent) and their order checked. */
export function parseRange(from: string | undefined, to: string | undefined, names: readonly [string, string] = ['from', 'to']): { from?: Date; to?: Date } {
  const range = { ...(from === undefined ? {} : { from: parseInstant(from, names[0]) }), ...(to === undefined ? {} : { to: parseInstant(to, names[1]) }) };
  checkRange(range.from, range.to);
  return range;
}

/**
 * Whether the calendar day a timestamp's text starts with (YYYY-MM-DD) exists.
 * V8 and DuckDB roll an impossible day over ("2027-02-29" is 1 March,
 * "2026-09-31" 1 October) whatever offset follows, so it is checked on the
 * text. Text not starting with a date passes (the parse decides).
 */
export function writtenDayExists(text: string): boolean {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Counted, not built with Date.UTC, which reads years 0–99 as 1900–1999.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** The UTC midnight that starts d's day: collections restate whole UTC days, so they start there. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 86_400_000) * 86_400_000);
}

export function startOfMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function addMonths(d: Date, n: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours()));
}

export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

/** The calendar month containing d, as [first day, first day of next month). */
export function monthOf(d: Date): Period {
  const start = startOfMonth(d);
  return { start, end: addMonths(start, 1) };
}

/** "2024-09" */
export function monthKey(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** "2024-09-18" */
export function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isGrain(s: string): s is Grain {
  return (GRAINS as readonly string[]).includes(s);
}

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
  if (Number.isNaN(d.getTime()) || !writtenDayExists(t)) {
    throw new OutlayError('INPUT_INVALID', `${field}: "${text}" is not a date (use YYYY-MM-DD or ISO 8601)`, { field, value: text });
  }
  return d;
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
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
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

/**
 * Reads a two-column `timestamp,value` CSV (with a header) into a plain
 * series. Kept apart from the analytics so the same commands can later take
 * a cost-explorer query instead of a file.
 */
import { readFileSync } from 'node:fs';
import { OutlayError } from '../../core/index.ts';
import type { Series } from '../../analytics/forecast/index.ts';

const MISSING = new Set(['', 'nan', 'na', 'null', 'n/a']);
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601, with BigQuery's " UTC" as well as Z, and offsets with or without minutes (+02, +0200, +02:00). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z| ?UTC| ?GMT|[+-]\d{2}(?::?\d{2})?)?$/;
/** Spreadsheet dates: 3/14/2024, 14/03/2024, with an optional 24-hour time. */
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Year first with slashes (2024/03/14, East Asian and some spreadsheet locales): never ambiguous. */
const YEAR_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Dotted dates are day first wherever they are written (14.03.2024, German, Russian …). */
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Compact dates: 20240314. */
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
/** Compact hours as Wikimedia's pageview API writes them: 2015070100 (see compactHoursIn). */
const COMPACT_HOUR = /^(\d{4})(\d{2})(\d{2})(\d{2})$/;
/** Unix time as monitoring exports write it: seconds (9–10 digits, optional fraction) or milliseconds (12–13). */
const EPOCH_S = /^\d{9,10}(?:\.\d+)?$/;
const EPOCH_MS = /^\d{12,13}$/;

/** Which field of a slash date is the month: US exports put it first, most others second. */
export type SlashOrder = 'month-first' | 'day-first';

/** How a file writes its timestamps where one text could be read two ways. */
export interface TimestampReading {
  /** Which field of a slash date is the month. */
  readonly slash?: SlashOrder;
  /** Ten digits are YYYYMMDDHH rather than Unix seconds. */
  readonly compactHours?: boolean;
}

/** Parse a date or date-time as UTC (an explicit offset is honoured); undefined if malformed. */
export function parseTimestamp(text: string, how: SlashOrder | TimestampReading = 'month-first'): Date | undefined {
  const { slash = 'month-first', compactHours = false } = typeof how === 'string' ? { slash: how } : how;
  const d = DATE_ONLY.exec(text) ?? COMPACT_DAY.exec(text);
  if (d) return utc(+d[1]!, +d[2]!, +d[3]!);
  const h = compactHours ? COMPACT_HOUR.exec(text) : null;
  if (h) return utc(+h[1]!, +h[2]!, +h[3]!, +h[4]!);
  const y = YEAR_SLASH.exec(text);
  if (y) return utc(+y[1]!, +y[2]!, +y[3]!, +(y[4] ?? 0), +(y[5] ?? 0), +(y[6] ?? 0));
  const dot = DOTTED.exec(text);
  if (dot) return utc(+dot[3]!, +dot[2]!, +dot[1]!, +(dot[4] ?? 0), +(dot[5] ?? 0), +(dot[6] ?? 0));
  if (EPOCH_MS.test(text)) return new Date(Number(text));
  if (EPOCH_S.test(text)) return new Date(Math.round(Number(text) * 1000));
  const u = SLASH_DATE.exec(text);
  if (u) {
    const [a, b] = [+u[1]!, +u[2]!];
    const [month, day] = slash === 'month-first' ? [a, b] : [b, a];
    return utc(+u[3]!, month, day, +(u[4] ?? 0), +(u[5] ?? 0), +(u[6] ?? 0));
  }
  const t = DATE_TIME.exec(text);
  if (!t) return undefined;
  const zone = t[7]?.trim();
  let offsetMin = 0;
  if (zone && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const local = utc(+t[1]!, +t[2]!, +t[3]!, +t[4]!, +t[5]!, +(t[6] ?? 0));
  return local && new Date(local.getTime() - offsetMin * 60_000);
}

/** A UTC instant from calendar fields, or undefined for a day that does not exist (2024-02-30) or an impossible time. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return d.getUTCDate() === day ? d : undefined;
}

/**
 * Which field of the file's slash dates is the month: the other one as soon
 * as a field goes above 12 (13/03/2024 is day-first, 3/13/2024 month-first).
 * Undefined when no field does and the two readings differ (01/03, 02/03 …
 * could be three days of March or three months): the caller refuses rather
 * than guess.
 */
function slashOrderOf(cells: readonly string[]): SlashOrder | undefined {
  const pairs = cells.flatMap((c) => { const m = SLASH_DATE.exec(c); return m ? [[+m[1]!, +m[2]!] as const] : []; });
  if (pairs.some(([a]) => a > 12)) return 'day-first';
  if (pairs.some(([, b]) => b > 12) || pairs.every(([a, b]) => a === b)) return 'month-first';
  return undefined;
}

/**
 * Whether a file's ten-digit timestamps are YYYYMMDDHH (Wikimedia's pageview
 * API writes hours and days so: 2015070100) rather than Unix seconds: every
 * one is a valid date and hour, and read as seconds every one would lie in
 * the future (any YYYYMMDDHH from 1970 on is a second count of 2032 or
 * later), which a history cannot.
 */
function compactHoursIn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((c) => COMPACT_HOUR.test(c) && Number(c) * 1000 > Date.now() && parseTimestamp(c, { compactHours: true }) !== undefined);
}

/**
 * The cells of one CSV line, trimmed: a quoted cell may hold the separator
 * ("1,234.50" from a spreadsheet) and doubled quotes.
 */
export function csvCells(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) { cells.push(cell.trim()); cell = ''; }
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Thousands separators as spreadsheets write them (1,234,567.5). */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** Decimal comma, with optional dot grouping (1.234,5), as semicolon-separated files from comma-decimal locales write numbers. */
const DECIMAL_COMMA = /^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/;

/** The number a cell spells in the file's conventions, as text Number() reads; the text as it is when it is neither form. */
function plainNumber(cell: string, sep: string): string {
  const text = bareAmount(cell);
  // In a semicolon file the comma is the decimal mark (1,234 is 1.234), never a thousands separator.
  if (sep === ';') return DECIMAL_COMMA.test(text) ? text.replaceAll('.', '').replace(',', '.') : text;
  return GROUPED.test(text) ? text.replaceAll(',', '') : text;
}

/** A currency symbol or code around an amount, or a percent sign after it, as spreadsheets format cells. */
const DECORATED = /^([+-]?)\s*(?:[$€£¥]|US\$)?\s*([+-]?[\d.,]+)\s*(?:%|[$€£¥]|[A-Z]{3})?$/;

/**
 * The number in a cell a spreadsheet formatted for reading: "$1,234.50",
 * "-€12,5", "1 234 USD", "45 %" give their digits (a sign in front of the
 * symbol kept); anything else is returned as it is, for Number() to judge.
 */
function bareAmount(cell: string): string {
  const m = DECORATED.exec(cell.replace(/(\d)[\u00a0\u202f ](?=\d{3}\b)/g, '$1'));
  if (!m || !/\d/.test(m[2]!)) return cell;
  const sign = m[1] === '-' ? '-' : '';
  return `${sign}${m[2]!}`;
}

/** The header's field separator: comma, else tab, else semicolon (spreadsheets in comma-decimal locales). */
function delimiterOf(header: string): string {
  return header.includes(',') ? ',' : header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
}

/** Parse CSV text; `file` only labels error messages. */
export function parseSeriesCsv(text: string, file: string): Series {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim();
  if (!header) throw new OutlayError('INPUT_INVALID', `${file}: empty file, expected a header "timestamp,value"`, { file, line: 1 });
  const sep = delimiterOf(header);
  const names = csvCells(header, sep);
  if (names.length !== 2) throw new OutlayError('INPUT_INVALID', `${file}:1: expected two columns (timestamp,value), found ${names.length}`, { file, line: 1 });
  const rows: Array<{ line: number; cells: string[] }> = [];
  for (let i = 1; i < lines.length; i++) {
    // Only spaces and carriage returns: in a tab-separated file a trailing tab is an empty (missing) value.
    const raw = lines[i]!.replace(/^[ \r]+|[ \r]+$/g, '');
    if (raw === '') continue;
    const cells = csvCells(raw, sep);
    if (cells.length !== 2) throw new OutlayError('INPUT_INVALID', `${file}:${i + 1}: expected 2 fields, found ${cells.length}`, { file, line: i + 1 });
    rows.push({ line: i + 1, cells });
  }
  const order = slashOrderOf(rows.map((r) => r.cells[0]!));
  if (!order) {
    throw new OutlayError('INPUT_INVALID', `${file}: slash dates where no day is above 12 could be month/day or day/month; write them as YYYY-MM-DD`, { file, line: rows[0]?.line ?? 2, field: names[0] });
  }
  const how = { slash: order, compactHours: compactHoursIn(rows.map((r) => r.cells[0]!)) };
  const timestamps: Date[] = [];
  const values: number[] = [];
  for (const { line, cells } of rows) {
    const ts = parseTimestamp(cells[0]!, how);
    if (!ts) throw new OutlayError('INPUT_INVALID', `${file}:${line}: bad timestamp "${cells[0]}" (want YYYY-MM-DD, an ISO date-time, M/D/YYYY, D/M/YYYY, YYYY/MM/DD, DD.MM.YYYY, YYYYMMDD[HH] or Unix seconds or milliseconds)`, { file, line, field: names[0], value: cells[0] });
    // An empty or NaN/NA cell is a missing point: skipped here, imputed on the grid later.
    if (MISSING.has(cells[1]!.toLowerCase())) continue;
    const v = Number(plainNumber(cells[1]!, sep));
    if (!Number.isFinite(v)) throw new OutlayError('INPUT_INVALID', `${file}:${line}: bad value "${cells[1]}" (want a number)`, { file, line, field: names[1], value: cells[1] });
    timestamps.push(ts);
    values.push(v);
  }
  if (timestamps.length < 2) throw new OutlayError('INPUT_INVALID', `${file}: need at least 2 data rows, found ${timestamps.length}`, { file });
  return { timestamps, values };
}

/**
 * A timestamp written twice in a series that otherwise has one row per
 * instant is a clock repeat, not two amounts: local-time exports repeat the
 * hour the clocks go back (01:00 twice on a DST day), and a re-sent export
 * row repeats a line. Summing such a pair (what the grid does with several
 * rows in one cell, so per-item cost rows add up) doubles a point and reads
 * as a spike; their mean is the reading. Only rare pairs are merged (at most
 * one instant in a hundred, none written three times or more); a file with
 * many rows per instant keeps them for the grid to add up.
 */
export function mergeClockRepeats(series: Series): { series: Series; repeated: number } {
  const at = new Map<number, number[]>();
  series.timestamps.forEach((t, i) => {
    const k = t.getTime();
    const list = at.get(k);
    if (list) list.push(i);
    else at.set(k, [i]);
  });
  const repeats = [...at.values()].filter((l) => l.length > 1);
  if (repeats.length === 0 || repeats.some((l) => l.length > 2) || repeats.length > Math.max(1, at.size / 100)) return { series, repeated: 0 };
  const timestamps: Date[] = [];
  const values: number[] = [];
  for (const list of at.values()) {
    timestamps.push(series.timestamps[list[0]!]!);
    values.push(list.reduce((s, i) => s + series.values[i]!, 0) / list.length);
  }
  return { series: { timestamps, values }, repeated: repeats.length };
}

export function readSeriesCsv(file: string): Series {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new OutlayError('INPUT_INVALID', `cannot read ${file}: ${(err as Error).message}`, { file }, { cause: err });
  }
  const { series, repeated } = mergeClockRepeats(parseSeriesCsv(text, file));
  if (repeated > 0) process.stderr.write(`note: ${file}: ${repeated} timestamp(s) written twice (a clock change?): each pair read as its mean\n`);
  return series;
}

/**
 * Run an engine on the series of `file`, naming the file in what it refuses
 * (too short, a spacing it does not take): with several --input files the
 * message alone did not say which one.
 */
export function forFile<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof OutlayError && err.details.file === undefined) {
      throw new OutlayError(err.code, `${file}: ${err.message}`, { ...err.details, file }, { cause: err });
    }
    throw err;
  }
}

/** Parser for `--format`: json or table. */
export function formatOption(v: string): 'json' | 'table' {
  if (v !== 'json' && v !== 'table') throw new OutlayError('INPUT_INVALID', `--format must be json or table, got "${v}"`, { field: 'format' });
  return v;
}

/**
 * `v` to `digits` decimals, or to `digits` significant digits when it is
 * smaller than one (a series of 3e-9 must not print as 0).
 */
export function round(v: number, digits = 6): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const places = Math.max(digits, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return Number(v.toFixed(Math.min(places, 100)));
}

/** Plain fixed-width table for terminal output. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(headers), ...rows.map(fmt)].join('\n');
}

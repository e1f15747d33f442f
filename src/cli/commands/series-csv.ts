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
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parse a date or date-time as UTC (an explicit offset is honoured); undefined if malformed. */
export function parseTimestamp(text: string): Date | undefined {
  const d = DATE_ONLY.exec(text);
  if (d) return validDate(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!), +d[2]!, +d[3]!);
  const t = DATE_TIME.exec(text);
  if (!t) return undefined;
  const base = Date.UTC(+t[1]!, +t[2]! - 1, +t[3]!, +t[4]!, +t[5]!, +(t[6] ?? 0));
  const zone = t[7];
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  if (+t[4]! > 23 || +t[5]! > 59 || +(t[6] ?? 0) > 59) return undefined;
  return validDate(base - offsetMin * 60_000, +t[2]!, +t[3]!);
}

/** Reject dates like 2024-02-30 that Date.UTC would silently roll over. */
function validDate(ms: number, month: number, day: number): Date | undefined {
  const d = new Date(ms);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return Number.isFinite(ms) ? d : undefined;
}

function unquote(cell: string): string {
  const c = cell.trim();
  return c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1).trim() : c;
}

/** Parse CSV text; `file` only labels error messages. */
export function parseSeriesCsv(text: string, file: string): Series {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim();
  if (!header) throw new OutlayError('INPUT_INVALID', `${file}: empty file, expected a header "timestamp,value"`, { file, line: 1 });
  const names = header.split(',').map(unquote);
  if (names.length !== 2) throw new OutlayError('INPUT_INVALID', `${file}:1: expected two columns (timestamp,value), found ${names.length}`, { file, line: 1 });
  const timestamps: Date[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const cells = raw.split(',').map(unquote);
    const line = i + 1;
    if (cells.length !== 2) throw new OutlayError('INPUT_INVALID', `${file}:${line}: expected 2 fields, found ${cells.length}`, { file, line });
    const ts = parseTimestamp(cells[0]!);
    if (!ts) throw new OutlayError('INPUT_INVALID', `${file}:${line}: bad timestamp "${cells[0]}" (want YYYY-MM-DD or an ISO date-time)`, { file, line, field: names[0], value: cells[0] });
    // An empty or NaN/NA cell is a missing point: skipped here, imputed on the grid later.
    if (MISSING.has(cells[1]!.toLowerCase())) continue;
    const v = Number(cells[1]);
    if (!Number.isFinite(v)) throw new OutlayError('INPUT_INVALID', `${file}:${line}: bad value "${cells[1]}" (want a number)`, { file, line, field: names[1], value: cells[1] });
    timestamps.push(ts);
    values.push(v);
  }
  if (timestamps.length < 2) throw new OutlayError('INPUT_INVALID', `${file}: need at least 2 data rows, found ${timestamps.length}`, { file });
  return { timestamps, values };
}

export function readSeriesCsv(file: string): Series {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new OutlayError('INPUT_INVALID', `cannot read ${file}: ${(err as Error).message}`, { file }, { cause: err });
  }
  return parseSeriesCsv(text, file);
}

/** Parser for `--format`: json or table. */
export function formatOption(v: string): 'json' | 'table' {
  if (v !== 'json' && v !== 'table') throw new OutlayError('INPUT_INVALID', `--format must be json or table, got "${v}"`, { field: 'format' });
  return v;
}

/** Round for display and JSON: enough digits for money, no float noise. */
export function round(v: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Plain fixed-width table for terminal output. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(headers), ...rows.map(fmt)].join('\n');
}

/**
 * Rendering rows for people (aligned tables) and scripts (CSV, JSON).
 */
import { OutlayError } from '../core/index.ts';

export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** `allowed` narrows the formats for commands whose output has no CSV form (summary, demo). */
export function parseFormat(s: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  const f = (s ?? 'table').toLowerCase();
  if (!(allowed as readonly string[]).includes(f)) {
    throw new OutlayError('INPUT_INVALID', `--format ${s}: use ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`, { field: 'format', value: s });
  }
  return f as Format;
}

type Cell = string | number | null | undefined;

/** A plain number, or one with thousands separators as the summary prints them (33,136). */
const NUMERIC = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

/** Aligned text table; numbers right-aligned, null shown as "—". */
export function renderTable(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] == null ? '—' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (vals: string[]) => vals.map((v, i) => (NUMERIC.test(v) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line([...columns]), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function csvCell(v: Cell): string {
  if (v == null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function renderCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n');
}

export function render(format: Format, columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2);
    case 'csv':
      return renderCsv(columns, rows);
    case 'table':
      return renderTable(columns, rows);
  }
}

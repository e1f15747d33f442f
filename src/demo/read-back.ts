/**
 * Reads a demo output folder back (for tests and checks): every FOCUS file's
 * rows as records, with the file's path relative to the output folder.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCsv } from '../pricing/index.ts';

export interface ReadRow {
  readonly file: string;
  readonly cells: Readonly<Record<string, string>>;
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.csv')) out.push(p);
  }
  return out;
}

/** Header and records of one CSV file (empty cells stay ''). */
export function readCsvFile(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...lines] = parseCsv(readFileSync(path, 'utf8'));
  return { header, rows: lines.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** All rows of all FOCUS files under `<out>/focus`. */
export function readDemoRows(out: string): ReadRow[] {
  return walk(join(out, 'focus'), []).flatMap((p) => readCsvFile(p).rows.map((cells) => ({ file: relative(out, p), cells })));
}

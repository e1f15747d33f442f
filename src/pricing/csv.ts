/**
 * Reads the catalogue's own CSV files (RFC 4180, small enough to read whole)
 * into objects keyed by header name. Pricing may import only core, so it keeps
 * this small reader rather than borrowing the ingest parser.
 */
import { readFileSync } from 'node:fs';
import { OutlayError } from '../core/index.ts';

/** Splits RFC 4180 text into rows of fields (quoted fields may hold commas, quotes, newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Loads a data file beside this module as records (header → cell). */
export function readCatalogueCsv(name: string): Record<string, string>[] {
  const url = new URL(`./data/${name}`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (err) {
    throw new OutlayError('INGEST_IO', `cannot read price catalogue ${name}`, { file: url.pathname }, { cause: err });
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new OutlayError('INGEST_EMPTY_FILE', `price catalogue ${name} is empty`, { file: name });
  return rows
    .filter((r) => r.length > 1 || (r[0] ?? '') !== '')
    .map((r, i) => {
      if (r.length !== header.length) {
        throw new OutlayError('INGEST_BAD_ROW', `price catalogue ${name}: ${r.length} fields, expected ${header.length}`, { file: name, line: i + 2 });
      }
      return Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']));
    });
}

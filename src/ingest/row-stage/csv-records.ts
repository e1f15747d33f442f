/**
 * Console CSV exports of API reports (OpenAI's and Anthropic's dashboards)
 * read as the JSON records the API would send, so one reader serves both and
 * every error names the CSV line and column (`$.<column>`).
 */
import { parseCsv } from '../../pricing/index.ts';
import { JsonDoc } from './fields.ts';
import { JsonNum, type Json, type JsonObject } from './json.ts';

export interface CsvRecords {
  /** A JsonDoc over the records; objects registered with `at` report that CSV line. */
  readonly doc: JsonDoc;
  /** Non-blank rows, each as {column: value}, with its 1-based CSV line. */
  readonly rows: readonly { node: JsonObject; line: number }[];
  /** Registers an object built from a row, so errors on it name the row's line. */
  at<T extends JsonObject>(node: T, line: number): T;
}

/**
 * Cells: '' → null; TRUE/FALSE → booleans; numbers (thousands separators
 * dropped) → exact JsonNum; columns in `text` and anything else → strings.
 */
export function csvRecords(csv: string, file: string, text: ReadonlySet<string>): CsvRecords {
  const [header = [], ...body] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const names = header.map((h) => h.trim());
  const lines = new WeakMap<object, number>();
  const doc = new JsonDoc(file, { value: null, lineOf: (n) => (n !== null && typeof n === 'object' ? lines.get(n) ?? 0 : 0) });
  const at = <T extends JsonObject>(node: T, line: number): T => { lines.set(node, line); return node; };
  const cell = (name: string, v: string): Json => {
    if (v === '') return null;
    if (text.has(name)) return v;
    if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    return /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v) ? new JsonNum(v.replace(/,/g, '')) : /^-?\d/.test(v) ? new JsonNum(v) : v;
  };
  const rows: { node: JsonObject; line: number }[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const node: JsonObject = {};
    names.forEach((n, j) => { node[n] = cell(n, (cells[j] ?? '').trim()); });
    rows.push({ node: at(node, i + 2), line: i + 2 });
  });
  return { doc, rows, at };
}

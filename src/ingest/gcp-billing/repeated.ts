/**
 * The export's repeated fields (credits, labels, project.labels,
 * system_labels) as they arrive: JSON arrays (JSON lines, Parquet LISTs, CSV
 * cells written as JSON) or Python list literals (the koku flavour of CSV:
 * `[{'name': 'FreeTrial…', 'amount': -5e-06, 'full_name': None}]`, with
 * double quotes only around strings that contain a single quote). Both are
 * read set-based in SQL; amounts stay exact decimals.
 */
import { q } from '../bill-sql.ts';

const isJson = (cell: string): string => `(${cell} IS NOT NULL AND json_valid(${cell}))`;

/** A Python-literal string value of `key`: '…' or "…" (regexp groups 1 or 2). */
const pyString = (key: string): string => `'${key}'\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|"((?:[^"\\\\]|\\\\.)*)")`;

/** List of the string values of `key` in every element of a repeated field. */
function stringsOf(cell: string, key: string): string {
  const json = `json_extract_string(${cell}, ${q(`$[*].${key}`)})`;
  const pat = q(pyString(key));
  const py = `list_transform(list_zip(regexp_extract_all(${cell}, ${pat}, 1), regexp_extract_all(${cell}, ${pat}, 2)), z -> coalesce(nullif(z[1], ''), z[2]))`;
  return `CASE WHEN ${cell} IS NULL THEN []::VARCHAR[] WHEN ${isJson(cell)} THEN ${json} ELSE ${py} END`;
}

/** List of the numeric texts of `key` (e.g. credits' amount). */
function numbersOf(cell: string, key: string): string {
  const json = `json_extract_string(${cell}, ${q(`$[*].${key}`)})`;
  const py = `regexp_extract_all(${cell}, ${q(`'${key}'\\s*:\\s*(-?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?)`)}, 1)`;
  return `CASE WHEN ${cell} IS NULL THEN []::VARCHAR[] WHEN ${isJson(cell)} THEN ${json} ELSE ${py} END`;
}

/** Number of elements written in the cell (to check every amount was read). */
export function elementCount(cell: string): string {
  const py = `len(regexp_extract_all(${cell}, '\\{'))`;
  return `CASE WHEN ${cell} IS NULL THEN 0 WHEN ${isJson(cell)} THEN coalesce(json_array_length(${cell}), 0) ELSE ${py} END`;
}

/** Sum of credits' amounts as DECIMAL(38,12) (0 when none); NULL when an amount is not a number. */
export function creditSum(cell: string): string {
  const xs = numbersOf(cell, 'amount');
  return `CASE WHEN list_bool_or(list_transform(${xs}, x -> TRY_CAST(x AS DECIMAL(38,12)) IS NULL)) THEN NULL
    ELSE coalesce(list_sum(list_transform(${xs}, x -> CAST(x AS DECIMAL(38,12)))), 0::DECIMAL(38,12)) END`;
}

/** Number of amounts read from the credits cell. */
export const creditCount = (cell: string): string => `len(${numbersOf(cell, 'amount')})`;

/** Credit types present on the line (e.g. COMMITTED_USAGE_DISCOUNT, PROMOTION, FREE_TIER). */
export const creditTypes = (cell: string): string => stringsOf(cell, 'type');

/** {key: value} pairs of a labels cell, as a list of structs {k, v}. */
export function labelPairs(cell: string): string {
  return `list_transform(list_zip(${stringsOf(cell, 'key')}, ${stringsOf(cell, 'value')}), z -> {'k': z[1], 'v': coalesce(z[2], '')})`;
}

/** A JSON object text from label lists (earlier lists win on a repeated key); NULL when there are none. */
export function labelsObject(cells: readonly string[]): string {
  const all = cells.length === 1 ? labelPairs(cells[0] ?? 'NULL') : `list_concat(${cells.map(labelPairs).join(', ')})`;
  const body = `array_to_string(list_transform(${all}, p -> to_json(p.k)::VARCHAR || ':' || to_json(p.v)::VARCHAR), ',')`;
  return `CASE WHEN len(${all}) = 0 THEN NULL ELSE '{' || ${body} || '}' END`;
}

/** The value of one label key in a labels cell (e.g. compute.googleapis.com/machine_spec in system_labels). */
export function labelValue(cell: string, key: string): string {
  return `list_filter(${labelPairs(cell)}, p -> p.k = ${q(key)})[1].v`;
}

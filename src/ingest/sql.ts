/**
 * Building blocks every connector uses to turn a raw relation (all cells as
 * VARCHAR, plus __line) into CostRecord columns with DuckDB SQL, so parsing
 * and normalising run set-based inside DuckDB and memory stays bounded.
 *
 * Each column has a strict expression (raises on a bad value, for the fast
 * all-or-nothing load), a lenient one (NULL on a bad value, for quarantine)
 * and checks that say which rows are bad and why (for error reports).
 */
import { COST_COLUMNS, type ColumnSpec } from '../core/index.ts';
import type { StagedFile } from '../store/index.ts';
import type { FileProbe } from './probe.ts';
import { keyValueListAsObject } from './key-value-tags.ts';

export const q = (s: string): string => `'${s.replaceAll("'", "''")}'`;
export const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * A cell of the raw stage. Stages already turn empty cells into NULL (CSV
 * nullstr, Parquet nullif), so this is the bare column: trimming every cell
 * of every row was the single largest cost of a load, and DuckDB's casts
 * ignore surrounding blanks anyway.
 */
export const text = (rawCol: string): string => ident(rawCol);

export interface Check {
  readonly field: string;
  /** SQL boolean: true when the row is bad. */
  readonly bad: string;
  /** SQL string expression: why (may use the row's values). */
  readonly reason: string;
  /** SQL expression: the offending value, as text. */
  readonly value: string;
}

export interface ColumnPlan {
  readonly column: string;
  readonly strict: string;
  readonly lenient: string;
  readonly checks: readonly Check[];
  /**
   * Columns this plan's expressions read by name, computed once per row in a
   * projection under the final select (see withHelpers) because several
   * columns share them. They may read the stage's own helper columns (CUR
   * wraps its stage with withHelpers first: the tag rules' helper reads its
   * "__tags"), so composeStagedFile adds these layers outermost; a helper
   * that reads another plan's helper goes in a layer above it.
   */
  readonly helpers?: Readonly<Record<string, string>>;
}

/**
 * Adds computed columns to a stage, so an expression several CostRecord
 * columns share (the tags object, the line type) is computed once per row.
 */
export function withHelpers(stage: string, helpers: Readonly<Record<string, string>>): string {
  const cols = Object.entries(helpers).map(([name, expr]) => `${expr} AS ${ident(name)}`);
  return cols.length === 0 ? stage : `SELECT *, ${cols.join(', ')} FROM (${stage})`;
}

const DEC_FAST = 'DECIMAL(18,12)';
const DEC_WIDE = 'DECIMAL(38,12)';

/**
 * Decimal from text: parse as DECIMAL(18,12) (int64-backed and fast) and fall
 * back to DECIMAL(38,12) for amounts of a million or more. Plain,
 * trailing-zero and scientific notation all parse exactly.
 */
export function decimalPlan(column: string, src: string): ColumnPlan {
  const lenient = `coalesce(TRY_CAST(${src} AS ${DEC_FAST})::${DEC_WIDE}, TRY_CAST(${src} AS ${DEC_WIDE}))`;
  return {
    column,
    lenient,
    strict: `CASE WHEN ${src} IS NULL THEN NULL ELSE coalesce(TRY_CAST(${src} AS ${DEC_FAST})::${DEC_WIDE}, CAST(${src} AS ${DEC_WIDE})) END`,
    // A finite number the cast refuses has more digits before the point than the column holds.
    checks: [{ field: column, bad: `${src} IS NOT NULL AND ${lenient} IS NULL`, value: src,
      reason: `CASE WHEN isfinite(TRY_CAST(${src} AS DOUBLE)) THEN 'too large (at most 26 digits before the point)' ELSE 'not a number' END` }],
  };
}

/**
 * Counts (tokens, requests): "59200.0" is 59200, but "1.5" is refused, because
 * DuckDB's cast to BIGINT rounds it (1.5 tokens would be stored as 2).
 */
export function integerPlan(column: string, src: string): ColumnPlan {
  const d = `TRY_CAST(${src} AS DOUBLE)`;
  const lenient = `CASE WHEN ${d} = trunc(${d}) THEN coalesce(TRY_CAST(${src} AS BIGINT), TRY_CAST(${d} AS BIGINT)) END`;
  return {
    column, lenient,
    strict: `CASE WHEN ${src} IS NULL THEN NULL WHEN ${lenient} IS NULL THEN error('not an integer') ELSE ${lenient} END`,
    checks: [{ field: column, bad: `${src} IS NOT NULL AND ${lenient} IS NULL`, value: src,
      reason: `CASE WHEN ${d} <> trunc(${d}) THEN 'not a whole number' WHEN isfinite(${d}) THEN 'too large for a count' ELSE 'not an integer' END` }],
  };
}

export function doublePlan(column: string, src: string): ColumnPlan {
  const lenient = `TRY_CAST(${src} AS DOUBLE)`;
  return {
    column, lenient, strict: `CAST(${src} AS DOUBLE)`,
    checks: [{ field: column, bad: `${src} IS NOT NULL AND ${lenient} IS NULL`, reason: `'not a number'`, value: src }],
  };
}

/**
 * SQL for "this text ends in a UTC offset" (+02:00, +0200, +02, -05 …).
 * DuckDB's TIMESTAMP cast accepts such text but drops the offset, so those
 * values must go through TIMESTAMPTZ (slower, ICU); plain and 'Z' values take
 * the fast TIMESTAMP cast.
 */
const hasOffset = (src: string): string =>
  `(length(${src}) > 10 AND (${src}[-6] IN ('+', '-') OR ${src}[-5] IN ('+', '-') OR ${src}[-3] IN ('+', '-')))`;

/**
 * UTC instant from ISO 8601 (with or without zone / 'Z' / milliseconds),
 * 'YYYY-MM-DD HH:MM:SS[ UTC]' or a named zone ('… America/New_York'). Text
 * without an offset takes the fast TIMESTAMP cast (DuckDB's COALESCE only
 * evaluates a fallback for the rows the cast before it left NULL); an offset
 * goes through TIMESTAMPTZ, which applies it.
 */
export function timestampPlan(column: string, src: string): ColumnPlan {
  // Minute-precision UTC ('2024-02-01T00:00Z', seen in OCI exports) fails DuckDB's
  // TIMESTAMP cast only because of the 'Z': retry without it; a zone name needs TIMESTAMPTZ.
  const tz = (cast: 'CAST' | 'TRY_CAST') => `${cast}(${src} AS TIMESTAMPTZ)::TIMESTAMP`;
  const plain = `TRY_CAST(${src} AS TIMESTAMP), TRY_CAST(rtrim(${src}, 'Z') AS TIMESTAMP)`;
  const lenient = `CASE WHEN ${hasOffset(src)} THEN ${tz('TRY_CAST')} ELSE coalesce(${plain}, ${tz('TRY_CAST')}) END`;
  return {
    column, lenient,
    strict: `CASE WHEN ${hasOffset(src)} THEN ${tz('CAST')} ELSE coalesce(${plain}, ${tz('CAST')}) END`,
    checks: [{ field: column, bad: `${src} IS NOT NULL AND ${lenient} IS NULL`, reason: `'not an ISO 8601 date-time'`, value: src }],
  };
}

/**
 * A JSON object (tags, SKU details); anything else is refused with its line.
 * A key/value list ([{"key", "value"}, …], Google's FOCUS Tags) becomes
 * {key: value} once per row in a helper column, which the checks and both
 * expressions then name instead of repeating the conversion.
 */
export function jsonObjectPlan(column: string, raw: string): ColumnPlan {
  const helper = `__${column}_object`;
  const src = ident(helper);
  // Valid JSON whose first non-blank character is '{' is an object: one parse
  // (json_type would parse again, and raises on malformed text).
  const ok = `coalesce(json_valid(${src}) AND starts_with(ltrim(${src}, ' ' || chr(9) || chr(10) || chr(13)), '{'), false)`;
  return {
    column,
    lenient: `CASE WHEN ${ok} THEN ${src} END`,
    strict: `CASE WHEN ${src} IS NULL THEN NULL WHEN ${ok} THEN ${src} ELSE error('not a JSON object') END`,
    checks: [{ field: column, bad: `${src} IS NOT NULL AND NOT ${ok}`, reason: `'not a JSON object'`, value: `left(${src}, 200)` }],
    helpers: { [helper]: keyValueListAsObject(raw) },
  };
}

export function stringPlan(column: string, src: string): ColumnPlan {
  return { column, strict: src, lenient: src, checks: [] };
}

/** Plan for a column of a given logical type from a text expression. */
export function planFor(spec: ColumnSpec, src: string): ColumnPlan {
  switch (spec.type) {
    case 'money':
    case 'decimal':
      return decimalPlan(spec.name, src);
    case 'integer':
      return integerPlan(spec.name, src);
    case 'double':
      return doublePlan(spec.name, src);
    case 'timestamp':
      return timestampPlan(spec.name, src);
    case 'json':
      return jsonObjectPlan(spec.name, src);
    case 'string':
      return stringPlan(spec.name, src);
  }
}

/** Adds a row rule (e.g. "must not be empty") to a column's plan. */
export function withCheck(plan: ColumnPlan, check: Omit<Check, 'field'> & { field?: string }): ColumnPlan {
  const c: Check = { field: check.field ?? plan.column, ...check };
  return {
    ...plan,
    strict: `CASE WHEN ${c.bad} THEN error(${c.reason}) ELSE ${plan.strict} END`,
    lenient: plan.lenient,
    checks: [...plan.checks, c],
  };
}

export const required = (plan: ColumnPlan, src: string): ColumnPlan =>
  withCheck(plan, { bad: `${src} IS NULL`, reason: `'is empty but required'`, value: 'NULL' });

export interface StageMeta {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string;
  /**
   * The probe's line map (CSV), set by a connector whose stage numbers the
   * probe's records: probe.stage itself or a stage built over it. A stage a
   * connector built from the file another way has records of its own.
   */
  readonly physicalLines?: StagedFile['physicalLines'];
}

/** A probed file's StageMeta; `physicalLines` only where the stage is the probe's (see StageMeta). */
export function probeMeta(probe: FileProbe, format: string, physicalLines?: StagedFile['physicalLines']): StageMeta {
  const meta = { path: probe.path, sha256: probe.sha256, bytes: probe.bytes, format };
  return physicalLines ? { ...meta, physicalLines } : meta;
}

/**
 * Composes the three relations a store needs from a stage (raw rows with
 * __line) and one plan per CostRecord column (missing ones become NULL).
 */
/**
 * Adds helper columns in layers, so a helper that reads another (the tag
 * rules' values read the Tags object helper) sits in a projection above it
 * and reads the computed column, instead of relying on DuckDB's same-select
 * alias, which pastes the other helper's expression in and computes it twice.
 */
function withLayeredHelpers(stage: string, helpers: Readonly<Record<string, string>>): string {
  let pending = Object.entries(helpers);
  let out = stage;
  while (pending.length > 0) {
    const names = pending.map(([n]) => n);
    const reads = (expr: string, self: string) => names.some((n) => n !== self && expr.includes(ident(n)));
    const layer = pending.filter(([n, e]) => !reads(e, n));
    // A cycle cannot be layered: put what is left in one projection, as before.
    const now = layer.length > 0 ? layer : pending;
    out = withHelpers(out, Object.fromEntries(now));
    pending = pending.filter((h) => !now.includes(h));
  }
  return out;
}

export function composeStagedFile(meta: StageMeta, rawStage: string, plans: readonly ColumnPlan[]): StagedFile {
  const stage = withLayeredHelpers(rawStage, Object.assign({}, ...plans.map((p) => p.helpers ?? {})) as Record<string, string>);
  const byColumn = new Map(plans.map((p) => [p.column, p]));
  const strict = COST_COLUMNS.map((c) => `${byColumn.get(c.name)?.strict ?? 'NULL'} AS ${ident(c.name)}`);
  const lenient = COST_COLUMNS.map((c) => `${byColumn.get(c.name)?.lenient ?? 'NULL'} AS ${ident(c.name)}`);
  const checks = plans.flatMap((p) => p.checks);
  const firstBad = checks.length === 0
    ? 'NULL'
    : `CASE ${checks.map((c) => `WHEN ${c.bad} THEN {'field': ${q(c.field)}, 'value': CAST(${c.value} AS VARCHAR), 'reason': ${c.reason}}`).join(' ')} END`;
  const judged = `SELECT *, ${firstBad} AS __bad FROM (${stage})`;
  return {
    ...meta,
    select: `SELECT ${strict.join(', ')} FROM (${stage})`,
    selectGood: `SELECT ${lenient.join(', ')} FROM (${judged}) WHERE __bad IS NULL`,
    rejected: `SELECT __line, __bad.field AS __field, __bad.value AS __value, __bad.reason AS __reason, ${lenient.join(', ')} FROM (${judged}) WHERE __bad IS NOT NULL`,
    diagnose: `SELECT __line AS line, __bad.field AS field, __bad.value AS value, __bad.reason AS reason FROM (${judged}) WHERE __bad IS NOT NULL`,
  };
}

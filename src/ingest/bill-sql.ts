/**
 * SQL building blocks shared by the cloud-bill importers (AWS CUR, Azure cost
 * details, Google Cloud billing export). A bill column is read from the stage
 * (bill-stage.ts) as a `Src`: its strict, lenient and checked forms, with
 * checks that name the file's own column, so an error points at the header
 * the user sees (`lineItem/UnblendedCost`, not `BilledCost`).
 */
import { gpuInstancePrices } from '../pricing/index.ts';
import { derivedDimensionPlans } from './allocation-sql.ts';
import { decimalPlan, ident, q, text, timestampPlan, type Check, type ColumnPlan } from './sql.ts';

/** A typed value read from the file: strict (raises), lenient (NULL on bad) and the checks. */
export interface Src {
  readonly strict: string;
  readonly lenient: string;
  readonly checks: readonly Check[];
}

export const NULL_SRC: Src = { strict: 'NULL', lenient: 'NULL', checks: [] };

/** An expression that cannot fail (constants, string columns). */
export const pure = (expr: string): Src => ({ strict: expr, lenient: expr, checks: [] });

/** A CostRecord column from a Src. */
export const plan = (column: string, s: Src): ColumnPlan => ({ column, strict: s.strict, lenient: s.lenient, checks: s.checks });

/** Combines Srcs into one expression, applied to the strict and the lenient forms alike. */
export function combine(parts: readonly Src[], f: (...xs: string[]) => string): Src {
  return {
    strict: f(...parts.map((p) => p.strict)),
    lenient: f(...parts.map((p) => p.lenient)),
    checks: parts.flatMap((p) => p.checks),
  };
}

/** Renames a plan's checks so errors name the file's column. */
function named(p: ColumnPlan, field: string): Src {
  return { strict: p.strict, lenient: p.lenient, checks: p.checks.map((c) => ({ ...c, field })) };
}

/** Exact decimal from any text expression, checked under the given field name. */
export function decimalOf(field: string, expr: string): Src {
  return named(decimalPlan(field, expr), field);
}

/** UTC timestamp from text, checked under the given field name (the same rules as FOCUS columns: sql.ts timestampPlan). */
export function timestampSrc(field: string, expr: string): Src {
  return named(timestampPlan(field, expr), field);
}

/**
 * Dates as Azure and others write them: ISO 8601 (with or without time and
 * zone), MM/DD/YYYY and M/D/YYYY (US order, as every Azure export uses).
 */
export function flexibleDate(field: string, expr: string): Src {
  const us = `try_strptime(${expr}, ['%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M:%S %p'])`;
  const lenient = `CASE WHEN ${expr} IS NULL THEN NULL WHEN regexp_matches(${expr}, '^\\d{1,2}/\\d{1,2}/\\d{4}') THEN ${us} ELSE TRY_CAST(${expr} AS TIMESTAMPTZ)::TIMESTAMP END`;
  const bad = `${expr} IS NOT NULL AND ${lenient} IS NULL`;
  return {
    lenient,
    strict: `CASE WHEN ${bad} THEN error(${q(`${field}: not a date (ISO 8601 or MM/DD/YYYY)`)}) ELSE ${lenient} END`,
    checks: [{ field, bad, reason: `'not a date (ISO 8601, MM/DD/YYYY or M/D/YYYY)'`, value: expr }],
  };
}

/** Adds a "must not be empty" rule naming the file's field. */
export function requiredSrc(s: Src, field: string, raw: string): Src {
  const bad = `${raw} IS NULL`;
  return {
    strict: `CASE WHEN ${bad} THEN error(${q(`${field} is empty but required`)}) ELSE ${s.strict} END`,
    lenient: s.lenient,
    checks: [...s.checks, { field, bad, reason: `'is empty but required'`, value: 'NULL' }],
  };
}

/** A refusing rule on a computed value (e.g. a period that ends before it starts). */
export function ruleSrc(s: Src, field: string, bad: string, reason: string, value: string): Src {
  return {
    strict: `CASE WHEN ${bad} THEN error(${q(`${field}: ${reason}`)}) ELSE ${s.strict} END`,
    lenient: s.lenient,
    checks: [...s.checks, { field, bad, reason: q(reason), value }],
  };
}

/**
 * A JSON object text from (key, value) pairs, skipping empty values; NULL when
 * no pair has a value. Keys are constants, values SQL text expressions.
 */
export function tagsFromPairs(pairs: readonly { key: string; value: string }[]): string {
  if (pairs.length === 0) return 'NULL';
  const structs = pairs.map((p) => `{'k': ${q(p.key)}, 'v': ${p.value}}`).join(', ');
  const kept = `list_filter([${structs}], x -> x.v IS NOT NULL AND x.v <> '')`;
  return `CASE WHEN len(${kept}) = 0 THEN NULL ELSE '{' || array_to_string(list_transform(${kept}, x -> to_json(x.k)::VARCHAR || ':' || to_json(x.v)::VARCHAR), ',') || '}' END`;
}

/** The Tags plan: a JSON object, refused (naming the file's field) when malformed. */
export function tagsSrc(field: string, jsonExpr: string): Src {
  // CASE, not AND: DuckDB may evaluate both sides of AND, and json_type raises on malformed text.
  const ok = `(CASE WHEN json_valid(${jsonExpr}) THEN json_type(${jsonExpr}) = 'OBJECT' ELSE false END)`;
  const bad = `${jsonExpr} IS NOT NULL AND NOT ${ok}`;
  return {
    lenient: `CASE WHEN ${ok} THEN ${jsonExpr} END`,
    strict: `CASE WHEN ${jsonExpr} IS NULL THEN NULL WHEN ${ok} THEN ${jsonExpr} ELSE error(${q(`${field}: not a JSON object`)}) END`,
    checks: [{ field, bad, reason: `'not a JSON object of tags'`, value: `left(${jsonExpr}, 200)` }],
  };
}

/** x_SourceFile and x_SourceLine. */
export function provenancePlans(path: string): ColumnPlan[] {
  return [plan('x_SourceFile', pure(q(path))), plan('x_SourceLine', pure('__line'))];
}

/** Tags, the dimensions the allocation rules derive from them, and provenance: the tail of every bill's plans. */
export function tagAndSourcePlans(tags: Src, path: string): ColumnPlan[] {
  return [plan('Tags', tags), ...derivedDimensionPlans(tags.lenient), ...provenancePlans(path)];
}

const gpuMaps = new Map<string, string>();

/**
 * A DuckDB MAP literal instance type (lower case) → {m: GPU model, n: GPU
 * count} for one provider of the price catalogue (src/pricing), so GPU
 * instances are recognised set-based inside the load query.
 */
export function gpuCatalogueMap(provider: string): string {
  const hit = gpuMaps.get(provider);
  if (hit) return hit;
  const seen = new Map<string, { m: string; n: number }>();
  for (const e of gpuInstancePrices()) {
    if (e.provider.toLowerCase() !== provider || e.gpuCount <= 0 || !e.gpuModel) continue;
    seen.set(e.instanceType.toLowerCase(), { m: e.gpuModel, n: e.gpuCount });
  }
  const entries = [...seen].map(([k, v]) => `${q(k)}: {'m': ${q(v.m)}, 'n': ${v.n}}`);
  const sql = entries.length === 0 ? `MAP {'': {'m': '', 'n': 0}}` : `MAP {${entries.join(', ')}}`;
  gpuMaps.set(provider, sql);
  return sql;
}

/**
 * x_GpuModel, x_GpuCount and x_GpuHours from an instance type expression, the
 * instance-hours of the line (NULL when the line is not instance time) and the
 * catalogue. GPU-hours = instance-hours × GPUs per instance.
 */
export function gpuPlans(provider: string, instanceTypeExpr: string, instanceHours: Src): ColumnPlan[] {
  const hit = `(${gpuCatalogueMap(provider)}[lower(${instanceTypeExpr})])`;
  const model = pure(`${hit}.m`);
  const count = pure(`${hit}.n`);
  const hours = combine([instanceHours], (h) => `CASE WHEN ${hit} IS NULL THEN NULL ELSE CAST(${h} * ${hit}.n AS DECIMAL(38,12)) END`);
  return [plan('x_GpuModel', model), plan('x_GpuCount', count), plan('x_GpuHours', hours)];
}

export { ident, q, text };

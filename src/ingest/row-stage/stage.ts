/**
 * Stages rows that a connector built in JavaScript (from JSON pages, XML,
 * expositions or query results) as a DuckDB VALUES relation of text cells,
 * then casts and checks them with the same column plans as the CSV
 * importers, so every source is typed and validated one way.
 */
import { COST_COLUMNS, type ColumnSpec } from '../../core/index.ts';
import type { StagedFile } from '../../store/index.ts';
import { derivedDimensionPlans } from '../allocation-sql.ts';
import { composeStagedFile, planFor, q, required, text, type ColumnPlan, type StageMeta } from '../sql.ts';

export type CellValue = string | bigint | number | Date | null | undefined;
export type RowValues = Record<string, CellValue>;

export interface BuiltRow {
  /** Line of the source the row came from (x_SourceLine). */
  readonly line: number;
  /** CostRecord column → value (Tags as a JSON string or object). */
  readonly values: RowValues;
}

const REQUIRED = ['ChargePeriodStart', 'ChargePeriodEnd', 'ChargeCategory', 'BillingCurrency', 'ProviderName', 'BilledCost', 'EffectiveCost'];
const SPEC = new Map(COST_COLUMNS.map((c) => [c.name, c]));

function cell(v: CellValue): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return q(v.toISOString());
  return q(String(v));
}

/** `outlay`'s VALUES stage: __line plus one text column per CostRecord column used. */
export function stageRows(meta: StageMeta & { replaceBy?: StagedFile['replaceBy'] }, rows: readonly BuiltRow[]): StagedFile {
  const used = COST_COLUMNS.filter((c) => rows.some((r) => r.values[c.name] !== undefined && r.values[c.name] !== null) || REQUIRED.includes(c.name))
    .filter((c) => c.name !== 'x_SourceFile' && c.name !== 'x_SourceLine');
  const raw = (i: number) => `c${i}`;
  const header = ['__line', ...used.map((_, i) => raw(i))].join(', ');
  const tuples = rows.map((r) => `(${r.line}, ${used.map((c) => cell(r.values[c.name])).join(', ')})`);
  const empty = `(0, ${used.map(() => 'NULL').join(', ')})`;
  const stage = `SELECT * FROM (VALUES ${tuples.length ? tuples.join(',\n') : empty}) AS t(${header})${tuples.length ? '' : ' WHERE false'}`;

  const plans: ColumnPlan[] = used.map((c, i) => {
    const spec = SPEC.get(c.name) as ColumnSpec;
    const src = text(raw(i));
    const p = planFor(spec, src);
    return REQUIRED.includes(c.name) ? required(p, src) : p;
  });
  const byName = new Map(plans.map((p) => [p.column, p]));
  const start = byName.get('ChargePeriodStart');
  if (start && !byName.has('BillingPeriodStart')) {
    plans.push({ column: 'BillingPeriodStart', strict: `date_trunc('month', ${start.lenient})`, lenient: `date_trunc('month', ${start.lenient})`, checks: [] });
    plans.push({ column: 'BillingPeriodEnd', strict: `date_trunc('month', ${start.lenient}) + INTERVAL 1 MONTH`, lenient: `date_trunc('month', ${start.lenient}) + INTERVAL 1 MONTH`, checks: [] });
  }
  const tags = byName.get('Tags');
  if (tags) plans.push(...derivedDimensionPlans(tags.lenient));
  plans.push({ column: 'x_SourceFile', strict: q(meta.path), lenient: q(meta.path), checks: [] });
  plans.push({ column: 'x_SourceLine', strict: '__line', lenient: '__line', checks: [] });
  const file = composeStagedFile(meta, stage, plans);
  return meta.replaceBy ? { ...file, replaceBy: meta.replaceBy } : file;
}

/** Tags as FOCUS wants them: a flat JSON object of non-empty strings. */
export function tagsJson(tags: Record<string, string | null | undefined>): string | null {
  const entries = Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length ? JSON.stringify(Object.fromEntries(entries)) : null;
}

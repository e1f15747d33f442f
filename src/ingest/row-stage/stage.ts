/**
 * Stages rows that a connector built in JavaScript (from JSON pages, XML,
 * expositions or query results) as a DuckDB VALUES relation of text cells,
 * then casts and checks them with the same column plans as the CSV
 * importers, so every source is typed and validated one way.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Above this many rows the stage is spilled to a CSV file instead of an inline VALUES list. */
const SPILL_ROWS = 2000;
let spillDir: string | undefined;

/**
 * Large row sets (long telemetry windows) go through a temporary CSV that
 * DuckDB reads, because a VALUES list of tens of thousands of rows costs
 * gigabytes to parse. The files live until the process exits.
 */
function spill(rows: readonly BuiltRow[], used: readonly ColumnSpec[]): string {
  if (!spillDir) {
    const dir = mkdtempSync(join(tmpdir(), 'outlay-stage-'));
    spillDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const path = join(spillDir, `${randomUUID()}.csv`);
  const esc = (v: CellValue): string => {
    if (v === null || v === undefined) return '';
    const s = v instanceof Date ? v.toISOString() : String(v);
    return `"${s.replaceAll('"', '""')}"`;
  };
  const lines = rows.map((r) => [String(r.line), ...used.map((c) => esc(r.values[c.name]))].join(','));
  writeFileSync(path, `${['__line', ...used.map((_, i) => `c${i}`)].join(',')}\n${lines.join('\n')}\n`);
  const columns = ["'__line': 'BIGINT'", ...used.map((_, i) => `'c${i}': 'VARCHAR'`)].join(', ');
  return `SELECT * FROM read_csv(${q(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${columns}})`;
}

/** `outlay`'s row stage: __line plus one text column per CostRecord column used. */
export function stageRows(meta: StageMeta & { replaceBy?: StagedFile['replaceBy'] }, rows: readonly BuiltRow[]): StagedFile {
  const used = COST_COLUMNS.filter((c) => rows.some((r) => r.values[c.name] !== undefined && r.values[c.name] !== null) || REQUIRED.includes(c.name))
    .filter((c) => c.name !== 'x_SourceFile' && c.name !== 'x_SourceLine');
  const raw = (i: number) => `c${i}`;
  const header = ['__line', ...used.map((_, i) => raw(i))].join(', ');
  const tuples = rows.length > SPILL_ROWS ? [] : rows.map((r) => `(${r.line}, ${used.map((c) => cell(r.values[c.name])).join(', ')})`);
  const empty = `(0, ${used.map(() => 'NULL').join(', ')})`;
  const stage = rows.length > SPILL_ROWS ? spill(rows, used)
    : `SELECT * FROM (VALUES ${tuples.length ? tuples.join(',\n') : empty}) AS t(${header})${tuples.length ? '' : ' WHERE false'}`;

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

/**
 * The FOCUS 1.2 CSV the demo writes: every FOCUS column in COST_COLUMNS order,
 * then the non-derived x_ columns; RFC 4180 quoting; empty cell = null.
 * Rows are rendered from a per-resource template whose constant cells are
 * escaped once, so the hot loop only concatenates the cells that change.
 */
import { DERIVED_COLUMNS, FOCUS_COLUMNS, X_COLUMNS } from '../core/index.ts';

/**
 * The AI extension columns the demo fills, fixed here (not "every x_ column")
 * so the files stay byte-identical while the cost model grows new columns.
 */
const DEMO_X_COLUMNS = [
  'x_GpuModel', 'x_GpuCount', 'x_GpuHours', 'x_GpuUtilization', 'x_Model', 'x_InputTokens', 'x_OutputTokens',
  'x_CachedInputTokens', 'x_CacheWriteTokens', 'x_Requests', 'x_WorkloadKind',
] as const;

const known = new Set(X_COLUMNS.map((c) => c.name));

export const HEADER: readonly string[] = [
  ...FOCUS_COLUMNS.map((c) => c.name),
  ...DEMO_X_COLUMNS.filter((n) => known.has(n) && !DERIVED_COLUMNS.has(n)),
];

/** Cells that change from row to row, in header order. */
export const VARIABLE_COLUMNS: readonly string[] = HEADER.filter((c) => new Set([
  'BilledCost', 'ChargePeriodEnd', 'ChargePeriodStart', 'CommitmentDiscountQuantity', 'ConsumedQuantity', 'ContractedCost',
  'EffectiveCost', 'ListCost', 'PricingQuantity', 'x_GpuCount', 'x_GpuHours', 'x_GpuUtilization',
  'x_InputTokens', 'x_OutputTokens', 'x_CachedInputTokens', 'x_CacheWriteTokens', 'x_Requests',
]).has(c));

/** Index of each variable column in a template's value array. */
export const V = Object.fromEntries(VARIABLE_COLUMNS.map((c, i) => [c, i])) as Record<string, number>;
export const V_BILLED = V.BilledCost ?? -1;

export type Cells = Readonly<Record<string, string | null | undefined>>;

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling inner quotes. */
export function csvCell(v: string | null | undefined): string {
  if (v === null || v === undefined) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const headerLine = (): string => `${HEADER.join(',')}\n`;

/** One whole row from named cells (slow path: purchases, credits, taxes). */
export function renderRecord(cells: Cells): string {
  return `${HEADER.map((c) => csvCell(cells[c])).join(',')}\n`;
}

/** A row shape: constant cells fixed, only the row's own variable cells filled per row. */
export class RowTemplate {
  private readonly segments: string[];
  /** Indexes (into a VARIABLE_COLUMNS-sized value array) this shape fills, in header order. */
  private readonly active: number[];
  /** True when every constant cell is 7-bit ASCII (variable cells always are: numbers and timestamps). */
  readonly ascii: boolean;

  /** `variable` lists the variable columns this shape uses; the others are written empty. */
  constructor(constants: Cells, variable: readonly string[]) {
    const use = new Set(variable);
    const segs: string[] = [];
    const active: number[] = [];
    let cur = '';
    HEADER.forEach((col, i) => {
      if (i > 0) cur += ',';
      const vi = V[col];
      if (vi !== undefined && use.has(col)) {
        segs.push(cur);
        active.push(vi);
        cur = '';
      } else if (vi === undefined) cur += csvCell(constants[col]);
    });
    segs.push(`${cur}\n`);
    this.segments = segs;
    this.active = active;
    this.ascii = segs.every((x) => !/[^\t\n\r\x20-\x7e]/.test(x));
  }

  /** values[V[col]] is the cell of each variable column this shape uses. */
  render(values: readonly string[]): string {
    const segs = this.segments;
    const act = this.active;
    let s = segs[0] ?? '';
    for (let i = 0; i < act.length; i++) s += (values[act[i] ?? 0] ?? '') + (segs[i + 1] ?? '');
    return s;
  }
}

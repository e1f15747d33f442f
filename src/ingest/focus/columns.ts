/**
 * How a FOCUS file's header maps onto CostRecord columns. FOCUS 1.0, 1.1 and
 * 1.2 names resolve directly; 0.5 / 1.0-preview and 1.3 spellings through the
 * aliases in core (ChargeType, AmortizedCost, UsageQuantity, ServiceProviderName …).
 * Matching ignores case, and x_ columns written by Outlay itself are read back.
 */
import { DERIVED_COLUMNS, resolveColumn, type ColumnSpec } from '../../core/index.ts';
import type { ProbedColumn } from '../probe.ts';

/** Columns a file must have to be read as FOCUS at all. */
export const FOCUS_REQUIRED = ['BilledCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ProviderName', 'ChargeCategory', 'EffectiveCost'] as const;

/** Columns that may not be empty on any row. */
export const FOCUS_NOT_NULL = ['BilledCost', 'EffectiveCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ChargeCategory'] as const;

export interface FocusHeader {
  /** CostRecord column → the file's column (first exact name wins over an alias). */
  readonly mapped: ReadonlyMap<string, ProbedColumn>;
  readonly ignored: readonly string[];
  readonly missingRequired: readonly string[];
}

export function mapFocusHeader(columns: readonly ProbedColumn[]): FocusHeader {
  const mapped = new Map<string, ProbedColumn>();
  const exact = new Set<string>();
  const ignored: string[] = [];
  for (const col of columns) {
    const spec: ColumnSpec | undefined = resolveColumn(col.name);
    if (!spec || DERIVED_COLUMNS.has(spec.name)) {
      ignored.push(col.name);
      continue;
    }
    const isExact = spec.name.toLowerCase() === col.name.toLowerCase();
    if (mapped.has(spec.name) && (exact.has(spec.name) || !isExact)) {
      ignored.push(col.name);
      continue;
    }
    mapped.set(spec.name, col);
    if (isExact) exact.add(spec.name);
  }
  const missingRequired = FOCUS_REQUIRED.filter((r) => !mapped.has(r));
  return { mapped, ignored, missingRequired };
}

/**
 * Detection score: share of the required columns present when the core money
 * and time columns are. A file with most of the required columns but one of
 * those renamed or missing is still recognised, at a low score that any other
 * format's own columns outbid, so the refusal can name the missing column
 * instead of calling the file an unknown format.
 */
export function focusScore(columns: readonly ProbedColumn[]): number {
  const { mapped, missingRequired } = mapFocusHeader(columns);
  const present = FOCUS_REQUIRED.length - missingRequired.length;
  if (mapped.has('BilledCost') && mapped.has('ChargePeriodStart')) return 0.5 + 0.5 * (present / FOCUS_REQUIRED.length);
  return present >= FOCUS_REQUIRED.length - 2 ? 0.3 : 0;
}

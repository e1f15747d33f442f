/**
 * Reconciliation: per source file, billing period and currency, what the file
 * said (its rows as read, quarantine-refused rows included), what the store
 * holds now, and how much of that is allocated to a team. Every difference
 * gets a status that says whether it is explained:
 *
 * - ok ........ file = stored;
 * - restated .. stored < file because a newer file replaced this billing
 *               period's rows (DESIGN: restated bills replace earlier ones);
 * - rejected .. quarantine refused rows: the difference is their amount;
 * - mismatch .. the store differs from what was loaded and no restatement
 *               explains it (rows deleted or changed behind Outlay's back);
 * - unrecorded  no file totals: loaded by an Outlay from before they were
 *               recorded (they are recorded in the load's own transaction).
 *
 * Allocated = stored cost with a team (x_Team); the rest is shown as
 * unallocated rather than hidden (DESIGN: "a report says how much is
 * unallocated").
 */
import { addDecimals, compareDecimals, negateDecimal } from '../../core/index.ts';
import type { MoneyFigures, SourceReconciliation } from '../../store/index.ts';

export type ReconcileStatus = 'ok' | 'restated' | 'rejected' | 'mismatch' | 'unrecorded';

/** Statuses a script should fail on (`outlay reconcile --check`). */
export const FAILING: ReadonlySet<ReconcileStatus> = new Set(['rejected', 'mismatch']);

export interface ReconcileLine {
  readonly source: string;
  readonly format: string;
  /** YYYY-MM; null when the rows carry no billing period (e.g. refused rows with a bad date). */
  readonly billingPeriod: string | null;
  readonly currency: string;
  /** What the file held: loaded rows + refused rows; null when not recorded. */
  readonly file: MoneyFigures | null;
  readonly stored: MoneyFigures;
  readonly allocated: MoneyFigures;
  readonly unallocated: MoneyFigures;
  /** file − stored; null when the file total is not recorded. */
  readonly difference: MoneyFigures | null;
  /** Refused by quarantine (part of `file`, never of `stored`). */
  readonly rejected: (MoneyFigures & { readonly unreadableRows: number }) | null;
  readonly status: ReconcileStatus;
  readonly note: string | null;
}

const MEASURES = ['BilledCost', 'EffectiveCost', 'ListCost'] as const;


/** Exact decimal without trailing zeros ("4.50" → "4.5", "0.000" → "0"). */
function tidy(d: string): string {
  const t = d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d;
  return t === '-0' || t === '' ? '0' : t;
}

function tidyAll<T extends MoneyFigures>(f: T): T {
  return { ...f, BilledCost: tidy(f.BilledCost), EffectiveCost: tidy(f.EffectiveCost), ListCost: tidy(f.ListCost) };
}

function combine(a: MoneyFigures, b: MoneyFigures, sign: 1 | -1): MoneyFigures {
  const op = (x: string, y: string): string => addDecimals([x, sign === 1 ? y : negateDecimal(y)]);
  return {
    rows: a.rows + sign * b.rows,
    BilledCost: op(a.BilledCost, b.BilledCost),
    EffectiveCost: op(a.EffectiveCost, b.EffectiveCost),
    ListCost: op(a.ListCost, b.ListCost),
  };
}

const isZero = (f: MoneyFigures): boolean => f.rows === 0 && MEASURES.every((m) => compareDecimals(f[m], '0') === 0);

function judge(r: SourceReconciliation, loadedMinusStored: MoneyFigures | null): { status: ReconcileStatus; note: string | null } {
  if (!loadedMinusStored) return { status: 'unrecorded', note: 'file totals not recorded (loaded by an earlier Outlay, or recording failed); only stored and allocated are known' };
  const restated = r.replacedBy !== null;
  if (!isZero(loadedMinusStored) && !restated) {
    return { status: 'mismatch', note: `loaded − stored = ${loadedMinusStored.rows} row(s), ${loadedMinusStored.BilledCost} BilledCost, and no newer file replaced them` };
  }
  if (r.rejected && r.rejected.rows > 0) {
    const unreadable = r.rejected.unreadableRows > 0 ? `; ${r.rejected.unreadableRows} with an amount that could not be read` : '';
    return { status: 'rejected', note: `${r.rejected.rows} row(s) refused by quarantine${unreadable}` };
  }
  if (!isZero(loadedMinusStored)) {
    return { status: 'restated', note: `${loadedMinusStored.rows} row(s) replaced by a newer file (delivery ${r.replacedBy})` };
  }
  return { status: 'ok', note: null };
}

export function reconcileLine(r: SourceReconciliation): ReconcileLine {
  const file = r.loaded && r.rejected ? combine(r.loaded, r.rejected, 1) : r.loaded;
  const verdict = judge(r, r.loaded ? combine(r.loaded, r.stored, -1) : null);
  return {
    source: r.path,
    format: r.format,
    billingPeriod: r.billingPeriod,
    currency: r.currency,
    file: file && tidyAll(file),
    stored: tidyAll(r.stored),
    allocated: tidyAll(r.allocated),
    unallocated: tidyAll(combine(r.stored, r.allocated, -1)),
    difference: file && tidyAll(combine(file, r.stored, -1)),
    rejected: r.rejected && tidyAll(r.rejected),
    ...verdict,
  };
}

export interface ReconcileFilter {
  /** Keep sources whose path contains this text. */
  readonly source?: string;
  /** Keep one billing period, YYYY-MM. */
  readonly period?: string;
  /** Keep lines of files whose rows were all replaced (default: only when they still differ). */
  readonly all?: boolean;
}

/** Reconciliation lines, filtered; fully replaced files are left out unless asked for. */
export function reconcile(figures: readonly SourceReconciliation[], filter: ReconcileFilter = {}): ReconcileLine[] {
  return figures
    .filter((r) => (filter.source === undefined || r.path.includes(filter.source)) && (filter.period === undefined || r.billingPeriod === filter.period))
    .filter((r) => filter.all || r.sourceStatus === 'active')
    .map(reconcileLine);
}

export function failing(lines: readonly ReconcileLine[]): ReconcileLine[] {
  return lines.filter((l) => FAILING.has(l.status));
}

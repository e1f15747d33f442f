/**
 * The store interface. Analytics and surfaces talk to this, never to DuckDB,
 * so that a scale-out store (ClickHouse, PostgreSQL) is a second
 * implementation, checked by the same contract suite (contract.ts).
 */
import type { Grain } from '../core/index.ts';

/**
 * Which teams the caller may see. Applied inside every query, so no surface
 * can forget it. 'all' also sees unallocated cost (no team).
 */
export interface AccessScope {
  readonly teams: 'all' | readonly string[];
}

export const FULL_ACCESS: AccessScope = { teams: 'all' };

export type FilterOp = 'eq' | 'neq' | 'in' | 'is_null' | 'not_null';

export interface QueryFilter {
  /** A dimension as the user typed it: team, ServiceName, tag:env … */
  readonly dimension: string;
  readonly op: FilterOp;
  readonly values: readonly string[];
}

export interface CostQuery {
  readonly measures: readonly string[];
  readonly groupBy: readonly string[];
  readonly filters?: readonly QueryFilter[];
  /** Inclusive start of ChargePeriodStart (UTC). */
  readonly from?: Date;
  /** Exclusive end of ChargePeriodStart (UTC). */
  readonly to?: Date;
  readonly grain?: Grain;
  /** Output key to sort by (descending for measures); default: first money measure, descending. */
  readonly orderBy?: string;
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

/** One output row: dimension keys → string|null, measure keys → decimal string, period → ISO. */
export type QueryRow = Record<string, string | null>;

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly QueryRow[];
}

export interface CurrencyTotals {
  readonly BilledCost: string;
  readonly EffectiveCost: string;
  readonly ListCost: string;
}

/** Usage totals per source, so scripts can reconcile usage as they do money. */
export interface UsageTotals {
  readonly x_GpuHours: string;
  readonly x_InputTokens: string;
  readonly x_OutputTokens: string;
  readonly x_CachedInputTokens: string;
  readonly x_CacheWriteTokens: string;
  readonly x_Requests: string;
}

export interface SourceInfo {
  readonly id: string;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string;
  readonly deliveryId: string;
  readonly status: 'active' | 'replaced';
  /** Rows currently in the store from this file. */
  readonly rows: number;
  /** Rows the file put in the store when loaded (not those skipped as already stored). */
  readonly rowsLoaded: number;
  readonly billingPeriods: readonly string[];
  readonly providers: readonly string[];
  readonly totals: Readonly<Record<string, CurrencyTotals>>;
  readonly usage: UsageTotals;
  readonly ingestedAt: string;
  readonly replacedBy: string | null;
}

/**
 * One input file, already turned by a connector into DuckDB relations:
 * DuckDB SQL is Outlay's normalisation language. `select` yields exactly the
 * CostRecord columns (and raises a structured error on the first bad row);
 * `diagnose` yields (line, field, value, reason) for every bad row, for error
 * reports (--quarantine reads `rejected`). A non-DuckDB store evaluates these in an embedded
 * DuckDB and bulk-loads the result.
 */
export interface StagedFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string;
  readonly select: string;
  readonly diagnose: string;
  /** Same rows as `select`, minus bad rows (for --quarantine). */
  readonly selectGood: string;
  /**
   * The bad rows `selectGood` leaves out, in one pass for --quarantine:
   * `__line` and why (`__field`, `__value`, `__reason`, as `diagnose` says
   * it), then every CostRecord column read leniently (NULL where a cell
   * cannot be read), so quarantine can both report the rows and record how
   * much money the file held that the store did not take.
   */
  readonly rejected: string;
  /**
   * What a newer file replaces. 'billing-period' (bills): every row of the
   * same (ProviderName, BillingAccountId, BillingPeriodStart). 'charge-day'
   * (usage feeds pulled in overlapping windows): only rows of the same
   * (ProviderName, BillingAccountId, UTC day of ChargePeriodStart). 'file'
   * (feeds of identified records, x_UsageId, pulled in overlapping windows):
   * only rows of the same (ProviderName, BillingAccountId) that an earlier
   * file of the same name (without .gz) loaded; an overlapping export under
   * another name adds only the records not already stored. Default
   * 'billing-period'.
   */
  readonly replaceBy?: 'billing-period' | 'charge-day' | 'file';
  /**
   * CSV files: the file's physical line count and a relation (rec, line,
   * next) from a record's x_SourceLine as staged (header = 1, one per record)
   * to the physical line it starts on and the line after it. When the file
   * has more lines than records (line breaks inside quoted cells), the store
   * rewrites the loaded rows' x_SourceLine and the lines it reports through it.
   */
  readonly physicalLines?: { readonly lines: number; readonly map: string };
}

export interface Delivery {
  readonly files: readonly StagedFile[];
  /**
   * replace (default): rows for a (provider, billing account, billing period)
   * this delivery covers replace that key's rows from earlier deliveries, which
   * is how restated bills land. append: add as more parts of an earlier delivery.
   * In both, a row whose x_UsageId the store already holds from another file is
   * skipped (FileLoadResult.skippedRows).
   */
  readonly mode: 'replace' | 'append';
  /** Load good rows and return bad ones instead of refusing the file. */
  readonly quarantine: boolean;
  /** Load files even when a newer file has replaced them since (FileLoadResult 'superseded', mode replace only), to go back to them. */
  readonly reload?: boolean;
  readonly onProgress?: (fraction: number) => void;
}

export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly value: string | null;
  readonly reason: string;
}

export interface FileLoadResult {
  readonly path: string;
  readonly sha256: string;
  /**
   * unchanged: these bytes are loaded and active; superseded: they were
   * loaded once and a newer file has since replaced all their rows (not
   * loaded again, so the newer version stays).
   */
  readonly status: 'loaded' | 'unchanged' | 'superseded' | 'quarantined';
  readonly rows: number;
  readonly rejected: number;
  readonly totals: Readonly<Record<string, CurrencyTotals>>;
  /** Rows of earlier deliveries this file replaced; a row two files of the delivery cover counts for the first. */
  readonly replacedRows: number;
  /**
   * Rows of the file not stored because their x_UsageId was already held,
   * after restatement, by another file (of an earlier delivery, an earlier
   * file of this one, or an earlier row of the same file): each record counts once.
   */
  readonly skippedRows: number;
}

export interface LoadResult {
  readonly deliveryId: string;
  readonly files: readonly FileLoadResult[];
  readonly rejectedRows: readonly RejectedRow[];
}

/** Money (and row count) of one part of a reconciliation line. */
export interface MoneyFigures {
  readonly rows: number;
  readonly BilledCost: string;
  readonly EffectiveCost: string;
  readonly ListCost: string;
}

/**
 * The raw figures behind one reconciliation line: one source file, billing
 * period (YYYY-MM, null when unknown) and currency. `loaded` and `rejected`
 * are what the file held when it was loaded (null: loaded before Outlay
 * recorded it); `stored` is what cost_records holds now; `allocated` is the
 * stored part with a team (x_Team).
 */
export interface SourceReconciliation {
  readonly sourceId: string;
  readonly path: string;
  readonly format: string;
  readonly sourceStatus: 'active' | 'replaced';
  /** Delivery that replaced rows of this file (restatement), if any. */
  readonly replacedBy: string | null;
  readonly billingPeriod: string | null;
  readonly currency: string;
  readonly loaded: MoneyFigures | null;
  readonly rejected: (MoneyFigures & { readonly unreadableRows: number }) | null;
  readonly stored: MoneyFigures;
  readonly allocated: MoneyFigures;
}

export interface LakeExportResult {
  readonly dir: string;
  readonly files: number;
  readonly rows: number;
}

export interface Store {
  readonly kind: string;
  readonly location: string;
  /** Loads a delivery atomically: all files or nothing. */
  load(delivery: Delivery): Promise<LoadResult>;
  query(q: CostQuery, scope: AccessScope): Promise<QueryResult>;
  listSources(): Promise<readonly SourceInfo[]>;
  /** File vs stored vs allocated figures per source, billing period and currency. */
  reconciliation(): Promise<readonly SourceReconciliation[]>;
  /** Whole lake as FOCUS 1.2 + x_ columns, hive-partitioned by provider and month. */
  exportLake(dir: string, format: 'parquet' | 'csv', scope: AccessScope): Promise<LakeExportResult>;
  /** Distinct values of a dimension (for filters and pickers), scoped. */
  dimensionValues(dimension: string, scope: AccessScope, limit?: number): Promise<readonly string[]>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

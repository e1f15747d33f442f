/**
 * `scanAnomalies`: the anomaly engine over the store. One series for the
 * total and one per value of each scanned dimension (per currency for money),
 * each checked with its scope's thresholds; detections deduplicated into
 * incidents with a root cause; new incidents stored, known ones refreshed.
 */
import { createHash } from 'node:crypto';
import { dimensionId, resolveMeasure, topPerCurrency } from '../../core/index.ts';
import { scopeKey } from '../../store/index.ts';
import type { AccessScope, AnomalyScope, AnomalyStore, CauseDimension, IncidentRecord, QueryFilter, Store } from '../../store/index.ts';
import { detectAnomalies } from '../anomaly/index.ts';
import type { Anomaly, Breakdown } from '../anomaly/index.ts';
import { GRAIN_MS, groupKeys } from '../series/index.ts';
import type { GroupSeries } from '../series/index.ts';
import { attribute, broad, CAUSE_DIMENSIONS, changeInside, liesInside, type AttributionWindow } from './attribute.ts';
import { cubeAmounts } from './cause-cube.ts';
import { dedupe, type Detection, type Kept } from './dedupe.ts';
import { thresholdsFor } from './settings.ts';
import { levelSeries } from './level-series.ts';
import { absentBefore, NEW_SPEND_GRACE_MS, startedResource, type NewSpend } from './new-spend.ts';

/** Grains a scan runs at: week totals are not scanned (the detector refuses weekly series, detector.ts). */
export const SCAN_GRAINS = ['day', 'hour'] as const;
export type ScanGrain = (typeof SCAN_GRAINS)[number];

export interface ScanOptions {
  /** One measure (default effective). */
  readonly measure?: string;
  readonly grain?: ScanGrain;
  /** Dimensions scanned value by value after the total, highest level first (default team, project, service, model). */
  readonly dimensions?: readonly string[];
  /** Default minimum |impact| for scopes without their own setting (default 100, measure units). */
  readonly minImpact?: number;
  /**
   * Smallest |impact| as a share of the scope's expected spend over one day
   * (default 0.05): $150 off a team spending $40,000 a day is noise however
   * many robust sigmas it is, while the same $150 on a $300-a-day model is not.
   */
  readonly minRelativeImpact?: number;
  /** Default sensitivity for scopes without their own setting (default 1). */
  readonly sensitivity?: number;
  /** Cost-explorer filters. Without one on charge_category, only Usage charges are scanned (tax, credits and purchases follow the calendar, not usage). */
  readonly filters?: readonly QueryFilter[];
  /** Days when unusual spend is expected (company holidays): no alerts, and they do not shape the baseline. */
  readonly holidays?: readonly Date[];
  /** Start of the history read (default: all of it daily; the last HOURLY_HISTORY_MS hourly). */
  readonly from?: Date;
  readonly to?: Date;
  /** Values scanned per dimension and currency, largest total first (default 50). */
  readonly top?: number;
  /** Dimensions the root cause ranks (default team, project, service, model, resource, sku). */
  readonly causeDimensions?: readonly string[];
  /** When the scan runs (stored as first-seen / updated time). */
  readonly now?: Date;
  /**
   * Which changes are reported. Default: increases only for money measures
   * (a fall in cost is a saving, or an outage that usage measures show
   * better; on the demo it was holidays and one noisy resource), both ways
   * for quantities (GPU-hours, tokens, utilisation).
   */
  readonly directions?: 'up' | 'down' | 'both';
}

export interface ScannedIncident {
  readonly record: IncidentRecord;
  /** new: stored now; refreshed: stored before, figures updated; known: already stored as part of another incident. */
  readonly state: 'new' | 'refreshed' | 'known';
}

export interface ScanReport {
  readonly measure: string;
  /** Filters applied, including the default Usage-only one. */
  readonly filters: readonly QueryFilter[];
  readonly grain: ScanGrain;
  readonly seriesScanned: number;
  /** Series too short or too small to reach their scope's minimum impact. */
  readonly seriesSkipped: number;
  /** Anomalies found in all series before deduplication. */
  readonly detections: number;
  readonly incidents: readonly ScannedIncident[];
  /** Increases explained by a resource that had no spend before: reported here, not stored as incidents. */
  readonly newSpend: readonly NewSpend[];
}

/** Usage charges only, unless the caller filters on the charge category itself. */
export function scanFilters(filters: readonly QueryFilter[] = []): QueryFilter[] {
  const own = filters.some((f) => ['charge_category', 'chargecategory'].includes(f.dimension.trim().toLowerCase()));
  return own ? [...filters] : [...filters, { dimension: 'charge_category', op: 'in', values: ['Usage'] }];
}

export const DEFAULT_SCAN_DIMENSIONS = ['team', 'project', 'service', 'model'] as const;
const MIN_POINTS: Record<ScanGrain, number> = { day: 14, hour: 72 };
const DAY_MS = 86_400_000;
const floorDay = (ms: number): Date => new Date(Math.floor(ms / DAY_MS) * DAY_MS);
const ceilDay = (ms: number): Date => new Date(Math.ceil(ms / DAY_MS) * DAY_MS);
/**
 * History an hourly scan reads when no --from is given: enough for the
 * detector's hour-of-week profile (six weeks of seasons) plus two weeks to
 * find incidents in, as a live scan needs; older hours are the daily scan's.
 */
const DEFAULT_RELATIVE_IMPACT = 0.05;
export const HOURLY_HISTORY_MS = 8 * 7 * DAY_MS;
/** Baseline before the onset that the root cause compares with. */
const BASELINE_MS: Record<ScanGrain, number> = { day: 14 * 86_400_000, hour: 7 * 86_400_000 };

interface Found extends Detection {
  readonly anomaly: Anomaly;
  readonly series: GroupSeries;
}

function incidentId(scope: AnomalyScope, measure: string, currency: string | null, grain: ScanGrain, onset: Date): string {
  return `an-${createHash('sha256').update([scopeKey(scope), measure, currency ?? '', grain, onset.toISOString()].join('|')).digest('hex').slice(0, 12)}`;
}

function toRecord(k: Kept<Found>, grain: ScanGrain, at: string): IncidentRecord {
  const { anomaly: a, series: s, scope } = k.detection;
  return {
    id: incidentId(scope, s.measure, s.currency, grain, a.timestamp), scope, measure: s.measure, currency: s.currency, grain,
    kind: a.kind, direction: a.direction, onset: a.timestamp.toISOString(), end: a.end?.toISOString() ?? null, detectedAt: a.detectedAt.toISOString(),
    expected: a.expected, actual: a.actual, impact: a.impact, score: a.score, severity: a.severity, points: a.points, engineStatus: a.status,
    rootCause: k.cause, related: k.related, status: 'open', note: null, firstSeenAt: at, updatedAt: at,
  };
}

/**
 * Scan the store, store what is new, and report every incident found.
 * @example await scanAnomalies(store, FULL_ACCESS, anomalyStore(store), { grain: 'day', minImpact: 100 })
 */
export async function scanAnomalies(store: Store, access: AccessScope, incidents: AnomalyStore, opts: ScanOptions = {}): Promise<ScanReport> {
  const grain = opts.grain ?? 'day';
  const measure = resolveMeasure(opts.measure ?? 'effective');
  const settings = new Map((await incidents.listScopeSettings()).map((s) => [s.scope, s]));
  const defaults = { minImpact: opts.minImpact ?? 100, sensitivity: opts.sensitivity ?? 1 };
  const levels: Array<readonly string[]> = [[], ...(opts.dimensions ?? DEFAULT_SCAN_DIMENSIONS).map((d) => [dimensionId(d)])];
  const filters = scanFilters(opts.filters);
  const relativeImpact = opts.minRelativeImpact ?? DEFAULT_RELATIVE_IMPACT;
  const from = opts.from ?? (grain === 'hour' ? await recentStart(store, access, filters, measure.id, opts.to) : undefined);
  const holidays = opts.holidays ? [...opts.holidays] : undefined;
  const found: Found[] = [];
  let scanned = 0;
  let skipped = 0;
  const perLevel = await levelSeries(store, access, levels, { measure: measure.id, filters, from, to: opts.to, grain });
  for (const [level, dims] of levels.entries()) {
    const [key] = groupKeys(dims);
    const all = perLevel[level] ?? [];
    for (const series of dims.length ? topPerCurrency(all, opts.top ?? 50, (x) => x.currency) : all) {
      const scope: AnomalyScope = dims[0] && key ? { [dims[0]]: series.group[key] ?? null } : {};
      const th = thresholdsFor(scopeKey(scope), settings, defaults, series.currency, series.measure);
      if (series.values.length < MIN_POINTS[grain] || Math.abs(series.total) < th.minImpact) { skipped++; continue; }
      scanned++;
      const last = series.timestamps[series.timestamps.length - 1]!;
      const perDay = DAY_MS / GRAIN_MS[grain];
      const directions = opts.directions ?? (series.kind === 'money' ? 'up' : 'both');
      for (const anomaly of detectAnomalies(series, { ...th, holidays }).anomalies) {
        if (directions !== 'both' && anomaly.direction !== directions) continue;
        if (Math.abs(anomaly.impact) < relativeImpact * Math.abs(anomaly.expected) * perDay) continue;
        found.push({
          scope, level, currency: series.currency, direction: anomaly.direction, onset: anomaly.timestamp, impact: anomaly.impact,
          end: new Date((anomaly.end ?? last).getTime() + GRAIN_MS[grain]), anomaly, series,
        });
      }
    }
  }
  const causeDims = opts.causeDimensions ?? CAUSE_DIMENSIONS;
  // Root causes come from one day-by-dimension query (the store's daily rollup) for both grains:
  // two raw-row queries per hourly incident dominated the hourly scan of a large store.
  const amounts = found.length === 0 ? async () => ({})
    : await cubeAmounts(store, access, filters, measure.id, causeDims, levels.flat(), floorDay(Math.min(...found.map((d) => d.onset.getTime())) - BASELINE_MS[grain]), ceilDay(Math.max(...found.map((d) => d.end.getTime()))));
  const windowOf = (d: Found): AttributionWindow => grain === 'day'
    ? { scope: d.scope, measure: measure.id, currency: d.currency, onset: d.onset, end: d.end, baselineStart: new Date(d.onset.getTime() - BASELINE_MS.day), expectedTotal: d.anomaly.expected * d.anomaly.points }
    : {
      scope: d.scope, measure: measure.id, currency: d.currency, onset: floorDay(d.onset.getTime()), end: ceilDay(d.end.getTime()),
      baselineStart: floorDay(d.onset.getTime() - BASELINE_MS.hour), expectedTotal: d.anomaly.expected * d.anomaly.points, dayRoundedImpact: d.anomaly.impact,
    };
  const topDim = levels[1]?.[0];
  const own = new Map<Found, Promise<Breakdown>>();
  const causes = new Map<Found, Promise<CauseDimension[]>>();
  const causeOf = (d: Found) => causes.get(d) ?? causes.set(d, attribute(amounts, windowOf(d), causeDims)).get(d)!;
  const contains = async (outer: Found, inner: Found) => {
    if (Object.keys(outer.scope).length === 0) return topDim !== undefined && broad(await causeOf(outer), topDim);
    if (!own.has(inner)) own.set(inner, amounts(windowOf(inner), inner.onset, inner.end));
    return liesInside(await own.get(inner)!, outer.scope) || changeInside(await causeOf(inner), outer.scope);
  };
  const kept = await dedupe(found, GRAIN_MS[grain], causeOf, contains);
  /** The resource whose start this increase is, if it had no spend in the baseline before the grace days. */
  const newResource = async (d: Found, cause: readonly CauseDimension[]) => {
    const started = startedResource(cause, d.direction);
    if (!started) return undefined;
    const w = windowOf(d);
    const earlierEnd = new Date(Math.max(w.baselineStart.getTime(), w.onset.getTime() - NEW_SPEND_GRACE_MS));
    return absentBefore(await amounts(w, w.baselineStart, earlierEnd), started.value) ? started : undefined;
  };
  const at = (opts.now ?? new Date()).toISOString();
  const newSpend: NewSpend[] = [];
  const records: IncidentRecord[] = [];
  for (const k of kept) {
    const started = await newResource(k.detection, k.cause);
    if (started) newSpend.push({ scope: k.detection.scope, onset: k.detection.onset.toISOString(), resource: started.value, amount: started.actual, impact: k.detection.impact });
    else records.push(toRecord(k, grain, at));
  }
  return { measure: measure.key, filters, grain, seriesScanned: scanned, seriesSkipped: skipped, detections: found.length, incidents: await persist(incidents, records), newSpend };
}

/** Start of an hourly scan's default window: HOURLY_HISTORY_MS before the last day with data (read from the daily rollup). */
async function recentStart(store: Store, access: AccessScope, filters: readonly QueryFilter[], measure: string, to?: Date): Promise<Date | undefined> {
  const { rows } = await store.query({ measures: [measure], groupBy: [], filters, to, grain: 'day' }, access);
  const last = Math.max(...rows.map((r) => Date.parse(r.ChargePeriodStart ?? '')).filter(Number.isFinite));
  return Number.isFinite(last) ? new Date(last + DAY_MS - HOURLY_HISTORY_MS) : undefined;
}

const occurrence = (scope: AnomalyScope, onset: string): string => `${scopeKey(scope)}|${onset}`;

/**
 * Stores new incidents and refreshes known ones. An incident whose scope and
 * onset (or any related one's) an already-stored incident covers under
 * another head is not stored twice.
 */
async function persist(store: AnomalyStore, records: readonly IncidentRecord[]): Promise<ScannedIncident[]> {
  const stored = await store.listIncidents({ limit: 1_000_000, offset: 0 });
  const ids = new Set(stored.map((r) => r.id));
  const covered = new Set(stored.flatMap((r) => [occurrence(r.scope, r.onset), ...r.related.map((x) => occurrence(x.scope, x.onset))]));
  const out: ScannedIncident[] = [];
  const write: IncidentRecord[] = [];
  for (const r of records) {
    if (ids.has(r.id)) {
      write.push(r);
      out.push({ record: r, state: 'refreshed' });
    } else if ([occurrence(r.scope, r.onset), ...r.related.map((x) => occurrence(x.scope, x.onset))].some((k) => covered.has(k))) {
      out.push({ record: r, state: 'known' });
    } else {
      write.push(r);
      out.push({ record: r, state: 'new' });
    }
  }
  await store.upsertIncidents(write);
  return out;
}

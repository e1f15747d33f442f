/**
 * Stored anomaly incidents, their lifecycle and per-scope detection settings.
 * Its own interface beside Store and MetadataStore, so the embedded mode keeps
 * it in the DuckDB file and the scale-out mode in PostgreSQL. Instants are ISO
 * 8601 UTC strings; amounts are in the incident's measure (currency units for
 * money).
 */

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved', 'false_positive'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export function isIncidentStatus(s: string): s is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(s);
}

/**
 * Where an incident was seen: {} is the total, { team: 'search' } one team.
 * Keys are dimension ids as users type them; null is unallocated.
 */
export type AnomalyScope = Readonly<Record<string, string | null>>;

/** "total", "team=search", "team=" (unallocated): the text users give to --scope. */
export function scopeKey(scope: AnomalyScope): string {
  const parts = Object.entries(scope).map(([k, v]) => `${k}=${v ?? ''}`);
  return parts.length ? parts.join(',') : 'total';
}

/** One dimension value's part in the deviation (window vs scaled baseline). */
export interface CauseValue {
  /** '' is unallocated. */
  readonly value: string;
  readonly actual: number;
  readonly expected: number;
  readonly delta: number;
  /** Share of the dimension's whole change this value explains. */
  readonly share: number;
}

/** Dimensions ranked by how much their mix moved; values by share of the change. */
export interface CauseDimension {
  readonly dimension: string;
  readonly surprise: number;
  readonly values: readonly CauseValue[];
}

/** Another scope that saw the same incident (a team's spike is also the total's). */
export interface RelatedScope {
  readonly scope: AnomalyScope;
  readonly onset: string;
  readonly impact: number;
}

export interface IncidentRecord {
  /** Stable across re-scans: derived from scope, measure, currency, grain and onset. */
  readonly id: string;
  readonly scope: AnomalyScope;
  readonly measure: string;
  readonly currency: string | null;
  readonly grain: 'hour' | 'day';
  readonly kind: 'spike' | 'level_shift' | 'drift';
  readonly direction: 'up' | 'down';
  readonly onset: string;
  /** Last anomalous point; null while still going on at the end of the data. */
  readonly end: string | null;
  readonly detectedAt: string;
  /** Mean expected and actual per point, and Σ(actual − expected) so far. */
  readonly expected: number;
  readonly actual: number;
  readonly impact: number;
  readonly score: number;
  readonly severity: 'low' | 'medium' | 'high' | 'critical';
  readonly points: number;
  /** What the detector says: still open, closed, or rebaselined (became the new normal). */
  readonly engineStatus: 'open' | 'closed' | 'rebaselined';
  readonly rootCause: readonly CauseDimension[];
  readonly related: readonly RelatedScope[];
  /** What people say: the lifecycle. */
  readonly status: IncidentStatus;
  readonly note: string | null;
  readonly firstSeenAt: string;
  readonly updatedAt: string;
}

export interface IncidentEvent {
  readonly incidentId: string;
  readonly at: string;
  readonly from: IncidentStatus;
  readonly to: IncidentStatus;
  readonly note: string | null;
  readonly by: string;
}

/** Per-scope overrides of the scan's thresholds; null keeps the scan's own. */
export interface ScopeSettings {
  readonly scope: string;
  readonly minImpact: number | null;
  readonly sensitivity: number | null;
  /** False positives marked on this scope so far (each one raised its thresholds). */
  readonly falsePositives: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface IncidentFilter {
  readonly status?: IncidentStatus;
  /** Only incidents whose scope is one of these teams (a team-scoped caller's view); absent: all. */
  readonly teams?: readonly string[];
  readonly severity?: IncidentRecord['severity'];
  /** Onset in [from, to), ISO 8601 UTC. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface AnomalyStore {
  /**
   * Inserts new incidents and refreshes the figures of known ones (same id),
   * keeping their status, note and first-seen time.
   */
  upsertIncidents(incidents: readonly IncidentRecord[]): Promise<{ inserted: number; updated: number }>;
  /** Newest onset first. */
  listIncidents(filter: IncidentFilter): Promise<readonly IncidentRecord[]>;
  getIncident(id: string): Promise<IncidentRecord | null>;
  /** Changes the status and records the event; null when no such incident. */
  setIncidentStatus(id: string, status: IncidentStatus, note: string | null, at: string, by: string): Promise<IncidentRecord | null>;
  listIncidentEvents(id: string): Promise<readonly IncidentEvent[]>;
  listScopeSettings(): Promise<readonly ScopeSettings[]>;
  putScopeSettings(settings: ScopeSettings): Promise<void>;
}

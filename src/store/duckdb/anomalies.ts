/**
 * Anomaly incidents, lifecycle events and per-scope settings in the embedded
 * DuckDB file (migration 30). It runs on the store's own connection and queue
 * through a raw-SQL function, so it needs nothing from the store's internals;
 * every write is one statement, except a status change and its event row,
 * which run as one transaction (a crash between them cannot leave a status
 * without its history).
 * Parameters are text (nullable ones pass '' and read back NULL).
 */
import { OutlayError } from '../../core/index.ts';
import {
  isIncidentStatus,
  type AnomalyStore, type IncidentEvent, type IncidentFilter, type IncidentRecord, type IncidentStatus, type ScopeSettings,
} from '../anomalies.ts';

/** Runs one statement with positional text parameters ($1 …) and returns its rows. */
export type RawSql = (sql: string, params: string[]) => Promise<Record<string, unknown>[]>;

/** Runs `fn` as one transaction, with nothing else on the connection meanwhile. */
export type Transaction = <T>(fn: (sql: RawSql) => Promise<T>) => Promise<T>;

const COLUMNS = [
  'id', 'scope', 'measure', 'currency', 'grain', 'kind', 'direction', 'onset', 'end_at', 'detected_at', 'expected', 'actual', 'impact',
  'score', 'severity', 'points', 'engine_status', 'root_cause', 'related', 'status', 'note', 'first_seen_at', 'updated_at',
] as const;

/** Columns a re-scan refreshes; the lifecycle (status, note, first seen) stays as people left it. */
const REFRESHED = ['end_at', 'detected_at', 'expected', 'actual', 'impact', 'score', 'severity', 'points', 'engine_status', 'root_cause', 'related', 'updated_at'];

const NUMERIC = new Set(['expected', 'actual', 'impact', 'score']);
const placeholder = (c: string, i: number): string => (c === 'points' ? `$${i + 1}::INTEGER` : NUMERIC.has(c) ? `$${i + 1}::DOUBLE` : `NULLIF($${i + 1}, '')`);

function params(r: IncidentRecord): string[] {
  return [
    r.id, JSON.stringify(r.scope), r.measure, r.currency ?? '', r.grain, r.kind, r.direction, r.onset, r.end ?? '', r.detectedAt,
    String(r.expected), String(r.actual), String(r.impact), String(r.score), r.severity, String(r.points), r.engineStatus,
    JSON.stringify(r.rootCause), JSON.stringify(r.related), r.status, r.note ?? '', r.firstSeenAt, r.updatedAt,
  ];
}

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));

function status(v: unknown): IncidentStatus {
  const s = String(v);
  if (!isIncidentStatus(s)) throw new OutlayError('STORE_ERROR', `anomaly incident with unknown status "${s}"`);
  return s;
}

function toRecord(r: Record<string, unknown>): IncidentRecord {
  return {
    id: str(r.id), scope: JSON.parse(str(r.scope)) as IncidentRecord['scope'], measure: str(r.measure), currency: strOrNull(r.currency),
    grain: str(r.grain) as IncidentRecord['grain'], kind: str(r.kind) as IncidentRecord['kind'], direction: str(r.direction) as IncidentRecord['direction'],
    onset: str(r.onset), end: strOrNull(r.end_at), detectedAt: str(r.detected_at),
    expected: Number(r.expected), actual: Number(r.actual), impact: Number(r.impact), score: Number(r.score),
    severity: str(r.severity) as IncidentRecord['severity'], points: Number(r.points), engineStatus: str(r.engine_status) as IncidentRecord['engineStatus'],
    rootCause: JSON.parse(str(r.root_cause)) as IncidentRecord['rootCause'], related: JSON.parse(str(r.related)) as IncidentRecord['related'],
    status: status(r.status), note: strOrNull(r.note), firstSeenAt: str(r.first_seen_at), updatedAt: str(r.updated_at),
  };
}

function toSettings(r: Record<string, unknown>): ScopeSettings {
  return {
    scope: str(r.scope), minImpact: r.min_impact == null ? null : Number(r.min_impact), sensitivity: r.sensitivity == null ? null : Number(r.sensitivity),
    falsePositives: Number(r.false_positives), updatedAt: str(r.updated_at), updatedBy: str(r.updated_by),
  };
}

/** Incidents written per INSERT statement (23 parameters each). */
const UPSERT_CHUNK = 200;

const bounded = (n: number): number => Math.max(0, Math.floor(n));

/** WHERE clause and its parameters for a listing; an empty team list matches nothing. */
function incidentWhere(f: IncidentFilter): { where: string; params: string[] } {
  const params: string[] = [];
  const clauses: string[] = [];
  const add = (sql: (p: string) => string, value: string) => { params.push(value); clauses.push(sql(`$${params.length}`)); };
  if (f.status) add((p) => `status = ${p}`, f.status);
  if (f.severity) add((p) => `severity = ${p}`, f.severity);
  if (f.from) add((p) => `onset >= ${p}`, f.from);
  if (f.to) add((p) => `onset < ${p}`, f.to);
  if (f.teams) {
    const slots = f.teams.map((t) => { params.push(t); return `$${params.length}`; });
    clauses.push(slots.length ? `json_extract_string(scope, '$.team') IN (${slots.join(', ')})` : 'false');
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export class DuckDBAnomalies implements AnomalyStore {
  constructor(private readonly sql: RawSql, private readonly transaction: Transaction) {}

  async upsertIncidents(incidents: readonly IncidentRecord[]): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    // A few hundred rows per statement: one round trip per chunk instead of two per incident.
    // One row per id (the last one given): a statement may not update the same row twice.
    const unique = [...new Map(incidents.map((r) => [r.id, r])).values()];
    for (let i = 0; i < unique.length; i += UPSERT_CHUNK) {
      const chunk = unique.slice(i, i + UPSERT_CHUNK);
      const ids = chunk.map((r) => r.id);
      const known = new Set((await this.sql(`SELECT id FROM anomaly_incidents WHERE id IN (${ids.map((_, j) => `$${j + 1}`).join(', ')})`, ids)).map((r) => str(r.id)));
      const rows = chunk.map((_, j) => `(${COLUMNS.map((c, k) => placeholder(c, j * COLUMNS.length + k)).join(', ')})`);
      await this.sql(`INSERT INTO anomaly_incidents (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
        ON CONFLICT (id) DO UPDATE SET ${REFRESHED.map((c) => `${c} = excluded.${c}`).join(', ')}`, chunk.flatMap(params));
      for (const id of ids) if (known.has(id)) updated++; else inserted++;
    }
    return { inserted, updated };
  }

  async listIncidents(f: IncidentFilter): Promise<readonly IncidentRecord[]> {
    const { where, params } = incidentWhere(f);
    const rows = await this.sql(`SELECT * FROM anomaly_incidents ${where} ORDER BY onset DESC, abs(impact) DESC, id LIMIT ${bounded(f.limit)} OFFSET ${bounded(f.offset)}`, params);
    return rows.map(toRecord);
  }

  async getIncident(id: string): Promise<IncidentRecord | null> {
    const rows = await this.sql('SELECT * FROM anomaly_incidents WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async setIncidentStatus(id: string, to: IncidentStatus, note: string | null, at: string, by: string): Promise<IncidentRecord | null> {
    return this.transaction(async (sql) => {
      const [current] = await sql('SELECT status FROM anomaly_incidents WHERE id = $1', [id]);
      if (!current) return null;
      await sql('UPDATE anomaly_incidents SET status = $1, note = coalesce(NULLIF($2, \'\'), note), updated_at = $3 WHERE id = $4', [to, note ?? '', at, id]);
      await sql('INSERT INTO anomaly_events VALUES ($1, $2, $3, $4, NULLIF($5, \'\'), $6)', [id, at, status(current.status), to, note ?? '', by]);
      const [row] = await sql('SELECT * FROM anomaly_incidents WHERE id = $1', [id]);
      return row ? toRecord(row) : null;
    });
  }

  async listIncidentEvents(id: string): Promise<readonly IncidentEvent[]> {
    const rows = await this.sql('SELECT * FROM anomaly_events WHERE incident_id = $1 ORDER BY occurred_at', [id]);
    return rows.map((r) => ({ incidentId: str(r.incident_id), at: str(r.occurred_at), from: status(r.from_status), to: status(r.to_status), note: strOrNull(r.note), by: str(r.actor) }));
  }

  async listScopeSettings(): Promise<readonly ScopeSettings[]> {
    return (await this.sql('SELECT * FROM anomaly_scope_settings ORDER BY scope', [])).map(toSettings);
  }

  async putScopeSettings(s: ScopeSettings): Promise<void> {
    await this.sql(`INSERT OR REPLACE INTO anomaly_scope_settings VALUES ($1, TRY_CAST(NULLIF($2, '') AS DOUBLE), TRY_CAST(NULLIF($3, '') AS DOUBLE), $4::INTEGER, $5, $6)`, [
      s.scope, s.minImpact == null ? '' : String(s.minImpact), s.sensitivity == null ? '' : String(s.sensitivity), String(s.falsePositives), s.updatedAt, s.updatedBy,
    ]);
  }
}

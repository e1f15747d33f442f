/**
 * A person's verdict on a stored incident: acknowledged, resolved or a false
 * positive. The status change and its event row are one store transaction; a
 * false positive then raises the thresholds of every scope it covers, so the
 * same blip is not raised again. Shared by the CLI and the HTTP API.
 */
import type { AnomalyScope, AnomalyStore, IncidentRecord, IncidentStatus, ScopeSettings } from '../../store/index.ts';
import { falsePositiveSettings, type Thresholds } from './settings.ts';

/** Thresholds a false positive starts from when its scope has no setting of its own (the scan's defaults). */
export const FEEDBACK_DEFAULTS: Thresholds = { minImpact: 100, sensitivity: 1 };

export interface StatusChange {
  readonly incident: IncidentRecord;
  /** Scope settings written because of a false positive (empty otherwise). */
  readonly settings: readonly ScopeSettings[];
}

/**
 * `mayTune` says which related scopes the person may raise thresholds of: a
 * team-scoped caller's verdict must not quieten another team's or the
 * organisation's alerts (the incident's own scope is the caller's to judge).
 *
 * @returns null when no incident has this id.
 * @example await changeIncidentStatus(anomalyStore(store), 'an-1a2b', 'false_positive', 'planned load test', now, 'cli:ana')
 */
export async function changeIncidentStatus(
  incidents: AnomalyStore, id: string, to: IncidentStatus, note: string | null, at: string, by: string,
  mayTune: (scope: AnomalyScope) => boolean = () => true,
): Promise<StatusChange | null> {
  const incident = await incidents.setIncidentStatus(id, to, note, at, by);
  if (!incident) return null;
  if (to !== 'false_positive') return { incident, settings: [] };
  const current = new Map((await incidents.listScopeSettings()).map((s) => [s.scope, s]));
  const tuned = { ...incident, related: incident.related.filter((r) => mayTune(r.scope)) };
  const settings = falsePositiveSettings(tuned, current, FEEDBACK_DEFAULTS, at, by);
  for (const s of settings) await incidents.putScopeSettings(s);
  return { incident, settings };
}

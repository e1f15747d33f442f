/**
 * Per-scope thresholds: what a scan uses for each scope, and how a false
 * positive raises them. Marking an incident a false positive raises, for its
 * scope and every related scope, the minimum impact above the incident's own
 * (× 1.5) and lowers the sensitivity by a fifth, so the same blip is not
 * raised again and that scope alerts less readily from then on.
 *
 * A minimum impact is an amount, so what a false positive on money learns is
 * kept per currency (`team=search,currency=JPY`): a yen incident's threshold
 * of 150,000 must not silence the same team's dollar alerts. On a quantity
 * (GPU-hours, tokens) it is kept per measure (`team=search,measure=x_GpuHours`)
 * for the same reason. A setting without either (set by hand) applies to every
 * series of its scope that has none of its own.
 */
import type { IncidentRecord, ScopeSettings } from '../../store/index.ts';
import { scopeKey } from '../../store/index.ts';

export interface Thresholds {
  readonly minImpact: number;
  readonly sensitivity: number;
}

/** Factor over the false positive's impact that the scope's minimum impact is raised to. */
export const FALSE_POSITIVE_IMPACT_FACTOR = 1.5;
/** Factor the scope's sensitivity is multiplied by on each false positive. */
export const FALSE_POSITIVE_SENSITIVITY_FACTOR = 0.8;
const MIN_SENSITIVITY = 0.05;

/** The settings key of a scope for a series: money in `currency`, or a quantity `measure` (currency null). */
export function settingsKey(scope: string, currency: string | null | undefined, measure?: string): string {
  const unit = currency ? `currency=${currency}` : measure ? `measure=${measure}` : undefined;
  if (!unit) return scope;
  return scope === 'total' ? unit : `${scope},${unit}`;
}

export function thresholdsFor(scope: string, settings: ReadonlyMap<string, ScopeSettings>, defaults: Thresholds, currency?: string | null, measure?: string): Thresholds {
  const s = settings.get(settingsKey(scope, currency, measure)) ?? settings.get(scope);
  return { minImpact: s?.minImpact ?? defaults.minImpact, sensitivity: s?.sensitivity ?? defaults.sensitivity };
}

/**
 * The settings to store after `incident` was marked a false positive, one per
 * scope it covers (its own and its related ones).
 * @example falsePositiveSettings(inc, new Map(), { minImpact: 100, sensitivity: 1 }, now, 'cli:ana')
 */
export function falsePositiveSettings(incident: IncidentRecord, settings: ReadonlyMap<string, ScopeSettings>, defaults: Thresholds, at: string, by: string): ScopeSettings[] {
  const impacts = new Map<string, number>();
  for (const s of [{ scope: incident.scope, impact: incident.impact }, ...incident.related]) {
    const key = scopeKey(s.scope);
    impacts.set(key, Math.max(impacts.get(key) ?? 0, Math.abs(s.impact)));
  }
  return [...impacts].map(([key, impact]) => {
    const now = thresholdsFor(key, settings, defaults, incident.currency, incident.measure);
    const stored = settingsKey(key, incident.currency, incident.measure);
    return {
      scope: stored,
      minImpact: Math.max(now.minImpact, Math.ceil(impact * FALSE_POSITIVE_IMPACT_FACTOR)),
      sensitivity: Math.max(MIN_SENSITIVITY, Math.round(now.sensitivity * FALSE_POSITIVE_SENSITIVITY_FACTOR * 1000) / 1000),
      falsePositives: (settings.get(stored)?.falsePositives ?? 0) + 1,
      updatedAt: at,
      updatedBy: by,
    };
  });
}

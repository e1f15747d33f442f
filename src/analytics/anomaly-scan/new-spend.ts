/**
 * New spend is not an anomaly. A GPU node, bucket or API key that starts
 * mid-history lifts its team's, project's and service's spend in a step that
 * looks like a level shift, but nothing broke: someone provisioned something.
 * A FinOps team wants to hear about it once, as new spend, not to triage it as
 * an incident. An increase is new spend when the resource its root cause
 * names first had no spend at all in the baseline before the onset and
 * explains most of the change.
 */
import type { AnomalyScope, CauseDimension } from '../../store/index.ts';

/** Share of the change the new resource must explain for the increase to be its start. */
export const NEW_SPEND_SHARE = 0.5;
/** Baseline spend (scaled to the window), as a share of the spend in the window, under which a resource counts as new: it had none, or only its first hours. */
const ABSENT = 0.1;

export interface NewSpend {
  readonly scope: AnomalyScope;
  readonly onset: string;
  /** The resource that started. */
  readonly resource: string;
  /** Its spend over the incident window. */
  readonly amount: number;
  /** The scope's change over the window (what the incident would have reported). */
  readonly impact: number;
}

/** The resource whose start explains this increase, if one does. */
export function startedResource(cause: readonly CauseDimension[], direction: 'up' | 'down', dimension = 'resource'): { value: string; actual: number } | undefined {
  if (direction !== 'up') return undefined;
  const top = cause.find((c) => c.dimension === dimension)?.values[0];
  if (!top || top.value === '' || !(top.actual > 0)) return undefined;
  return top.share >= NEW_SPEND_SHARE && top.expected <= ABSENT * top.actual ? { value: top.value, actual: top.actual } : undefined;
}

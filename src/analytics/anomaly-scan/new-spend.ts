/**
 * New spend is not an anomaly. A GPU node, bucket or API key that starts
 * mid-history lifts its team's, project's and service's spend in a step that
 * looks like a level shift, but nothing broke: someone provisioned something.
 * A FinOps team wants to hear about it once, as new spend, not to triage it as
 * an incident. An increase is new spend when the resource its root cause
 * names first explains most of the change and had no spend at all in the
 * baseline before the onset, bar the last two days (the detector may date a
 * step a day after the resource's first, partial day).
 */
import type { Breakdown } from '../anomaly/index.ts';
import type { AnomalyScope, CauseDimension } from '../../store/index.ts';

/** Share of the change the new resource must explain for the increase to be its start. */
export const NEW_SPEND_SHARE = 0.5;
/** Days just before the onset in which a new resource may already have spent. */
export const NEW_SPEND_GRACE_MS = 2 * 86_400_000;

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

/**
 * The resource that may have started with this increase: it explains at
 * least NEW_SPEND_SHARE of the change and spent at least twice its
 * baseline. Confirm with `absentBefore` over the earlier baseline.
 */
export function startedResource(cause: readonly CauseDimension[], direction: 'up' | 'down', dimension = 'resource'): { value: string; actual: number } | undefined {
  if (direction !== 'up') return undefined;
  const top = cause.find((c) => c.dimension === dimension)?.values[0];
  if (!top || top.value === '' || !(top.actual > 0)) return undefined;
  return top.share >= NEW_SPEND_SHARE && top.expected <= 0.5 * top.actual ? { value: top.value, actual: top.actual } : undefined;
}

/** Did `value` of `dimension` spend nothing in this breakdown (the baseline before the grace days)? */
export function absentBefore(earlier: Breakdown, value: string, dimension = 'resource'): boolean {
  return !(Math.abs(earlier[dimension]?.[value] ?? 0) > 0);
}

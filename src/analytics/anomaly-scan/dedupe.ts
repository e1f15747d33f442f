/**
 * One incident, not twenty: a team's spike is also the total's, its service's
 * and its model's. Detections are taken highest scope first (total, then the
 * dimensions in the order scanned); one that overlaps a kept incident in time,
 * goes the same way, and either lies inside that incident's scope (the total
 * holds everything; a project whose spend is its team's) or is named by that
 * incident's root cause, is listed as related instead of reported again. So a
 * holiday dip the total sees is one incident, however many teams, models and
 * resources dip with it.
 */
import type { AnomalyScope, CauseDimension, RelatedScope } from '../../store/index.ts';

export interface Detection {
  readonly scope: AnomalyScope;
  /** 0 for the total, 1 + the dimension's position for a dimension value. */
  readonly level: number;
  readonly currency: string | null;
  readonly direction: 'up' | 'down';
  readonly onset: Date;
  /** Exclusive end of the incident window (last point + one step). */
  readonly end: Date;
  readonly impact: number;
}

export interface Kept<D extends Detection> {
  readonly detection: D;
  readonly cause: readonly CauseDimension[];
  readonly related: RelatedScope[];
}

/** Does this root cause list every dimension value of `scope` among the values that explain the change? */
export function causeNames(cause: readonly CauseDimension[], scope: AnomalyScope): boolean {
  const entries = Object.entries(scope);
  return entries.length > 0 && entries.every(([dim, v]) => cause.some((c) => c.dimension === dim && c.values.some((x) => x.value === (v ?? ''))));
}

function overlaps(a: Detection, b: Detection, slackMs: number): boolean {
  return a.onset.getTime() < b.end.getTime() + slackMs && b.onset.getTime() < a.end.getTime() + slackMs;
}

/** Highest scope first, then the largest impact. */
function byLevel(a: Detection, b: Detection): number {
  return a.level - b.level || Math.abs(b.impact) - Math.abs(a.impact) || a.onset.getTime() - b.onset.getTime();
}

/** Onsets this many steps apart still count as the same event seen at two levels. */
const ONSET_SLACK_STEPS = 2;

/** Does `inner`'s spend lie inside `outer`'s scope? The total holds every scope. */
export type Contains<D> = (outer: D, inner: D) => Promise<boolean>;

/**
 * Groups detections into incidents. `attribute` is called only for the
 * detections that start an incident of their own; `contains` only for a
 * detection that overlaps a kept one the same way.
 */
export async function dedupe<D extends Detection>(detections: readonly D[], stepMs: number, attribute: (d: D) => Promise<CauseDimension[]>, contains: Contains<D> = async (o) => Object.keys(o.scope).length === 0): Promise<Kept<D>[]> {
  const kept: Kept<D>[] = [];
  for (const d of [...detections].sort(byLevel)) {
    let head: Kept<D> | undefined;
    for (const k of kept) {
      if (k.detection.currency !== d.currency || k.detection.direction !== d.direction || !overlaps(k.detection, d, stepMs)) continue;
      // Inside the scope is looser than named by the cause, so it also needs (nearly) the same onset:
      // a month-long drift must not swallow a spike in its third week.
      const sameOnset = Math.abs(k.detection.onset.getTime() - d.onset.getTime()) <= ONSET_SLACK_STEPS * stepMs;
      if (causeNames(k.cause, d.scope) || (sameOnset && await contains(k.detection, d))) { head = k; break; }
    }
    if (head) {
      head.related.push({ scope: d.scope, onset: d.onset.toISOString(), impact: d.impact });
      continue;
    }
    kept.push({ detection: d, cause: await attribute(d), related: [] });
  }
  return kept;
}

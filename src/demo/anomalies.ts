/**
 * Planted anomalies: spikes, level shifts and drifts on one team's resources
 * (a team, project, single-owner service or model, or one resource), never in
 * the first 30 days, never overlapping another anomaly of the same team, so
 * each shows only in its own team's series and its size is exact.
 */
import type { DemoDay } from './calendar.ts';
import { TEAMS } from './org.ts';
import { Rng } from './random.ts';
import type { DemoResource } from './resource.ts';

export type AnomalyKind = 'spike' | 'level_shift' | 'drift';
export type AnomalyMetric = 'cost' | 'gpu_hours' | 'tokens';

export interface PlannedAnomaly {
  readonly id: string;
  readonly kind: AnomalyKind;
  readonly metric: AnomalyMetric;
  /** Dimension → value, as ground truth states it (team, project, service, model, resource). */
  readonly scope: Readonly<Record<string, string>>;
  readonly team: string;
  /** Day window [startDay, endDay). */
  readonly startDay: number;
  readonly endDay: number;
  /** Peak multiplier on usage (a drift ramps up to it). */
  readonly multiplier: number;
  readonly members: ReadonlySet<number>;
}

/** Anomalies start no earlier than this day, so detectors have history. */
export const QUIET_DAYS = 30;
const MIN_EXTRA_USD = 400;

interface Candidate {
  scope: Record<string, string>;
  team: string;
  metric: AnomalyMetric;
  members: DemoResource[];
}

const eligible = (r: DemoResource): boolean => !r.fixed && r.kind !== 'onprem' && r.waste === undefined;

/** Values of `key` that only one team uses anywhere in the fleet. */
function singleOwner(fleet: readonly DemoResource[], key: (r: DemoResource) => string | undefined): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const r of fleet) {
    const k = key(r);
    if (k !== undefined) owners.set(k, (owners.get(k) ?? new Set()).add(r.owner.team));
  }
  return new Map([...owners].filter(([, t]) => t.size === 1).map(([k, t]) => [k, [...t][0] ?? '']));
}

function candidate(rng: Rng, fleet: readonly DemoResource[]): Candidate | undefined {
  const pool = fleet.filter(eligible);
  const kind = rng.weighted([['team', 2], ['project', 1.5], ['service', 1], ['model', 1.5], ['resource', 3]] as const);
  if (kind === 'team') {
    const team = rng.pick(TEAMS).name;
    return { scope: { team }, team, metric: 'cost', members: pool.filter((r) => r.owner.team === team && r.tagMode === 'clean') };
  }
  if (kind === 'project') {
    const r = rng.pick(pool);
    return { scope: { project: r.owner.project }, team: r.owner.team, metric: 'cost', members: pool.filter((x) => x.owner.project === r.owner.project && x.tagMode === 'clean') };
  }
  const dim = kind === 'service' ? (r: DemoResource) => r.serviceName : kind === 'model' ? (r: DemoResource) => r.llm?.model : undefined;
  if (dim) {
    const unique = [...singleOwner(fleet, dim)];
    if (unique.length === 0) return undefined;
    const [value, team] = rng.pick(unique);
    return { scope: { [kind]: value }, team, metric: kind === 'model' ? 'tokens' : 'cost', members: pool.filter((r) => dim(r) === value) };
  }
  const r = rng.pick(pool);
  return { scope: { resource: r.resourceId }, team: r.owner.team, metric: r.kind === 'gpu' ? 'gpu_hours' : r.kind === 'llm' ? 'tokens' : 'cost', members: [r] };
}

/** A day window; `recent` ones sit in the last two weeks (something current to notice). */
function window(rng: Rng, kind: AnomalyKind, days: number, recent: boolean): [number, number] {
  const span = (lo: number, hi: number): number => lo + rng.int(Math.max(1, hi - lo + 1));
  if (kind === 'spike') {
    const len = 1 + rng.int(3);
    const s = span(recent ? days - 10 : QUIET_DAYS, days - len);
    return [s, s + len];
  }
  const len = kind === 'drift' ? 14 + rng.int(14) : 10 + rng.int(15);
  if (recent) return [span(days - 14, days - 7), days];
  const s = span(QUIET_DAYS + 5, Math.max(QUIET_DAYS + 5, days - len));
  // Some shifts are still going on at the end of the data, but only recent ones.
  const persists = days - s <= 35 && rng.chance(0.3);
  return [s, persists ? days : Math.min(days, s + len)];
}

const MULTIPLIER: Record<AnomalyKind, readonly [number, number]> = { spike: [2, 4.5], level_shift: [1.35, 2], drift: [1.5, 2.5] };

/** The anomalies of a run (none when the window is too short to hold any). */
export function planAnomalies(seed: number, fleet: readonly DemoResource[], days: number): PlannedAnomaly[] {
  if (days < QUIET_DAYS + 15) return [];
  const rng = new Rng(seed, 2);
  const target = 9 + rng.int(5);
  const busy = new Map<string, [number, number][]>();
  const out: PlannedAnomaly[] = [];
  for (let attempt = 0; attempt < target * 12 && out.length < target; attempt++) {
    const c = candidate(rng, fleet);
    if (!c || c.members.length === 0) continue;
    const kind = rng.weighted([['spike', 45], ['level_shift', 30], ['drift', 25]] as const);
    const [startDay, endDay] = window(rng, kind, days, out.length < 2);
    const alive = c.members.filter((r) => r.startDay <= startDay && r.endDay >= endDay);
    const taken = busy.get(c.team) ?? [];
    if (alive.length === 0 || taken.some(([s, e]) => startDay < e + 2 && s < endDay + 2)) continue;
    const [lo, hi] = MULTIPLIER[kind];
    const multiplier = Math.round(rng.between(lo, hi) * 100) / 100;
    // Rough size check: planted anomalies should be worth a few hundred dollars at least.
    const perDay = alive.reduce((sum, r) => sum + r.dailyUsd, 0);
    if (perDay * (multiplier - 1) * (endDay - startDay) * (kind === 'drift' ? 0.5 : 1) < MIN_EXTRA_USD) continue;
    taken.push([startDay, endDay]);
    busy.set(c.team, taken);
    // Members that have no day in the window write no rows there: they are not affected.
    const touched = c.members.filter((r) => r.startDay < endDay && r.endDay > startDay);
    out.push({
      id: `A${String(out.length + 1).padStart(2, '0')}`, kind, metric: c.metric, scope: c.scope, team: c.team, startDay, endDay,
      multiplier, members: new Set(touched.map((r) => r.index)),
    });
  }
  return out;
}

/** Usage multiplier of an anomaly on a day (1 outside its window; a drift ramps linearly). */
export function anomalyFactor(a: PlannedAnomaly, day: DemoDay): number {
  if (day.index < a.startDay || day.index >= a.endDay) return 1;
  if (a.kind !== 'drift') return a.multiplier;
  return 1 + ((a.multiplier - 1) * (day.index - a.startDay + 1)) / (a.endDay - a.startDay);
}

/** Anomalies by resource index, for the generator's inner loop. */
export function anomaliesByResource(list: readonly PlannedAnomaly[]): Map<number, PlannedAnomaly[]> {
  const out = new Map<number, PlannedAnomaly[]>();
  for (const a of list) for (const i of a.members) out.set(i, [...(out.get(i) ?? []), a]);
  return out;
}

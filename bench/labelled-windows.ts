/**
 * Scoring of real series with labelled anomaly windows, laid out as NAB lays
 * them out: `<root>/data/<folder>/<name>.csv` (timestamp,value) and
 * `<root>/labels/combined_windows.json` mapping `<folder>/<name>.csv` to
 * `[start, end]` pairs ("YYYY-MM-DD HH:MM:SS", UTC, both inclusive). Shared by
 * the NAB section of bench/anomaly.ts and bench/anomaly-cloud-monitoring.ts so
 * both sets are scored by the same rule.
 *
 * A window counts as found when an alert's onset falls inside it, with one
 * hour of slack before its start (hourly rounding of the onset); "overlap"
 * also counts an incident already open when the window starts. Every other
 * alert is false. The 3σ z-score runs on the raw points with a one-day window
 * (at least 30 points) and gets no slack.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { detectAnomalies, zscoreAlerts } from '../src/analytics/anomaly/index.ts';
import type { Anomaly } from '../src/analytics/anomaly/index.ts';
import { readSeriesCsv } from '../src/cli/commands/series-csv.ts';

const SLACK_MS = 3_600_000;

export interface WindowTally {
  windows: number; hit: number; overlap: number; alerts: number; falseAlerts: number;
  zHit: number; zAlerts: number; zFalse: number;
  days: number; metrics: number;
  /** Sums of each metric's own false alerts per day (divide by metrics for the mean). */
  rate: number; zRate: number;
}

/** What the detector did on one labelled series, for looking into misses. */
export interface SeriesOutcome {
  file: string;
  windows: (readonly [number, number])[];
  anomalies: Anomaly[];
  /** Windows no alert onset fell in. */
  missed: (readonly [number, number])[];
  /** Windows the z-score found. */
  zFound: number;
  falseAlerts: number;
  zFalse: number;
  days: number;
}

export const freshWindowTally = (): WindowTally => ({ windows: 0, hit: 0, overlap: 0, alerts: 0, falseAlerts: 0, zHit: 0, zAlerts: 0, zFalse: 0, days: 0, metrics: 0, rate: 0, zRate: 0 });

export function hasLabelledWindows(root: string | undefined): root is string {
  return !!root && existsSync(`${root}/labels/combined_windows.json`);
}

const parseUtc = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);

/** Scores every CSV in the given folders of `root` into `t`; returns what happened per series. */
export function scoreLabelledSet(root: string, folders: readonly string[], t: WindowTally): SeriesOutcome[] {
  const labels = JSON.parse(readFileSync(`${root}/labels/combined_windows.json`, 'utf8')) as Record<string, string[][]>;
  const outcomes: SeriesOutcome[] = [];
  for (const dir of folders) {
    for (const f of readdirSync(`${root}/data/${dir}`).filter((x) => x.endsWith('.csv')).sort()) {
      const wins = (labels[`${dir}/${f}`] ?? []).map(([a, b]) => [parseUtc(a!), parseUtc(b!)] as const);
      outcomes.push(scoreSeries(`${root}/data/${dir}/${f}`, `${dir}/${f}`, wins, t));
    }
  }
  return outcomes;
}

function scoreSeries(path: string, file: string, wins: (readonly [number, number])[], t: WindowTally): SeriesOutcome {
  const s = readSeriesCsv(path);
  const res = detectAnomalies(s);
  const onsets = res.anomalies.map((a) => a.timestamp.getTime());
  const inside = (x: number, slack: number) => wins.some(([a, b]) => x >= a - slack && x <= b);
  const missed = wins.filter(([a, b]) => !onsets.some((x) => x >= a - SLACK_MS && x <= b));
  t.windows += wins.length;
  t.hit += wins.length - missed.length;
  t.overlap += wins.filter(([a, b]) => res.anomalies.some((x) => x.timestamp.getTime() <= b && (x.end?.getTime() ?? Infinity) >= a - SLACK_MS)).length;
  t.alerts += onsets.length;
  const falseAlerts = onsets.filter((x) => !inside(x, SLACK_MS)).length;
  t.falseAlerts += falseAlerts;
  const order = s.timestamps.map((_, i) => i).sort((a, b) => s.timestamps[a]!.getTime() - s.timestamps[b]!.getTime());
  const ts = order.map((i) => s.timestamps[i]!.getTime());
  const perDay = Math.max(30, Math.round(86_400_000 / ((ts[ts.length - 1]! - ts[0]!) / ts.length)));
  const z = zscoreAlerts(order.map((i) => s.values[i]!), perDay).map((a) => ts[a.onset]!);
  const zFound = wins.filter(([a, b]) => z.some((x) => x >= a && x <= b)).length;
  t.zHit += zFound;
  t.zAlerts += z.length;
  const zFalse = z.filter((x) => !inside(x, 0)).length;
  t.zFalse += zFalse;
  const days = (ts[ts.length - 1]! - ts[0]!) / 86_400_000;
  t.days += days;
  // Per metric too: long series (a year of temperatures) otherwise dominate the pooled rate.
  t.metrics++;
  t.rate += falseAlerts / days;
  t.zRate += zFalse / days;
  return { file, windows: wins, anomalies: res.anomalies, missed, zFound, falseAlerts, zFalse, days };
}

/** The two result lines (detector, z-score) every labelled set prints. */
export function printWindowTally(t: WindowTally): void {
  console.log(`outlay detector          recall ${(t.hit / t.windows).toFixed(3)} (overlap ${(t.overlap / t.windows).toFixed(3)})  alerts ${t.alerts}  false alerts/day ${(t.falseAlerts / t.days).toFixed(3)} (mean per metric ${(t.rate / t.metrics).toFixed(3)})`);
  console.log(`3-sigma rolling z-score  recall ${(t.zHit / t.windows).toFixed(3)}  alerts ${t.zAlerts}  false alerts/day ${(t.zFalse / t.days).toFixed(3)} (mean per metric ${(t.zRate / t.metrics).toFixed(3)})`);
}

/**
 * Anomaly benchmark: synthetic spend series with injected, labelled spikes,
 * outages, level shifts and drifts (daily and hourly), scored per labelled
 * window against a 3σ rolling z-score in the same run; then alert rates on the
 * real fixture series (unlabelled, so only "how noisy is each detector").
 * Run: npx tsx bench/anomaly.ts
 */
import { existsSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { detectAnomalies, zscoreAlerts } from '../src/analytics/anomaly/index.ts';
import { readSeriesCsv } from '../src/cli/commands/series-csv.ts';
import { regularise } from '../src/analytics/forecast/index.ts';
import { demoHolidays } from '../src/demo/index.ts';
import { demoTeamSeries } from './demo-series.ts';
import { freshWindowTally, hasLabelledWindows, printWindowTally, scoreLabelledSet } from './labelled-windows.ts';

type Kind = 'spike' | 'outage' | 'level_shift' | 'drift';
interface Label { start: number; end: number; kind: Kind }
interface Case { grain: 'daily' | 'hourly'; values: number[]; labels: Label[]; timestamps: Date[] }

function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => { s = (s * 48271) % 2147483647; return s / 2147483647; };
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

function makeCase(seed: number, grain: 'daily' | 'hourly'): Case {
  const r = rng(seed);
  const n = grain === 'daily' ? 730 : 24 * 7 * 12;
  const level = 100 + 2000 * r();
  const noise = 0.04 + 0.1 * r();
  const week = Array.from({ length: 7 }, (_, d) => (d >= 5 ? 0.5 + 0.3 * r() : 0.95 + 0.1 * r()));
  const day = Array.from({ length: 24 }, (_, h) => 0.6 + 0.8 * Math.max(0, Math.sin(((h - 6) / 24) * 2 * Math.PI)));
  const season = (i: number) => (grain === 'daily' ? week[i % 7]! : week[Math.floor(i / 24) % 7]! * day[i % 24]!);
  const base = Array.from({ length: n }, (_, i) => level * (1 + 0.0003 * i * (grain === 'daily' ? 1 : 1 / 24)) * season(i));
  // Realistic nuisance: a slowly wandering level (AR(1) on the log scale) and heavy-tailed noise
  // (a Gaussian scaled by a random factor), none of it labelled.
  let wander = 0;
  const values = base.map((v) => {
    wander = 0.97 * wander + 0.02 * gauss(r) * (grain === 'daily' ? 1 : 0.2);
    const tail = r() < 0.05 ? 2.5 : 1;
    return Math.max(0, v * Math.exp(wander) * (1 + noise * tail * gauss(r)));
  });
  const labels: Label[] = [];
  const unit = grain === 'daily' ? 1 : 24;
  let at = Math.floor((grain === 'daily' ? 60 : 24 * 21) + r() * 20 * unit);
  while (at < n - 40 * unit) {
    const kind = (['spike', 'outage', 'level_shift', 'drift'] as const)[Math.floor(r() * 4)]!;
    const len = kind === 'spike' ? 1 + Math.floor(r() * (grain === 'daily' ? 2 : 3)) : kind === 'outage' ? 1 + Math.floor(r() * 3) : kind === 'level_shift' ? Math.floor((3 + r() * 10) * unit) : Math.floor((20 + r() * 20) * unit);
    for (let k = 0; k < len; k++) {
      const i = at + k;
      if (kind === 'spike') values[i] = values[i]! * (1.8 + 2 * r());
      else if (kind === 'outage') values[i] = values[i]! * 0.1 * r();
      else if (kind === 'level_shift') values[i] = values[i]! * (1.4 + 0.8 * r());
      else values[i] = values[i]! * (1 + 0.7 * (k / len));
    }
    labels.push({ start: at, end: at + len - 1, kind });
    at += len + Math.floor((30 + r() * 60) * unit);
  }
  const step = grain === 'daily' ? 86_400_000 : 3_600_000;
  return { grain, values, labels, timestamps: values.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * step)) };
}

interface Tally { windows: number; hit: number; alerts: number; matched: number; days: number; byKind: Map<Kind, [number, number]>; falseByKind: Map<string, number> }

function score(tally: Tally, c: Case, onsets: number[], kinds: string[] = []): void {
  const slack = c.grain === 'daily' ? 3 : 24;
  const inWindow = (o: number, l: Label) => o >= l.start - 1 && o <= l.end + slack;
  for (const l of c.labels) {
    const hit = onsets.some((o) => inWindow(o, l));
    tally.windows++;
    if (hit) tally.hit++;
    const k = tally.byKind.get(l.kind) ?? [0, 0];
    tally.byKind.set(l.kind, [k[0] + (hit ? 1 : 0), k[1] + 1]);
  }
  tally.alerts += onsets.length;
  onsets.forEach((o, i) => {
    if (c.labels.some((l) => inWindow(o, l))) tally.matched++;
    else tally.falseByKind.set(kinds[i] ?? 'alert', (tally.falseByKind.get(kinds[i] ?? 'alert') ?? 0) + 1);
  });
  tally.days += c.values.length / (c.grain === 'daily' ? 1 : 24);
}

const fresh = (): Tally => ({ windows: 0, hit: 0, alerts: 0, matched: 0, days: 0, byKind: new Map(), falseByKind: new Map() });

function report(name: string, t: Tally): void {
  const kinds = [...t.byKind.entries()].map(([k, [h, n]]) => `${k} ${h}/${n}`).join(', ');
  const falses = [...t.falseByKind.entries()].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`${name.padEnd(24)} recall ${(t.hit / t.windows).toFixed(3)}  precision ${(t.matched / Math.max(1, t.alerts)).toFixed(3)}  false alerts/day ${((t.alerts - t.matched) / t.days).toFixed(4)}  alerts ${t.alerts}`);
  console.log(`${''.padEnd(24)} recall by kind: ${kinds}; false alerts by kind: ${falses}`);
}

function synthetic(): void {
  for (const grain of ['daily', 'hourly'] as const) {
    const ours = fresh();
    const z = fresh();
    let ms = 0;
    for (let s = 1; s <= 40; s++) {
      const c = makeCase(s * 7919 + (grain === 'daily' ? 0 : 1), grain);
      const t0 = performance.now();
      const res = detectAnomalies({ timestamps: c.timestamps, values: c.values });
      ms += performance.now() - t0;
      const index = new Map(c.timestamps.map((d, i) => [d.getTime(), i]));
      score(ours, c, res.anomalies.map((a) => index.get(a.timestamp.getTime())!), res.anomalies.map((a) => a.kind));
      score(z, c, zscoreAlerts(c.values, grain === 'daily' ? 28 : 168).map((a) => a.onset));
    }
    console.log(`\n${grain}: 40 series (${grain === 'daily' ? '730 days' : '12 weeks hourly'}), ${ours.windows} labelled windows, detector ${(ms / 40).toFixed(1)} ms per series`);
    report('outlay detector', ours);
    report('3-sigma rolling z-score', z);
  }
}

function fixtures(): void {
  const dir = '/work/shared/fixtures/series';
  if (!existsSync(dir)) return;
  console.log('\nreal fixture series (unlabelled): alerts per 30 days, ours vs 3-sigma z-score');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
    const s = readSeriesCsv(`${dir}/${f}`);
    const res = detectAnomalies(s);
    const hourly = f.startsWith('hourly');
    const days = res.values.length / (hourly ? 24 : f.startsWith('monthly') ? 1 / 30 : 1);
    const z = zscoreAlerts(res.values, hourly ? 168 : f.startsWith('monthly') ? 12 : 28);
    const kinds = res.anomalies.reduce<Record<string, number>>((m, a) => ({ ...m, [a.kind]: (m[a.kind] ?? 0) + 1 }), {});
    console.log(`${f.padEnd(36)} ours ${((30 * res.anomalies.length) / days).toFixed(2).padStart(6)}  z-score ${((30 * z.length) / days).toFixed(2).padStart(6)}  ${JSON.stringify(kinds)}`);
  }
}

/** The demo organisation's daily cost per team, with its planted anomalies as labels. */
async function demo(): Promise<void> {
  const teams = await demoTeamSeries();
  if (!teams) { console.log('\n(demo organisation not in this checkout: skipped)'); return; }
  const ours = fresh();
  const withHolidays = fresh();
  const z = fresh();
  for (const t of teams) {
    const reg = regularise(t.series);
    const dayIndex = (d: Date) => Math.round((d.getTime() - reg.timestamps[0]!.getTime()) / 86_400_000);
    // Ground-truth windows are half-open [start, end).
    const labels = t.labels.map((l) => ({ start: dayIndex(l.start), end: dayIndex(l.end) - 1, kind: l.kind as Kind }));
    const c: Case = { grain: 'daily', values: reg.values, labels, timestamps: reg.timestamps };
    const res = detectAnomalies(t.series);
    score(ours, c, res.anomalies.map((a) => dayIndex(a.timestamp)), res.anomalies.map((a) => a.kind));
    // The demo company's own holiday calendar over the series, as a user would pass theirs.
    const hol = detectAnomalies(t.series, { holidays: demoHolidays(reg.timestamps[0]!, new Date(reg.timestamps.at(-1)!.getTime() + 86_400_000)) });
    score(withHolidays, c, hol.anomalies.map((a) => dayIndex(a.timestamp)), hol.anomalies.map((a) => a.kind));
    score(z, c, zscoreAlerts(reg.values, 28).map((a) => a.onset));
  }
  console.log(`\ndemo organisation (seed 42, 730 days, daily cost per team; ${ours.windows} planted anomalies, some scoped to one project of the team)`);
  report('outlay detector', ours);
  report('outlay + holiday calendar', withHolidays);
  report('3-sigma rolling z-score', z);
}

/**
 * Numenta Anomaly Benchmark (github.com/numenta/NAB, MIT), when a checkout is
 * given in OUTLAY_NAB_DIR: the cloud-metric, ad-exchange, traffic and
 * known-cause series with their labelled windows, scored as
 * bench/labelled-windows.ts describes.
 */
function nab(): void {
  const root = process.env.OUTLAY_NAB_DIR;
  if (!hasLabelledWindows(root)) { console.log('\n(NAB not given: set OUTLAY_NAB_DIR to a numenta/NAB checkout to score it)'); return; }
  const t = freshWindowTally();
  scoreLabelledSet(root, ['realAWSCloudwatch', 'realAdExchange', 'realTraffic', 'realKnownCause'], t);
  console.log(`\nNAB real series (cloud metrics, ad exchange, traffic, known causes): ${t.windows} labelled windows over ${t.days.toFixed(0)} days`);
  printWindowTally(t);
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores visible, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine slows timings)`);
synthetic();
await demo();
nab();
fixtures();

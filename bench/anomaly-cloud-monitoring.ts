/**
 * Generalisation check on a second real labelled set, independent of NAB:
 * Microsoft's Cloud Monitoring Dataset (github.com/microsoft/cloud-monitoring-dataset,
 * MIT): 67 production telemetry series (crash rates, purchase rates, data
 * ingress, API request rates and latencies, MongoDB request rates, service
 * unavailability), hourly or per minute, each point labelled 0/1 by domain experts.
 *
 * Conversion (written under OUTLAY_CMD_OUT, default /tmp/outlay-cloud-monitoring,
 * in NAB's layout so bench/labelled-windows.ts scores it exactly as it scores NAB):
 * - each CSV becomes `timestamp,value`, which `outlay anomalies --input` reads;
 * - a row whose timestamp repeats an earlier row is dropped (the crash-rate
 *   exports repeat rows two or three times, and the API series repeats the
 *   hour a daylight-saving change repeated); the kept row is labelled if any
 *   copy was, since the detector would otherwise sum the copies;
 * - consecutive labelled rows form one window, from the first to the last
 *   labelled timestamp.
 *
 * Run: OUTLAY_CMD_DIR=<checkout> npx tsx bench/anomaly-cloud-monitoring.ts [--misses]
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { csvCells, parseTimestamp } from '../src/cli/commands/series-csv.ts';
import { freshWindowTally, printWindowTally, scoreLabelledSet } from './labelled-windows.ts';
import type { SeriesOutcome } from './labelled-windows.ts';

interface Point { at: number; value: string; labelled: boolean }

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function readLabelledCsv(path: string): Point[] {
  const points = new Map<number, Point>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [stamp, value, label] = csvCells(line, ',');
    const at = parseTimestamp(stamp ?? '')?.getTime();
    if (at === undefined || value === undefined) throw new Error(`${path}: unreadable row "${line}"`);
    const labelled = Number(label) === 1;
    const seen = points.get(at);
    if (seen) seen.labelled ||= labelled;
    else points.set(at, { at, value, labelled });
  }
  return [...points.values()].sort((a, b) => a.at - b.at);
}

/** Runs of consecutive labelled points, as inclusive [first, last] timestamps. */
function windowsOf(points: readonly Point[]): string[][] {
  const wins: string[][] = [];
  points.forEach((p, i) => {
    if (!p.labelled) return;
    if (i > 0 && points[i - 1]!.labelled) wins[wins.length - 1]![1] = iso(p.at);
    else wins.push([iso(p.at), iso(p.at)]);
  });
  return wins;
}

function convert(src: string, out: string): string[] {
  const labels: Record<string, string[][]> = {};
  const folders = readdirSync(`${src}/data`).sort();
  for (const dir of folders) {
    mkdirSync(`${out}/data/${dir}`, { recursive: true });
    for (const f of readdirSync(`${src}/data/${dir}`).filter((x) => x.endsWith('.csv')).sort()) {
      const points = readLabelledCsv(`${src}/data/${dir}/${f}`);
      writeFileSync(`${out}/data/${dir}/${f}`, `timestamp,value\n${points.map((p) => `${iso(p.at)},${p.value}`).join('\n')}\n`);
      labels[`${dir}/${f}`] = windowsOf(points);
    }
  }
  mkdirSync(`${out}/labels`, { recursive: true });
  writeFileSync(`${out}/labels/combined_windows.json`, JSON.stringify(labels, null, 1));
  return folders;
}

/** Per folder (one kind of metric each): windows found by each detector and their false alerts per day. */
function printByFolder(outcomes: readonly SeriesOutcome[]): void {
  const folders = new Map<string, SeriesOutcome[]>();
  for (const o of outcomes) folders.set(o.file.split('/')[0]!, [...(folders.get(o.file.split('/')[0]!) ?? []), o]);
  console.log('\nby kind of metric: series, windows found (ours / z-score), false alerts per day (ours / z-score)');
  for (const [dir, os] of folders) {
    const sum = (f: (o: SeriesOutcome) => number) => os.reduce((n, o) => n + f(o), 0);
    const days = sum((o) => o.days);
    console.log(`${dir.padEnd(36)} ${String(os.length).padStart(2)}  found ${sum((o) => o.windows.length - o.missed.length)} / ${sum((o) => o.zFound)} of ${sum((o) => o.windows.length)}  false/day ${(sum((o) => o.falseAlerts) / days).toFixed(2)} / ${(sum((o) => o.zFalse) / days).toFixed(2)}`);
  }
}

/** Per series: windows found, false alerts of each detector, and each missed window with what was reported near it. */
function printMisses(outcomes: readonly SeriesOutcome[]): void {
  for (const o of outcomes) {
    console.log(`${o.file.padEnd(56)} found ${o.windows.length - o.missed.length}/${o.windows.length} (z ${o.zFound})  false ours ${o.falseAlerts}  z ${o.zFalse}  (${o.days.toFixed(1)} days)`);
    for (const [a, b] of o.missed) {
      const near = o.anomalies.filter((x) => Math.abs(x.timestamp.getTime() - a) < 86_400_000);
      const seen = near.map((x) => `${iso(x.timestamp.getTime())} ${x.kind} ${x.direction} ${x.score.toFixed(1)}σ`).join('; ');
      console.log(`  missed ${iso(a)} .. ${iso(b)}; alerts within a day: ${seen || 'none'}`);
    }
  }
}

const src = process.env.OUTLAY_CMD_DIR;
if (!src) {
  console.log('set OUTLAY_CMD_DIR to a checkout of github.com/microsoft/cloud-monitoring-dataset');
} else {
  const out = process.env.OUTLAY_CMD_OUT ?? '/tmp/outlay-cloud-monitoring';
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores visible, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const folders = convert(src, out);
  const t = freshWindowTally();
  const t0 = performance.now();
  const outcomes = scoreLabelledSet(out, folders, t);
  console.log(`\nMicrosoft Cloud Monitoring Dataset: ${t.metrics} series, ${t.windows} labelled windows over ${t.days.toFixed(0)} days (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  printWindowTally(t);
  printByFolder(outcomes);
  if (process.argv.includes('--misses')) printMisses(outcomes);
}

/**
 * Real daily and hourly series for the forecast comparison, beyond the
 * fixtures: the kinds the forecasting issue names (page views, rides,
 * traffic, cloud metrics, energy), cut from public checkouts that nobody
 * here wrote. Each becomes a `timestamp,value` CSV under `out`.
 *
 * - numenta/NAB (`data/`): 5- and 30-minute metrics, summed (counts) or
 *   averaged (levels) per clock hour; the first and last, partial, hours are
 *   dropped. NYC taxi rides also per day.
 * - facebook/prophet (`examples/`): Wikipedia page views (stored as logs,
 *   written back as views) and Melbourne pedestrians through COVID, daily.
 * - UCI bike sharing (Fanaee-T & Gama 2013, Capital Bikeshare, Washington DC,
 *   2011–2012; a checkout holding its `day.csv` and `hour.csv`): rentals per
 *   day (all, casual, registered) and per hour.
 * - R's forecast package: `taylor`, half-hourly electricity demand of England
 *   and Wales (Taylor 2003), summed per hour.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCells } from '../src/cli/commands/series-csv.ts';

type Agg = 'sum' | 'mean';
type Bucket = 'hour' | 'day';

const NAB: Array<[file: string, name: string, agg: Agg, bucket: Bucket]> = [
  ['realKnownCause/nyc_taxi.csv', 'hourly_nyc_taxi', 'sum', 'hour'],
  ['realKnownCause/nyc_taxi.csv', 'daily_nyc_taxi', 'sum', 'day'],
  ['realTweets/Twitter_volume_AAPL.csv', 'hourly_tweets_AAPL', 'sum', 'hour'],
  ['realTweets/Twitter_volume_GOOG.csv', 'hourly_tweets_GOOG', 'sum', 'hour'],
  ['realTweets/Twitter_volume_IBM.csv', 'hourly_tweets_IBM', 'sum', 'hour'],
  ['realTweets/Twitter_volume_KO.csv', 'hourly_tweets_KO', 'sum', 'hour'],
  ['realAWSCloudwatch/elb_request_count_8c0756.csv', 'hourly_elb_requests', 'sum', 'hour'],
  ['realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv', 'hourly_ec2_cpu_5f5533', 'mean', 'hour'],
  ['realAWSCloudwatch/rds_cpu_utilization_e47b3b.csv', 'hourly_rds_cpu_e47b3b', 'mean', 'hour'],
  ['realKnownCause/machine_temperature_system_failure.csv', 'hourly_machine_temperature', 'mean', 'hour'],
  ['realTraffic/speed_7578.csv', 'hourly_traffic_speed_7578', 'mean', 'hour'],
  ['realTraffic/occupancy_6005.csv', 'hourly_traffic_occupancy_6005', 'mean', 'hour'],
];

const PROPHET: Array<[file: string, name: string, log: boolean]> = [
  ['example_wp_log_peyton_manning.csv', 'daily_wiki_peyton_manning', true],
  ['example_wp_log_R.csv', 'daily_wiki_R', true],
  ['example_pedestrians_covid.csv', 'daily_pedestrians_covid', false],
];

function writeSeries(path: string, rows: ReadonlyArray<[string, number]>): void {
  const sorted = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  writeFileSync(path, `timestamp,value\n${sorted.map(([t, v]) => `${t},${Number(v.toPrecision(6))}`).join('\n')}\n`);
}

/** `timestamp,value` rows of a two-column CSV with a header (quotes stripped). */
function csvRows(path: string): Array<[string, string]> {
  return readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => {
    const [t = '', v = ''] = csvCells(l, ',');
    return [t, v];
  });
}

function bucketed(path: string, agg: Agg, bucket: Bucket): Array<[string, number]> {
  const cells = new Map<string, number[]>();
  for (const [t, v] of csvRows(path)) {
    const key = bucket === 'hour' ? `${t.slice(0, 10)}T${t.slice(11, 13)}:00:00` : t.slice(0, 10);
    const list = cells.get(key) ?? [];
    list.push(Number(v));
    cells.set(key, list);
  }
  const keys = [...cells.keys()].sort().slice(1, -1);
  return keys.map((k) => {
    const xs = cells.get(k)!;
    const sum = xs.reduce((a, b) => a + b, 0);
    return [k, agg === 'sum' ? sum : sum / xs.length];
  });
}

/** Rentals per day (three series) and per hour from the UCI files: a named column of a CSV with a header. */
function bikeSeries(dir: string): Array<[name: string, rows: Array<[string, number]>]> {
  const table = (file: string): Array<Record<string, string>> => {
    const [head = '', ...lines] = readFileSync(join(dir, file), 'utf8').trim().split(/\r?\n/);
    const names = csvCells(head, ',');
    return lines.map((l) => Object.fromEntries(csvCells(l, ',').map((c, i) => [names[i], c])));
  };
  const days = table('day.csv');
  const hours = table('hour.csv');
  // Copies of the UCI files name the date column dteday or dateday.
  const pad = (h: string): string => h.padStart(2, '0');
  return [
    ...(['cnt', 'casual', 'registered'] as const).map((col): [string, Array<[string, number]>] => [`daily_bikes_${col === 'cnt' ? 'total' : col}`, days.map((d) => [(d.dteday ?? d.dateday)!, Number(d[col])])]),
    ['hourly_bikes_total', hours.map((h) => [`${h.dteday ?? h.dateday}T${pad(h.hr!)}:00:00`, Number(h.cnt)])],
  ];
}

/** Writes every series whose source is available; returns how many. */
export function buildRealSeries(out: string, sources: { nab?: string; prophet?: string; bikes?: string }): number {
  mkdirSync(out, { recursive: true });
  let n = 0;
  for (const [file, name, agg, bucket] of sources.nab ? NAB : []) {
    const path = join(sources.nab!, 'data', file);
    if (!existsSync(path)) continue;
    writeSeries(join(out, `${name}.csv`), bucketed(path, agg, bucket));
    n++;
  }
  for (const [file, name, log] of sources.prophet ? PROPHET : []) {
    const path = join(sources.prophet!, 'examples', file);
    if (!existsSync(path)) continue;
    writeSeries(join(out, `${name}.csv`), csvRows(path).map(([t, v]) => [t, log ? Math.exp(Number(v)) : Number(v)]));
    n++;
  }
  if (sources.bikes && existsSync(join(sources.bikes, 'day.csv')) && existsSync(join(sources.bikes, 'hour.csv'))) {
    for (const [name, rows] of bikeSeries(sources.bikes)) {
      writeSeries(join(out, `${name}.csv`), rows);
      n++;
    }
  }
  const taylor = spawnSync('Rscript', ['-e', 'suppressMessages(library(forecast)); cat(colSums(matrix(as.numeric(taylor), nrow = 2)), sep = "\\n")'], { encoding: 'utf8' });
  if (taylor.status === 0) {
    // The package gives no dates: hourly from Monday 5 June 2000, when Taylor's series starts.
    const start = Date.UTC(2000, 5, 5);
    const values = taylor.stdout.trim().split('\n').map(Number);
    writeSeries(join(out, 'hourly_taylor_electricity.csv'), values.map((v, i): [string, number] => [new Date(start + i * 3_600_000).toISOString().slice(0, 19), v]));
    n++;
  }
  return n;
}

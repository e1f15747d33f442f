/**
 * Outlay's forecast against R's `forecast` package (ETS, auto.arima, TBATS)
 * on the same splits, the comparison the forecasting issue is judged by.
 * Needs `Rscript` with the forecast package (Debian: `apt-get install
 * r-cran-forecast`); without it the script says so and exits 0.
 *
 *   npx tsx bench/forecast-vs-r.ts [--dir <folder of timestamp,value CSVs>]…
 *     [--nab <numenta/NAB checkout>] [--prophet <facebook/prophet checkout>]
 *     [--bikes <folder with the UCI bike sharing day.csv and hour.csv>]
 *     [--origins 2] [--max-train 2016] [--jobs 2] [--no-cache]
 *
 * Without --dir it reads the fixtures' series; --nab, --prophet and --bikes add the
 * real series bench/real-series.ts cuts from those checkouts (and R's own
 * `taylor`).
 *
 * Every CSV is put on its grid (src/analytics/forecast regularise), its last
 * `origins` non-overlapping windows (48 points hourly, 28 daily, 12 monthly)
 * are held out in turn, and every model sees the same training points (the
 * last `max-train` before the origin). Prints MASE (in-sample seasonal naive
 * scale), MAPE and the absolute error of the horizon total per series, and
 * the mean MASE, median MAPE and mean total error per model. R's forecasts
 * are kept in bench/data/forecast-vs-r-cache.json, keyed by the training
 * points and horizon (TBATS takes minutes per series), so a rerun after a
 * change to Outlay's models costs seconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { forecast, mape, mase, mean, median, regularise, seasonalNaiveForecast, totalError } from '../src/analytics/forecast/index.ts';
import type { Grain } from '../src/analytics/forecast/index.ts';
import { readSeriesCsv } from '../src/cli/commands/series-csv.ts';
import { arg, machine } from './lib.ts';
import { buildRealSeries } from './real-series.ts';

const R_MODELS = ['ets', 'auto.arima', 'tbats'] as const;
const CACHE = join(import.meta.dirname, 'data', 'forecast-vs-r-cache.json');
const HORIZON: Record<Grain, number> = { hourly: 48, daily: 28, weekly: 8, monthly: 12 };
const PERIOD: Record<Grain, number> = { hourly: 24, daily: 7, weekly: 52, monthly: 12 };

/** R code: one task per line of the task file (id, grain, h, values file); prints "id<TAB>model<TAB>f1 f2 …". */
const R_SCRIPT = String.raw`
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
tasks <- read.table(args[1], sep = "\t", stringsAsFactors = FALSE)
for (i in seq_len(nrow(tasks))) {
  id <- tasks[i, 1]; grain <- tasks[i, 2]; h <- tasks[i, 3]
  y <- scan(tasks[i, 4], quiet = TRUE)
  m <- if (grain == "hourly") 24 else if (grain == "daily") 7 else 12
  periods <- if (grain == "hourly") c(24, 168) else if (grain == "daily") c(7, 365.25) else 12
  periods <- periods[length(y) >= 2 * periods]
  fits <- list(
    ets = function() forecast(ets(ts(y, frequency = m)), h = h)$mean,
    auto.arima = function() forecast(auto.arima(ts(y, frequency = m)), h = h)$mean,
    tbats = function() forecast(tbats(if (length(periods) > 1) msts(y, seasonal.periods = periods) else ts(y, frequency = m), use.parallel = FALSE), h = h)$mean
  )
  for (name in names(fits)) {
    f <- tryCatch(fits[[name]](), error = function(e) rep(NA, h))
    cat(id, "\t", name, "\t", paste(format(as.numeric(f), digits = 10), collapse = " "), "\n", sep = "")
  }
}
`;

interface Task { id: string; series: string; grain: Grain; train: number[]; actual: number[]; ts: Date[] }

/** Cache key of a task's R forecasts: what R sees and how it is called, not the file name. */
const keyOf = (t: Task): string => createHash('sha256').update(`${R_SCRIPT}|${t.grain}|${t.actual.length}|${t.train.join(',')}`).digest('hex');

/** R's forecasts for every task, from the cache where present; fits the rest and stores them. */
async function rForecastsFor(tasks: readonly Task[], jobs: number, useCache: boolean): Promise<{ forecasts: Map<string, number[]>; fitted: number }> {
  const cache: Record<string, number[]> = useCache && existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, number[]> : {};
  const missing = tasks.filter((t) => R_MODELS.some((m) => !cache[`${keyOf(t)}|${m}`]));
  if (missing.length > 0) {
    const fitted = await runR(missing, jobs);
    // Only forecasts R produced are kept: a failed fit is tried again next run.
    for (const t of missing) {
      for (const m of R_MODELS) {
        const f = fitted.get(`${t.id}|${m}`);
        if (f && f.length === t.actual.length && f.every(Number.isFinite)) cache[`${keyOf(t)}|${m}`] = f;
      }
    }
    mkdirSync(join(import.meta.dirname, 'data'), { recursive: true });
    writeFileSync(CACHE, JSON.stringify(cache));
  }
  return { forecasts: new Map(tasks.flatMap((t) => R_MODELS.map((m): [string, number[]] => [`${t.id}|${m}`, cache[`${keyOf(t)}|${m}`] ?? []]))), fitted: missing.length };
}

function csvFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.csv')).sort().map((f) => join(d, f)));
}

function tasksOf(file: string, origins: number, maxTrain: number): Task[] {
  const reg = regularise(readSeriesCsv(file));
  const h = HORIZON[reg.grain];
  const out: Task[] = [];
  for (let k = origins; k >= 1; k--) {
    const o = reg.values.length - k * h;
    if (o < 3 * PERIOD[reg.grain]) continue;
    const from = Math.max(0, o - maxTrain);
    out.push({
      id: `${basename(file, '.csv')}@${o}`, series: basename(file, '.csv'), grain: reg.grain,
      train: reg.values.slice(from, o), actual: reg.values.slice(o, o + h), ts: reg.timestamps.slice(from, o),
    });
  }
  return out;
}

/** Runs the R models on `jobs` Rscript processes; forecasts by task id and model. */
async function runR(tasks: readonly Task[], jobs: number): Promise<Map<string, number[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'outlay-vs-r-'));
  writeFileSync(join(dir, 'fit.R'), R_SCRIPT);
  const out = new Map<string, number[]>();
  const shards = Array.from({ length: jobs }, (_, j) => tasks.filter((_, i) => i % jobs === j));
  await Promise.all(shards.map((shard, j) => new Promise<void>((resolve, reject) => {
    const lines = shard.map((t, i) => {
      const values = join(dir, `v${j}-${i}.txt`);
      writeFileSync(values, t.train.join('\n'));
      return [t.id, t.grain, String(t.actual.length), values].join('\t');
    });
    writeFileSync(join(dir, `tasks${j}.tsv`), `${lines.join('\n')}\n`);
    const r = spawn('Rscript', [join(dir, 'fit.R'), join(dir, `tasks${j}.tsv`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    r.stdout.on('data', (b: Buffer) => { text += b.toString(); });
    r.on('error', reject);
    r.on('close', (code) => {
      if (code !== 0) { reject(new Error(`Rscript exited ${code}`)); return; }
      for (const line of text.split('\n').filter(Boolean)) {
        const [id, model, values] = line.split('\t');
        out.set(`${id}|${model}`, (values ?? '').trim().split(/\s+/).map(Number));
      }
      resolve();
    });
  })));
  rmSync(dir, { recursive: true, force: true });
  return out;
}

interface Score { mase: number[]; mape: number[]; total: number[] }

async function main(): Promise<void> {
  if (spawnSync('Rscript', ['-e', 'suppressMessages(library(forecast))']).status !== 0) {
    console.log('Rscript with the forecast package is not installed (apt-get install r-cran-forecast); nothing to compare');
    return;
  }
  const dirs = process.argv.flatMap((a, i) => (a === '--dir' ? [process.argv[i + 1]!] : []));
  if (dirs.length === 0) dirs.push(join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'series'));
  const sources = Object.fromEntries(['nab', 'prophet', 'bikes'].map((k) => [k, arg(k, '')]).filter(([, v]) => v !== ''));
  if (Object.keys(sources).length > 0) {
    const real = join(import.meta.dirname, 'data', 'real-series');
    console.log(`${buildRealSeries(real, sources)} real series written to ${real}`);
    dirs.push(real);
  }
  const files = csvFiles(dirs);
  const tasks = files.flatMap((f) => tasksOf(f, Number(arg('origins', '2')), Number(arg('max-train', '2016'))));
  const t0 = Date.now();
  const { forecasts: rForecasts, fitted } = await rForecastsFor(tasks, Number(arg('jobs', '2')), !process.argv.includes('--no-cache'));
  const rSeconds = (Date.now() - t0) / 1000;
  const models = ['outlay', 'snaive', ...R_MODELS];
  const perSeries = new Map<string, Map<string, Score>>();
  let ourSeconds = 0;
  for (const t of tasks) {
    const m = PERIOD[t.grain];
    const s0 = Date.now();
    const ours = forecast({ timestamps: t.ts, values: t.train }, { horizon: t.actual.length }).points.map((p) => p.value);
    ourSeconds += (Date.now() - s0) / 1000;
    const byModel: Record<string, number[] | undefined> = {
      outlay: ours, snaive: seasonalNaiveForecast(t.train, m, t.actual.length),
      ...Object.fromEntries(R_MODELS.map((r) => [r, rForecasts.get(`${t.id}|${r}`)])),
    };
    const scores = perSeries.get(t.series) ?? new Map<string, Score>();
    for (const model of models) {
      const f = byModel[model];
      if (!f || f.length !== t.actual.length || f.some((v) => !Number.isFinite(v))) continue;
      const s = scores.get(model) ?? { mase: [], mape: [], total: [] };
      s.mase.push(mase(t.actual, f, t.train, m)); s.mape.push(mape(t.actual, f)); s.total.push(Math.abs(totalError(t.actual, f)));
      scores.set(model, s);
    }
    perSeries.set(t.series, scores);
  }
  console.log(`machine: ${machine()}`);
  console.log(`${tasks.length} splits of ${perSeries.size} series; R fitted ${fitted} of them in ${rSeconds.toFixed(0)} s on ${arg('jobs', '2')} processes (the rest from its cache), Outlay ${ourSeconds.toFixed(0)} s on one thread`);
  console.log(`\nMASE per series (mean over its splits); * marks the best\n${'series'.padEnd(34)}${models.map((m) => m.padStart(11)).join('')}   outlay vs best of R`);
  const overall = new Map<string, { mase: number[]; mape: number[]; total: number[] }>(models.map((m) => [m, { mase: [], mape: [], total: [] }]));
  let wins = 0;
  const skipped: string[] = [];
  const splits = new Map<string, number>();
  for (const t of tasks) splits.set(t.series, (splits.get(t.series) ?? 0) + 1);
  for (const [series, scores] of perSeries) {
    const m = new Map([...scores].map(([k, s]) => [k, mean(s.mase)]));
    const best = Math.min(...m.values());
    const bestR = Math.min(...R_MODELS.map((r) => m.get(r) ?? Infinity));
    const ours = m.get('outlay') ?? NaN;
    if (ours < bestR) wins++;
    console.log(`${series.padEnd(34)}${models.map((k) => `${m.get(k)?.toFixed(3) ?? '-'}${m.get(k) === best ? '*' : ' '}`.padStart(11)).join('')}   ${(ours / bestR).toFixed(3)}`);
    // The overall figures compare models on the same series: only those every model forecast at every split.
    const complete = models.every((k) => scores.get(k)?.mase.length === splits.get(series));
    if (!complete) { skipped.push(series); continue; }
    for (const [k, s] of scores) {
      const o = overall.get(k)!;
      o.mase.push(mean(s.mase)); o.mape.push(mean(s.mape)); o.total.push(mean(s.total));
    }
  }
  if (skipped.length > 0) console.log(`(left out of the overall figures, some model produced no forecast: ${skipped.join(', ')})`);
  console.log(`\nOutlay beats the best R model on MASE on ${wins} of ${perSeries.size} series`);
  console.log(`\nMAPE % per series (mean over its splits)\n${'series'.padEnd(34)}${models.map((m) => m.padStart(11)).join('')}`);
  for (const [series, scores] of perSeries) console.log(`${series.padEnd(34)}${models.map((k) => (scores.get(k) ? mean(scores.get(k)!.mape).toFixed(2) : '-').padStart(11)).join('')}`);
  console.log('\nover series: mean MASE, median MAPE %, mean |horizon-total error| %');
  for (const [k, o] of overall) {
    console.log(`${k.padEnd(12)} MASE ${mean(o.mase).toFixed(3)}  median MAPE ${median(o.mape.filter(Number.isFinite)).toFixed(2).padStart(6)}  total ${mean(o.total).toFixed(2).padStart(6)}  (${o.mase.length} series)`);
  }
}

await main();

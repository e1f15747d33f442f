/**
 * Forecast benchmark: backtests every model on every real fixture series
 * and the demo organisation's daily team series (generated on the fly when
 * src/demo is present), then times
 * model selection on 1,000 synthetic daily series of two years on two
 * worker threads. Run: npx tsx bench/forecast.ts [--speed-only|--accuracy-only]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { backtest, forecast, median, projectPeriodTotal } from '../src/analytics/forecast/index.ts';
import type { BacktestResult, Series } from '../src/analytics/forecast/index.ts';
import { readSeriesCsv } from '../src/cli/commands/series-csv.ts';
import { demoTeamSeries } from './demo-series.ts';

const FIXTURES = '/work/shared/fixtures/series';
const DAY = 86_400_000;

function horizonFor(file: string): number {
  return file.startsWith('hourly') ? 48 : file.startsWith('monthly') ? 12 : 14;
}

function csvFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f)) : [];
}

async function accuracy(): Promise<void> {
  const inputs: Array<{ name: string; series: Series }> = csvFiles(FIXTURES).map((f) => ({ name: f.split('/').pop()!.replace('.csv', ''), series: readSeriesCsv(f) }));
  const demo = await demoTeamSeries();
  if (demo) inputs.push(...demo.map((t) => ({ name: `daily_demo_team_${t.team}`, series: t.series })));
  else console.log('(demo organisation not in this checkout: its daily team series are skipped)');
  const perModel = new Map<string, { mape: number[]; mase: number[]; total: number[] }>();
  console.log('\nMASE per series (3 rolling origins, non-overlapping test windows at the end)');
  const models = ['seasonal_naive', 'seasonal_naive_168', 'ets', 'theta', 'regression', 'harmonic', 'seasonal_ar', 'seasonal_arima', 'ets_double_seasonal', 'median_all', 'auto'];
  const label: Record<string, string> = { seasonal_naive: 'snaive', seasonal_naive_168: 'snaive_168', seasonal_ar: 'sar', seasonal_arima: 'sarima', ets_double_seasonal: 'ets_2season' };
  console.log(['series'.padEnd(36), 'h', ...models.map((m) => (label[m] ?? m).padStart(11)), '  auto/snaive'].join(' '));
  const cover = { p80: 0, p95: 0, n: 0 };
  const demoMape: Array<{ name: string; mape: number }> = [];
  for (const { name, series } of inputs) {
    const r: BacktestResult = backtest(series, { horizon: horizonFor(name), origins: 3 });
    if (name.startsWith('daily_demo')) demoMape.push({ name, mape: r.models.find((x) => x.model === 'auto')?.mape ?? NaN });
    const points = r.origins.length * r.horizon;
    cover.p80 += r.coverage.p80 * points; cover.p95 += r.coverage.p95 * points; cover.n += points;
    const get = (m: string) => r.models.find((x) => x.model === m);
    for (const s of r.models) {
      const acc = perModel.get(s.model) ?? { mape: [], mase: [], total: [] };
      acc.mape.push(s.mape); acc.mase.push(s.mase); acc.total.push(s.totalError);
      perModel.set(s.model, acc);
    }
    const ratio = (get('auto')?.mase ?? NaN) / (get('seasonal_naive')?.mase ?? NaN);
    console.log([name.padEnd(36), String(r.horizon), ...models.map((m) => (get(m)?.mase.toFixed(3) ?? '-').padStart(11)), `  ${ratio.toFixed(3)}${ratio < 1 ? '' : '  <-- not better'}`].join(' '));
  }
  if (demo) demoReport(demoMape, demo.map((t) => ({ name: `daily_demo_team_${t.team}`, series: t.series })));
  console.log(`\nprediction intervals of auto over all held-out points of these series: 80 % interval covers ${((100 * cover.p80) / cover.n).toFixed(1)} %, 95 % interval covers ${((100 * cover.p95) / cover.n).toFixed(1)} %`);
  syntheticAccuracy(perModel);
  console.log('\nover series: mean MAPE %, median MAPE %, mean MASE, mean |horizon-total error| %');
  for (const [m, a] of perModel) console.log(`${m.padEnd(22)} MAPE ${mean(a.mape).toFixed(2).padStart(7)}  median ${median(a.mape.filter(Number.isFinite)).toFixed(2).padStart(6)}  MASE ${mean(a.mase).toFixed(3)}  total ${mean(a.total).toFixed(2).padStart(6)}  (${a.mase.length} series)`);
}

/**
 * The demo targets: auto's MAPE over the 14-day backtest windows, and
 * the month-total error on each of the last three complete calendar months,
 * projected twice as a budget owner would: on the 1st (nothing of the month
 * known, the whole month forecast) and after the 15th (actuals to date plus
 * the forecast of the rest, projectPeriodTotal).
 */
function demoReport(mapes: Array<{ name: string; mape: number }>, teams: Array<{ name: string; series: Series }>): void {
  console.log('\ndemo organisation, daily cost per team: auto MAPE (3 x 14-day windows) and |month-total error| % over the last 3 complete months');
  console.log(`${'series'.padEnd(36)} ${'MAPE %'.padStart(7)} ${'from 1st'.padStart(9)} ${'from 15th'.padStart(9)}`);
  const fromStart: number[] = [];
  const fromMid: number[] = [];
  for (const { name, series } of teams) {
    const errs = monthTotalErrors(series);
    fromStart.push(...errs.start);
    fromMid.push(...errs.mid);
    const mape = mapes.find((m) => m.name === name)?.mape ?? NaN;
    console.log(`${name.padEnd(36)} ${mape.toFixed(2).padStart(7)} ${mean(errs.start).toFixed(2).padStart(9)} ${mean(errs.mid).toFixed(2).padStart(9)}`);
  }
  console.log(`${'mean over teams'.padEnd(36)} ${mean(mapes.map((m) => m.mape)).toFixed(2).padStart(7)} ${mean(fromStart).toFixed(2).padStart(9)} ${mean(fromMid).toFixed(2).padStart(9)}   (targets: MAPE < 8, month-total error < 3)`);
}

/** Absolute month-total errors (percent) for the last three complete months, projected from the 1st and from the 15th. */
function monthTotalErrors(series: Series): { start: number[]; mid: number[] } {
  const last = series.timestamps[series.timestamps.length - 1]!;
  const start: number[] = [];
  const mid: number[] = [];
  for (let back = 3; back >= 1; back--) {
    // A month is complete when the series reaches its last day.
    const lastFull = new Date(last.getTime() + DAY).getUTCDate() === 1 ? 0 : 1;
    const m0 = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - back - lastFull + 1, 1);
    const m1 = Date.UTC(new Date(m0).getUTCFullYear(), new Date(m0).getUTCMonth() + 1, 1);
    const before = (t: number) => ({ timestamps: series.timestamps.filter((d) => d.getTime() < t), values: series.values.filter((_, i) => series.timestamps[i]!.getTime() < t) });
    const actual = series.values.filter((_, i) => series.timestamps[i]!.getTime() >= m0 && series.timestamps[i]!.getTime() < m1).reduce((a, v) => a + v, 0);
    const whole = forecast(before(m0), { horizon: Math.round((m1 - m0) / DAY) }).points.reduce((a, p) => a + p.value, 0);
    start.push((100 * Math.abs(whole - actual)) / actual);
    const projected = projectPeriodTotal(before(m0 + 15 * DAY), 'month').total;
    mid.push((100 * Math.abs(projected - actual)) / actual);
  }
  return { start, mid };
}

const mean = (xs: number[]) => { const ok = xs.filter(Number.isFinite); return ok.reduce((s, v) => s + v, 0) / ok.length; };

/** Daily cost-shaped series: 50 synthetic ones (the demo organisation's stand-in), horizon 14. */
function syntheticAccuracy(perModel: Map<string, { mape: number[]; mase: number[]; total: number[] }>): void {
  const wins: number[] = [];
  for (let i = 0; i < 50; i++) {
    const r = backtest(synthetic(10_000 + i), { horizon: 14, origins: 3 });
    for (const s of r.models) {
      const acc = perModel.get(`daily-synthetic ${s.model}`) ?? { mape: [], mase: [], total: [] };
      acc.mape.push(s.mape); acc.mase.push(s.mase); acc.total.push(s.totalError);
      perModel.set(`daily-synthetic ${s.model}`, acc);
    }
    const g = (m: string) => r.models.find((x) => x.model === m)?.mase ?? NaN;
    wins.push(g('auto') < g('seasonal_naive') ? 1 : 0);
  }
  console.log(`\n50 synthetic daily spend series (2 years, weekly shape, growth, 30 % with a level shift, 10 % with zero weekends), horizon 14: auto beats seasonal naive MASE on ${wins.reduce((s, v) => s + v, 0)}/50`);
}

/** Synthetic two-year daily spend: level, growth, weekly shape, noise, sometimes a level shift or zero days. */
function synthetic(seed: number): Series {
  let s = seed * 9301 + 49297;
  const rnd = () => { s = (s * 233280 + 49297) % 2147483647; return s / 2147483647; };
  const level = 50 + 1000 * rnd();
  const growth = (rnd() - 0.3) * 0.002;
  const week = Array.from({ length: 7 }, (_, d) => (d >= 5 ? 0.4 + 0.4 * rnd() : 0.9 + 0.2 * rnd()));
  const shiftAt = rnd() < 0.3 ? Math.floor(365 + 300 * rnd()) : Infinity;
  const zeros = rnd() < 0.1;
  const values = Array.from({ length: 730 }, (_, i) => {
    if (zeros && i % 7 >= 5) return 0;
    const base = level * (1 + growth * i) * (i >= shiftAt ? 1.5 : 1) * week[i % 7]!;
    return Math.max(0, base * (1 + 0.1 * (rnd() - 0.5) * 2));
  });
  return { timestamps: values.map((_, i) => new Date(Date.UTC(2023, 0, 2) + i * DAY)), values };
}

function runSlice(from: number, to: number): Record<string, number> {
  const chosen: Record<string, number> = {};
  for (let i = from; i < to; i++) {
    // "combination(ets,theta,seasonal_arima)[+last_year]": count each member (and the move by last year), so the line shows which families carry the forecasts.
    const model = forecast(synthetic(i), { horizon: 30 }).model;
    const combined = /^combination\((.*)\)(\+last_year)?$/.exec(model);
    const members = combined ? [...combined[1]!.split(','), ...(combined[2] ? ['last_year'] : [])] : [model.split(':')[0]!];
    for (const m of members) chosen[m] = (chosen[m] ?? 0) + 1;
  }
  return chosen;
}

async function speed(count = 1000, threads = 2): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const per = Math.ceil(count / threads);
  const results = await Promise.all(Array.from({ length: threads }, (_, k) => new Promise<Record<string, number>>((resolve, reject) => {
    // Node 20 workers ignore --import loaders for their entry, so register tsx first, as bin/outlay.js does.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const w = new Worker(boot, { eval: true, workerData: { from: k * per, to: Math.min(count, (k + 1) * per) } });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const chosen: Record<string, number> = {};
  for (const r of results) for (const [m, c] of Object.entries(r)) chosen[m] = (chosen[m] ?? 0) + c;
  console.log(`\nspeed: ${count} daily series x 730 points, horizon 30, full model selection, ${threads} worker threads: ${secs.toFixed(1)} s (${((secs * 1000 * threads) / count).toFixed(1)} ms per series per thread; load average now ${loadavg()[0]!.toFixed(1)})`);
  // CPU time counts both worker threads and does not grow when other jobs share the cores.
  console.log(`CPU time ${cpuSecs.toFixed(1)} s in all threads = ${(cpuSecs / threads).toFixed(1)} s of wall time on ${threads} dedicated cores`);
  console.log(`families in the chosen forecasts (a combination counts each member): ${JSON.stringify(chosen)}`);
}

if (!isMainThread) {
  const { from, to } = workerData as { from: number; to: number };
  parentPort!.postMessage(runSlice(from, to));
} else {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores visible, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine slows timings)`);
  if (!process.argv.includes('--speed-only')) await accuracy();
  if (!process.argv.includes('--accuracy-only')) await speed();
}

/**
 * Forecasts of series finer than an hour, as `outlay forecast --input` makes
 * them, on NAB's real metrics (5-minute CloudWatch, ad exchange, traffic and
 * known-cause series; github.com/numenta/NAB, MIT): the last 3 days of each
 * series held out a day at a time, `auto` against seasonal naive one day of
 * slots back, both scored at the series' own spacing.
 *
 *   npx tsx bench/sub-hourly-forecast.ts --nab <numenta/NAB checkout>
 */
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { backtest, isSubHourly, mean, medianSpacing, subHourlyStep } from '../src/analytics/forecast/index.ts';
import { readSeriesCsv } from '../src/cli/commands/series-csv.ts';
import { arg, machine } from './lib.ts';

const root = arg('nab', '');
if (!root || !existsSync(`${root}/data`)) {
  console.log('give --nab <numenta/NAB checkout> to run this benchmark');
  process.exit(0);
}
console.log(`machine: ${machine()}, load average ${loadavg()[0]!.toFixed(1)}`);
console.log('series                                        step  points  MASE auto  MASE snaive  MAPE auto  MAPE snaive');
const rows: Array<{ auto: number; naive: number; autoMape: number; naiveMape: number }> = [];
const t0 = Date.now();
for (const dir of ['realAWSCloudwatch', 'realAdExchange', 'realTraffic', 'realKnownCause']) {
  for (const f of readdirSync(`${root}/data/${dir}`).filter((x) => x.endsWith('.csv')).sort()) {
    const s = readSeriesCsv(`${root}/data/${dir}/${f}`);
    const spacing = medianSpacing(s.timestamps);
    if (!isSubHourly(spacing)) continue;
    const step = subHourlyStep(spacing);
    const horizon = Math.round(86_400_000 / step);
    if (s.values.length < horizon * 6) continue;
    const r = backtest(s, { horizon, origins: 3 });
    const get = (m: string) => r.models.find((x) => x.model === m)!;
    const row = { auto: get('auto').mase, naive: get('seasonal_naive').mase, autoMape: get('auto').mape, naiveMape: get('seasonal_naive').mape };
    rows.push(row);
    console.log(`${`${dir}/${f}`.padEnd(44)} ${String(step / 60_000).padStart(4)}m ${String(s.values.length).padStart(7)} ${row.auto.toFixed(3).padStart(10)} ${row.naive.toFixed(3).padStart(12)} ${row.autoMape.toFixed(1).padStart(10)} ${row.naiveMape.toFixed(1).padStart(12)}`);
  }
}
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };
console.log(`\n${rows.length} series: auto beats seasonal naive on MASE on ${rows.filter((r) => r.auto < r.naive).length}; mean MASE auto ${mean(rows.map((r) => r.auto)).toFixed(3)} vs ${mean(rows.map((r) => r.naive)).toFixed(3)}; median MAPE auto ${median(rows.map((r) => r.autoMape)).toFixed(1)} % vs ${median(rows.map((r) => r.naiveMape)).toFixed(1)} %; ${((Date.now() - t0) / 1000).toFixed(0)} s`);

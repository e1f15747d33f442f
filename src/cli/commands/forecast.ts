/**
 * `outlay forecast --input <csv> --horizon <n>`,
 * `outlay forecast backtest --input <csv>…`, and without `--input` any
 * cost-explorer query (forecast-query.ts). With `--input`, JSON mode keeps
 * stdout to the exact array and reports the chosen model on stderr.
 */
import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
import { HOUR, backtest, forecast, formatTimestamp, inferGrain, isSubHourly, medianSpacing, subHourlyStep } from '../../analytics/forecast/index.ts';
import type { BacktestResult, ForecastResult } from '../../analytics/forecast/index.ts';
import { formatOption, readSeriesCsv, round, table } from './series-csv.ts';
import { parseFormat } from '../output.ts';
import { positiveInt } from '../options.ts';
import { forecastQuery, type ForecastQueryFlags } from './forecast-query.ts';

/** "hourly", or "5 minutes" for a sub-hourly series. */
const grainText = (r: { grain: string; stepMs?: number }): string => (r.stepMs ? `${r.stepMs / 60_000} minutes` : r.grain);

function printForecast(res: ForecastResult, fmt: 'json' | 'table'): void {
  const rows = res.points.map((p) => ({
    timestamp: formatTimestamp(p.timestamp, res.grain),
    value: round(p.value), lo80: round(p.lo80), hi80: round(p.hi80), lo95: round(p.lo95), hi95: round(p.hi95),
  }));
  if (fmt === 'json') {
    process.stderr.write(`model: ${res.model}\n`);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  process.stdout.write(`model: ${res.model} (grain ${grainText(res)})\n`);
  const cells = rows.map((r) => [r.timestamp, ...[r.value, r.lo80, r.hi80, r.lo95, r.hi95].map((v) => v.toFixed(2))]);
  process.stdout.write(`${table(['timestamp', 'value', 'lo80', 'hi80', 'lo95', 'hi95'], cells)}\n`);
}

function fmtNum(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : 'n/a';
}

function printBacktests(results: Array<{ file: string; result: BacktestResult }>, fmt: 'json' | 'table'): void {
  if (fmt === 'json') {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const overall = new Map<string, { mape: number[]; smape: number[]; mase: number[]; total: number[] }>();
  for (const { file, result } of results) {
    process.stdout.write(`\n${file} (${grainText(result)}, horizon ${result.horizon}, ${result.origins.length} origins, MASE period ${result.period})\n`);
    const cells = result.models.map((m) => [m.model, fmtNum(m.mape), fmtNum(m.smape), fmtNum(m.mase), fmtNum(m.totalError)]);
    process.stdout.write(`${table(['model', 'MAPE%', 'sMAPE%', 'MASE', '|total err|%'], cells)}\n`);
    for (const m of result.models) {
      const o = overall.get(m.model) ?? { mape: [], smape: [], mase: [], total: [] };
      o.mape.push(m.mape); o.smape.push(m.smape); o.mase.push(m.mase); o.total.push(m.totalError);
      overall.set(m.model, o);
    }
  }
  const avg = (xs: number[]) => { const ok = xs.filter(Number.isFinite); return ok.length ? ok.reduce((s, v) => s + v, 0) / ok.length : Number.NaN; };
  process.stdout.write(`\noverall (mean over ${results.length} series)\n`);
  const cells = [...overall.entries()].map(([model, o]) => [model, fmtNum(avg(o.mape)), fmtNum(avg(o.smape)), fmtNum(avg(o.mase)), fmtNum(avg(o.total))]);
  process.stdout.write(`${table(['model', 'MAPE%', 'sMAPE%', 'MASE', '|total err|%'], cells)}\n`);
}

interface ForecastCliOptions extends ForecastQueryFlags {
  input?: string[];
  horizon?: number;
  origins: number;
  format: string;
}

/** --input files print json or table as they always have (csv is refused there with the old message). */
function csvFormat(opts: ForecastCliOptions): ForecastCliOptions & { format: 'json' | 'table' } {
  return { ...opts, format: formatOption(opts.format) };
}

/**
 * One command with an optional `backtest` argument rather than a commander
 * sub-command: the program does not use positional options, so a parent
 * `--input` would swallow a sub-command's `--input`.
 */
export function register(program: Command): void {
  program
    .command('forecast')
    .description('forecast cost-explorer series from the store (one per group; --month-end/--quarter-end projections) or a timestamp,value CSV (--input), with 80/95 % intervals (model chosen by rolling-origin CV); "forecast backtest" scores every model against seasonal naive')
    .argument('[mode]', 'omit to forecast; "backtest" for a rolling-origin evaluation (MAPE, sMAPE, MASE, horizon-total error)')
    .option('--input <csv...>', 'CSV with a header and two columns: timestamp (date or date-time, UTC) and value; backtest takes several')
    .option('--horizon <n>', 'number of future points (grain inferred from the timestamps); backtest default: 7 daily, 24 hourly, 12 monthly, a day of points for finer series', positiveInt('horizon'))
    .option('--origins <n>', 'backtest: number of test windows at the end of each series', positiveInt('origins'), 3)
    .option('--format <format>', 'table or json; without --input also csv', 'table')
    .option('-g, --group-by <dims>', 'without --input: one series per value of these dimensions (team, project, service, model, gpu_type …); default the total')
    .option('-m, --measure <measure>', 'without --input: one measure (billed, effective, gpu_hours, tokens …)', 'billed')
    .option('-f, --filter <dim=value>', 'without --input: filter (repeatable), as in outlay query', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--from <date>', 'without --input: history start (inclusive, UTC)')
    .option('--to <date>', 'without --input: history end (exclusive, UTC)')
    .option('--grain <grain>', 'without --input: day or hour', 'day')
    .option('--month-end', 'without --input: project each series\' total for the month of its last point')
    .option('--quarter-end', 'without --input: project each series\' total for the quarter of its last point')
    .action(async (mode: string | undefined, opts: ForecastCliOptions, cmd: Command) => {
      const inputs = opts.input ?? [];
      if (inputs.length === 0 && mode === undefined) return forecastQuery(cmd, opts, parseFormat(opts.format));
      if (inputs.length === 0) throw new OutlayError('INPUT_INVALID', 'forecast needs --input <csv>', { field: 'input' });
      const csvOpts = csvFormat(opts);
      if (mode === 'backtest') return runBacktests(inputs, csvOpts);
      if (mode !== undefined) throw new OutlayError('INPUT_INVALID', `unknown forecast mode "${mode}" (want nothing or "backtest")`, { field: 'mode' });
      if (inputs.length > 1) throw new OutlayError('INPUT_INVALID', 'forecast takes one --input file (backtest takes several)', { field: 'input' });
      if (!opts.horizon) throw new OutlayError('INPUT_INVALID', 'forecast needs --horizon <n>', { field: 'horizon' });
      printForecast(forecast(readSeriesCsv(inputs[0]!), { horizon: opts.horizon }), csvOpts.format);
    });
}

function runBacktests(inputs: readonly string[], opts: ForecastCliOptions & { format: 'json' | 'table' }): void {
  const results = inputs.map((file) => {
    const series = readSeriesCsv(file);
    const horizon = opts.horizon ?? defaultHorizon(series.timestamps);
    return { file, result: backtest(series, { horizon, origins: opts.origins }) };
  });
  printBacktests(results, opts.format);
}

/** One day ahead for hourly and finer data, a week for daily, a year for monthly. */
function defaultHorizon(ts: readonly Date[]): number {
  const spacing = medianSpacing(ts);
  if (ts.length > 1 && isSubHourly(spacing)) return Math.round((24 * HOUR) / subHourlyStep(spacing));
  const grain = inferGrain([...ts].sort((a, b) => a.getTime() - b.getTime()));
  return grain === 'hourly' ? 24 : grain === 'daily' ? 7 : 12;
}

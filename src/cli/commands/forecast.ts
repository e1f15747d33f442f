/**
 * `outlay forecast --input <csv> --horizon <n>`,
 * `outlay forecast backtest --input <csv>…`, and without `--input` any
 * cost-explorer query (forecast-query.ts). The --input work lives in
 * forecast-csv.ts; each is loaded when the action runs.
 */
import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
import { formatOption } from './series-csv.ts';
import { parseFormat } from '../output.ts';
import { positiveInt } from '../options.ts';
import type { ForecastQueryFlags } from './forecast-query.ts';

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
    .option('--horizon <n>', 'number of future points (grain inferred from the timestamps: hourly, daily, weekly or monthly); backtest default: 7 daily, 24 hourly, 8 weekly, 12 monthly, a day of points for finer series', positiveInt('horizon'))
    .option('--origins <n>', 'backtest: number of test windows at the end of each series', positiveInt('origins'), 3)
    .option('--format <format>', 'table or json; without --input also csv', 'table')
    .option('-g, --group-by <dims>', 'without --input: one series per value of these dimensions (team, project, service, model, gpu_type …); default the total')
    .option('-m, --measure <measure>', 'without --input: one measure (billed, effective, gpu_hours, tokens …)', 'billed')
    .option('-f, --filter <dim=value>', 'without --input: filter (repeatable), as in outlay query', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--from <date>', 'without --input: history start (inclusive, UTC)')
    .option('--to <date>', 'without --input: history end (exclusive, UTC)')
    .option('--grain <grain>', 'without --input: day, week (Monday to Sunday, UTC, as in outlay query) or hour', 'day')
    .option('--month-end', 'without --input: project each series\' total for the month of its last point (with --grain week, from the same query by day)')
    .option('--quarter-end', 'without --input: project each series\' total for the quarter of its last point')
    .action(async (mode: string | undefined, opts: ForecastCliOptions, cmd: Command) => {
      const inputs = opts.input ?? [];
      if (inputs.length === 0 && mode === undefined) {
        const format = parseFormat(opts.format);
        const { forecastQuery } = await import('./forecast-query.ts');
        return forecastQuery(cmd, opts, format);
      }
      if (inputs.length === 0) throw new OutlayError('INPUT_INVALID', 'forecast needs --input <csv>', { field: 'input' });
      const csvOpts = csvFormat(opts);
      if (mode === 'backtest') return (await import('./forecast-csv.ts')).runBacktests(inputs, csvOpts);
      if (mode !== undefined) throw new OutlayError('INPUT_INVALID', `unknown forecast mode "${mode}" (want nothing or "backtest")`, { field: 'mode' });
      if (inputs.length > 1) throw new OutlayError('INPUT_INVALID', 'forecast takes one --input file (backtest takes several)', { field: 'input' });
      if (!opts.horizon) throw new OutlayError('INPUT_INVALID', 'forecast needs --horizon <n>', { field: 'horizon' });
      (await import('./forecast-csv.ts')).printCsvForecast(inputs[0]!, opts.horizon, csvOpts.format);
    });
}

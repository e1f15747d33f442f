/**
 * `outlay anomalies`: the command and its options. The store-backed actions
 * (scan, list, ack, resolve, false-positive, settings) live in
 * anomalies-store.ts and the --input report in anomalies-csv.ts, each loaded
 * when its action runs.
 */
import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
import { formatOption } from './series-csv.ts';
import { positiveInt } from '../options.ts';
import type { StoreFlags } from './anomalies-store.ts';

interface AnomaliesCliOptions extends StoreFlags {
  input?: string;
}

function positiveNumber(name: string, allowZero: boolean) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
      throw new OutlayError('INPUT_INVALID', `--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${v}"`, { field: name });
    }
    return n;
  };
}

export function register(program: Command): void {
  program
    .command('anomalies')
    .description('find spikes, level shifts and drifts in a timestamp,value CSV series (--input) or scan the store (scan), and manage the stored incidents (list, ack, resolve, false-positive, settings); each point judged from the past only, one alert per incident')
    .argument('[action]', 'scan | list (the default) | ack <id> | resolve <id> | false-positive <id> | settings; omit with --input')
    .argument('[id]', 'incident id for ack, resolve and false-positive')
    .option('--input <csv>', 'CSV with a header and two columns: timestamp (date or date-time, UTC) and value, spaced sub-hourly, hourly, daily or monthly (weekly series are refused)')
    .option('--format <format>', 'json or table', formatOption, 'table')
    .option('--sensitivity <x>', 'above 1 flags more, below 1 fewer (default 1)', positiveNumber('sensitivity', false))
    .option('--min-impact <x>', 'hide incidents whose absolute impact (sum of actual − expected) is below x (scan default 100)', positiveNumber('min-impact', true))
    .option('--grain <grain>', 'scan: day or hour', 'day')
    .option('--dimensions <dims>', 'scan: dimensions scanned value by value after the total (default team,project,service,model)')
    .option('--measure <measure>', 'scan: one measure (default effective)')
    .option('--holidays <dates>', 'scan: comma-separated UTC days when unusual spend is expected (no alerts; not learnt as normal)')
    .option('-f, --filter <dim=value>', 'scan: cost-explorer filter (repeatable; without a charge_category filter only Usage charges are scanned)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--from <date>', 'scan: history start (inclusive, UTC; default all for day, the last 8 weeks for hour)')
    .option('--to <date>', 'scan: history end (exclusive, UTC)')
    .option('--top <n>', 'scan: values scanned per dimension and currency, largest first (default 50)', positiveInt('top'))
    .option('--status <status>', 'list: open, acknowledged, resolved or false_positive')
    .option('--limit <n>', 'list: at most n incidents (default 100)', positiveInt('limit'))
    .option('--note <text>', 'ack, resolve, false-positive: why')
    .option('--scope <scope>', 'settings: total or <dimension>=<value>, e.g. team=search')
    .action(async (action: string | undefined, id: string | undefined, opts: AnomaliesCliOptions, cmd: Command) => {
      // Checked here, not in the option parser, so the detector loads only when a command runs; a scope's
      // stored setting past the bound would make every later scan fail.
      const { MAX_SENSITIVITY } = opts.sensitivity === undefined ? { MAX_SENSITIVITY: Infinity } : await import('../../analytics/anomaly/index.ts');
      if (opts.sensitivity !== undefined && opts.sensitivity > MAX_SENSITIVITY) {
        throw new OutlayError('INPUT_INVALID', `--sensitivity must be at most ${MAX_SENSITIVITY}, got ${opts.sensitivity}`, { field: 'sensitivity', value: String(opts.sensitivity) });
      }
      // Bare `outlay anomalies` lists the stored incidents.
      if (action !== undefined || !opts.input) {
        const { runStoreAction } = await import('./anomalies-store.ts');
        return runStoreAction(cmd, action ?? 'list', id, opts);
      }
      const { printCsvAnomalies } = await import('./anomalies-csv.ts');
      printCsvAnomalies(opts.input, opts);
    });
}

/**
 * `outlay anomalies --input <csv>`: one line (or JSON object) per incident,
 * at its onset, with expected vs actual, impact, score and severity. The
 * store-backed actions (scan, list, ack, resolve, false-positive, settings)
 * live in anomalies-store.ts.
 */
import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
import { detectAnomalies } from '../../analytics/anomaly/index.ts';
import type { Anomaly } from '../../analytics/anomaly/index.ts';
import { formatTimestamp } from '../../analytics/forecast/index.ts';
import type { Grain } from '../../analytics/forecast/index.ts';
import { formatOption, readSeriesCsv, round, table } from './series-csv.ts';
import { runStoreAction, type StoreFlags } from './anomalies-store.ts';

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

function toJson(a: Anomaly, grain: Grain) {
  return {
    timestamp: formatTimestamp(a.timestamp, grain),
    end: a.end ? formatTimestamp(a.end, grain) : null,
    detectedAt: formatTimestamp(a.detectedAt, grain),
    status: a.status,
    kind: a.kind,
    direction: a.direction,
    expected: round(a.expected),
    actual: round(a.actual),
    impact: round(a.impact),
    score: round(a.score, 3),
    severity: a.severity,
    points: a.points,
  };
}

export function register(program: Command): void {
  program
    .command('anomalies')
    .description('find spikes, level shifts and drifts in a timestamp,value CSV series (--input) or scan the store (scan), and manage the stored incidents (list, ack, resolve, false-positive, settings); each point judged from the past only, one alert per incident')
    .argument('[action]', 'scan | list (the default) | ack <id> | resolve <id> | false-positive <id> | settings; omit with --input')
    .argument('[id]', 'incident id for ack, resolve and false-positive')
    .option('--input <csv>', 'CSV with a header and two columns: timestamp (date or date-time, UTC) and value')
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
    .option('--top <n>', 'scan: values scanned per dimension, largest first (default 50)', positiveNumber('top', false))
    .option('--status <status>', 'list: open, acknowledged, resolved or false_positive')
    .option('--limit <n>', 'list: at most n incidents (default 100)', positiveNumber('limit', false))
    .option('--note <text>', 'ack, resolve, false-positive: why')
    .option('--scope <scope>', 'settings: total or <dimension>=<value>, e.g. team=search')
    .action((action: string | undefined, id: string | undefined, opts: AnomaliesCliOptions, cmd: Command) => {
      if (action !== undefined) return runStoreAction(cmd, action, id, opts);
      // Bare `outlay anomalies` lists the stored incidents.
      if (!opts.input) return runStoreAction(cmd, 'list', id, opts);
      const res = detectAnomalies(readSeriesCsv(opts.input), { sensitivity: opts.sensitivity, minImpact: opts.minImpact });
      const grain = res.grain;
      const rows = res.anomalies.map((a) => toJson(a, grain));
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write(`no anomalies in ${res.values.length} ${grain} points\n`);
        return;
      }
      const cells = rows.map((r) => [r.timestamp, r.end ?? r.status, r.kind, r.direction, r.expected.toFixed(2), r.actual.toFixed(2), r.impact.toFixed(2), r.score.toFixed(1), r.severity]);
      process.stdout.write(`${table(['onset', 'end', 'kind', 'dir', 'expected', 'actual', 'impact', 'score', 'severity'], cells)}\n`);
    });
}

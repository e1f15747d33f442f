/**
 * `outlay anomalies --input <csv>`: one line (or JSON object) per incident,
 * at its onset, with expected vs actual, impact, score and severity.
 */
import type { Command } from 'commander';
import { OutlayError } from '../../core/index.ts';
import { detectAnomalies } from '../../analytics/anomaly/index.ts';
import type { Anomaly } from '../../analytics/anomaly/index.ts';
import { formatTimestamp } from '../../analytics/forecast/index.ts';
import type { Grain } from '../../analytics/forecast/index.ts';
import { formatOption, readSeriesCsv, round, table } from './series-csv.ts';

interface AnomaliesCliOptions {
  input?: string;
  format: 'json' | 'table';
  sensitivity?: number;
  minImpact?: number;
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
    .description('find spikes, level shifts and drifts in a timestamp,value CSV series (each point judged from the past only; one alert per incident)')
    .option('--input <csv>', 'CSV with a header and two columns: timestamp (date or date-time, UTC) and value')
    .option('--format <format>', 'json or table', formatOption, 'table')
    .option('--sensitivity <x>', 'above 1 flags more, below 1 fewer (default 1)', positiveNumber('sensitivity', false))
    .option('--min-impact <x>', 'hide incidents whose absolute impact (sum of actual − expected) is below x', positiveNumber('min-impact', true))
    .action((opts: AnomaliesCliOptions) => {
      if (!opts.input) throw new OutlayError('INPUT_INVALID', 'anomalies needs --input <csv>', { field: 'input' });
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

/**
 * `outlay anomalies --input <csv>`: one line (or JSON object) per incident
 * found in a timestamp,value series, at its onset.
 */
import { detectAnomalies } from '../../analytics/anomaly/index.ts';
import type { Anomaly } from '../../analytics/anomaly/index.ts';
import { formatTimestamp } from '../../analytics/forecast/index.ts';
import type { Grain } from '../../analytics/forecast/index.ts';
import { forFile, readSeriesCsv, round, table } from './series-csv.ts';

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

/** Why a short series has no verdict: the detector's warm-up counts from the first non-zero point. */
const WARM_UP = 'the first points from the first spend are learnt as history (two weeks of daily data, two days of hourly, a quarter of a day of finer data, two years of monthly)';

export function printCsvAnomalies(input: string, opts: { format: 'json' | 'table'; sensitivity?: number; minImpact?: number }): void {
  const series = readSeriesCsv(input);
  const res = forFile(input, () => detectAnomalies(series, { sensitivity: opts.sensitivity, minImpact: opts.minImpact }));
  const grain = res.grain;
  const rows = res.anomalies.map((a) => toJson(a, grain));
  const n = res.values.length;
  if (opts.format === 'json') {
    if (res.judged === 0) process.stderr.write(`note: ${input}: none of the ${n} ${grain} points judged: ${WARM_UP}\n`);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    const judged = res.judged === 0 ? `: none judged yet, ${WARM_UP}` : res.judged < n ? ` (${res.judged} judged; the first ${n - res.judged} are learnt as history)` : '';
    process.stdout.write(`no anomalies in ${n} ${grain} points${judged}\n`);
    return;
  }
  const cells = rows.map((r) => [r.timestamp, r.end ?? r.status, r.kind, r.direction, r.expected.toFixed(2), r.actual.toFixed(2), r.impact.toFixed(2), r.score.toFixed(1), r.severity]);
  process.stdout.write(`${table(['onset', 'end', 'kind', 'dir', 'expected', 'actual', 'impact', 'score', 'severity'], cells)}\n`);
}

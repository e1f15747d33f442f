import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FOCUS_MIN_HEADER, focusRow, runCli, tempDir, writeCsv, type FocusRow } from '../../../test/helpers.ts';

// 70 days from Monday 2024-07-01; three teams, two services each; SageMaker is shared by ads and research.
const START = Date.UTC(2024, 6, 1);
const DAY = 86_400_000;
const WEEK = [1, 1.05, 1.1, 1.05, 1, 0.6, 0.5];
const LINES = [
  ['search', 'Amazon EC2', 300], ['search', 'Amazon S3', 50],
  ['ads', 'Amazon EC2', 200], ['ads', 'Amazon SageMaker', 150],
  ['research', 'Amazon EC2', 250], ['research', 'Amazon SageMaker', 100],
] as const;
const SPIKE_DAY = 55; // 2024-08-25, a Sunday
const SPIKE = 1500; // extra ads SageMaker spend that day

const { dir, cleanup } = tempDir('outlay-anomaly-scan-');
after(cleanup);
const store = join(dir, 'store.duckdb');
const cli = (...args: string[]) => runCli(['--store', store, 'anomalies', ...args]);

function row(i: number, team: string, service: string, cost: number): FocusRow {
  const day = new Date(START + i * DAY);
  const c = cost.toFixed(2);
  return focusRow({
    day: day.toISOString().slice(0, 10), BillingPeriodStart: new Date(Date.UTC(2024, day.getUTCMonth(), 1)).toISOString(),
    BillingPeriodEnd: new Date(Date.UTC(2024, day.getUTCMonth() + 1, 1)).toISOString(),
    BilledCost: c, EffectiveCost: c, ListCost: c, ServiceName: service, ResourceId: `${team}/${service}`, Tags: JSON.stringify({ team }),
  });
}

interface Incident {
  id: string; scope: Record<string, string | null>; onset: string; status: string; state?: string; impact: number; kind: string;
  rootCause: Array<{ dimension: string; values: Array<{ value: string; share: number }> }>; related: Array<{ scope: Record<string, string | null> }>;
}

test('setup: ingest 70 days of weekly spend with one ads SageMaker spike', () => {
  const rows: FocusRow[] = [];
  for (let i = 0; i < 70; i++) {
    LINES.forEach(([team, service, base], k) => {
      const wobble = 1 + 0.02 * Math.sin(i * 1.7 + k); // ±2 %: ordinary noise, far below the spike
      rows.push(row(i, team, service, base * WEEK[i % 7]! * wobble + (i === SPIKE_DAY && team === 'ads' && service === 'Amazon SageMaker' ? SPIKE : 0)));
    });
  }
  const res = runCli(['--store', store, 'ingest', writeCsv(join(dir, 'focus.csv'), FOCUS_MIN_HEADER, rows)]);
  assert.equal(res.status, 0, res.stderr);
});

let incident: Incident;

test('scan finds exactly one incident, on the spike day, caused by ads on SageMaker', () => {
  const res = cli('scan', '--format', 'json', '--min-impact', '100');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as { incidents: Incident[]; detections: number };
  assert.equal(out.incidents.length, 1, JSON.stringify(out.incidents.map((i) => [i.scope, i.onset])));
  incident = out.incidents[0]!;
  assert.equal(incident.onset, '2024-08-25T00:00:00.000Z');
  assert.equal(incident.state, 'new');
  assert.equal(incident.status, 'open');
  assert.deepEqual(incident.scope, {}); // the highest scope that saw it: the total
  assert.ok(Math.abs(incident.impact - SPIKE) < 0.1 * SPIKE, String(incident.impact));
  const first = (dim: string) => incident.rootCause.find((d) => d.dimension === dim)?.values[0]?.value;
  assert.equal(first('team'), 'ads');
  assert.equal(first('service'), 'Amazon SageMaker');
  // The same spike in the ads series and in the SageMaker series is listed, not raised again.
  const related = incident.related.map((r) => JSON.stringify(r.scope));
  assert.ok(related.includes('{"team":"ads"}'), related.join(' '));
  assert.ok(related.includes('{"service":"Amazon SageMaker"}'), related.join(' '));
  assert.ok(out.detections > 1);
});

test('a second scan stores nothing new', () => {
  const out = JSON.parse(cli('scan', '--format', 'json', '--min-impact', '100').stdout) as { incidents: Incident[] };
  assert.deepEqual(out.incidents.map((i) => [i.id, i.state]), [[incident.id, 'refreshed']]);
});

test('ack and resolve change the status; list filters by it', () => {
  assert.equal(cli('ack', incident.id, '--note', 'looking').status, 0);
  const acked = JSON.parse(cli('list', '--status', 'acknowledged', '--format', 'json').stdout) as Incident[];
  assert.deepEqual(acked.map((i) => [i.id, i.status]), [[incident.id, 'acknowledged']]);
  assert.equal(cli('resolve', incident.id).status, 0);
  assert.deepEqual((JSON.parse(cli('list', '--format', 'json').stdout) as Incident[]).map((i) => i.status), ['resolved']);
  assert.equal((JSON.parse(cli('list', '--status', 'open', '--format', 'json').stdout) as Incident[]).length, 0);
  // Bare `outlay anomalies` (no action, no --input) lists them too.
  assert.deepEqual((JSON.parse(cli('--format', 'json').stdout) as Incident[]).map((i) => [i.id, i.status]), [[incident.id, 'resolved']]);
  const missing = cli('ack', 'an-nope');
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no anomaly incident an-nope/);
});

test('a false positive raises its scopes\' thresholds, so a fresh store scan does not raise it again', () => {
  const res = cli('false-positive', incident.id, '--note', 'planned load test', '--format', 'json');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as { incident: Incident; settings: Array<{ scope: string; minImpact: number; sensitivity: number }> };
  assert.equal(out.incident.status, 'false_positive');
  // The incident is in USD: what it learns is kept for USD series (see settings.ts).
  const total = out.settings.find((s) => s.scope === 'currency=USD')!;
  assert.ok(total.minImpact > incident.impact, JSON.stringify(total));
  assert.equal(total.sensitivity, 0.8);
  assert.ok(out.settings.some((s) => s.scope === 'team=ads,currency=USD' && s.minImpact > 1000));
  const rescan = JSON.parse(cli('scan', '--format', 'json', '--min-impact', '100').stdout) as { incidents: Incident[] };
  assert.deepEqual(rescan.incidents, []);
});

test('settings per scope are stored and listed', () => {
  const res = cli('settings', '--scope', 'team=search', '--min-impact', '500', '--sensitivity', '0.8', '--format', 'json');
  assert.equal(res.status, 0, res.stderr);
  const all = JSON.parse(res.stdout) as Array<{ scope: string; minImpact: number; sensitivity: number }>;
  assert.deepEqual(all.filter((s) => s.scope === 'team=search').map((s) => [s.minImpact, s.sensitivity]), [[500, 0.8]]);
});

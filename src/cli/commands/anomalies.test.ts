import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'outlay-anomalies-'));
const WEEK = [100, 120, 130, 125, 110, 40, 30];

test('outlay anomalies --format json reports the injected spike once, at its onset', () => {
  const file = join(dir, 'spend.csv');
  const rows = Array.from({ length: 120 }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const v = WEEK[i % 7]! * (1 + 0.03 * ((Math.sin(i * 12.9898) * 43758.5453) % 1)) + (i === 90 ? 250 : 0);
    return `${date},${v.toFixed(2)}`;
  });
  writeFileSync(file, `date,cost\n${rows.join('\n')}\n`);
  const res = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', file, '--format', 'json', '--min-impact', '10'], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Array<Record<string, unknown>>;
  assert.equal(out.length, 1);
  const a = out[0]!;
  assert.equal(a.timestamp, '2024-03-31'); // day 90
  assert.equal(a.kind, 'spike');
  assert.ok(Math.abs((a.actual as number) - (a.expected as number) - 250) < 15, JSON.stringify(a));
  assert.ok(['high', 'critical'].includes(a.severity as string));
  assert.ok((a.score as number) > 5);
});

test('outlay anomalies rejects a non-positive sensitivity with exit 2', () => {
  const res = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', 'x.csv', '--sensitivity', '0'], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /sensitivity/);
});

test('outlay anomalies does not report the hour a local-time export writes twice when clocks go back', () => {
  const file = join(dir, 'local-time.csv');
  const rows: string[] = [];
  for (let i = 0; i < 24 * 40; i++) {
    const t = new Date(Date.UTC(2024, 9, 1) + i * 3_600_000);
    const stamp = t.toISOString().slice(0, 19).replace('T', ' ');
    const value = (d: number) => (100 + 30 * Math.sin((2 * Math.PI * t.getUTCHours()) / 24) * (1 + 0.03 * d)).toFixed(2);
    rows.push(`${stamp},${value((Math.sin(i * 12.9898) * 43758.5453) % 1)}`);
    if (stamp === '2024-11-03 01:00:00') rows.push(`${stamp},${value((Math.sin(i * 78.233) * 43758.5453) % 1)}`);
  }
  writeFileSync(file, `timestamp,requests\n${rows.join('\n')}\n`);
  const res = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', file, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Array<{ timestamp: string }>;
  assert.deepEqual(out.filter((a) => a.timestamp.startsWith('2024-11-03')), []);
  assert.match(res.stderr, /1 timestamp\(s\) written twice/);
});

test('outlay anomalies --sensitivity 1e308 exits 2 naming the field, instead of printing scores of null', () => {
  const file = join(dir, 'flat.csv');
  const rows = Array.from({ length: 30 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${100 + (i % 3)}`);
  writeFileSync(file, `date,cost\n${rows.join('\n')}\n`);
  const res = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', file, '--format', 'json', '--sensitivity', '1e308'], { encoding: 'utf8' });
  assert.equal(res.status, 2, res.stdout);
  assert.equal((JSON.parse(res.stdout) as { details: { field: string } }).details.field, 'sensitivity');
});

test('--top and --limit are counts: 1.5 exits 2 naming the field rather than scanning two values', () => {
  for (const [flag, args] of [['top', ['anomalies', 'scan', '--top', '1.5']], ['limit', ['anomalies', 'list', '--limit', '2.5']]] as const) {
    const res = spawnSync(process.execPath, ['bin/outlay.js', '--store', join(dir, 'none.duckdb'), ...args, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(res.status, 2, `${flag}: ${res.stdout}${res.stderr}`);
    assert.equal((JSON.parse(res.stdout) as { details: { field: string } }).details.field, flag);
  }
});

test('a series shorter than the warm-up is not reported as free of anomalies: 12 days, one of them 10,000 times the rest', () => {
  const file = join(dir, 'twelve-days.csv');
  const rows = Array.from({ length: 12 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${i === 7 ? 100000 : 10}`);
  writeFileSync(file, `date,cost\n${rows.join('\n')}\n`);
  const table = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', file], { encoding: 'utf8' });
  assert.equal(table.status, 0, table.stderr);
  // Daily data are judged from the 15th day after the first spend: none of these 12 was.
  assert.match(table.stdout, /no anomalies in 12 daily points: none judged yet/);
  const json = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', file, '--format', 'json'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(json.stdout), []);
  assert.match(json.stderr, /none of the 12 daily points judged/);
  // Twenty days: the last six are judged, and the table says so.
  const longer = join(dir, 'twenty-days.csv');
  writeFileSync(longer, `date,cost\n${Array.from({ length: 20 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},10`).join('\n')}\n`);
  const some = spawnSync(process.execPath, ['bin/outlay.js', 'anomalies', '--input', longer], { encoding: 'utf8' });
  assert.match(some.stdout, /no anomalies in 20 daily points \(6 judged; the first 14 are learnt as history\)/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'outlay-forecast-'));
const WEEK = [100, 120, 130, 125, 110, 40, 30];

function run(args: string[]) {
  return spawnSync(process.execPath, ['bin/outlay.js', ...args], { encoding: 'utf8' });
}

function weeklyCsv(): string {
  const file = join(dir, 'weekly.csv');
  const rows = Array.from({ length: 84 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${WEEK[i % 7]}`);
  writeFileSync(file, `date,cost\n${rows.join('\n')}\n`);
  return file;
}

test('outlay forecast --format json prints the weekly pattern with intervals', () => {
  const res = run(['forecast', '--input', weeklyCsv(), '--horizon', '7', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Array<Record<string, unknown>>;
  assert.equal(out.length, 7);
  // 84 days from Monday 2024-01-01: the next day is Monday 2024-03-25.
  assert.deepEqual(out.map((p) => p.timestamp), ['2024-03-25', '2024-03-26', '2024-03-27', '2024-03-28', '2024-03-29', '2024-03-30', '2024-03-31']);
  out.forEach((p, k) => {
    assert.deepEqual(Object.keys(p), ['timestamp', 'value', 'lo80', 'hi80', 'lo95', 'hi95']);
    assert.ok(Math.abs((p.value as number) - WEEK[k]!) < 1e-3, `day ${k}: ${p.value}`);
    assert.ok((p.lo95 as number) <= (p.value as number) && (p.value as number) <= (p.hi95 as number));
  });
  assert.match(res.stderr, /model: /);
});

test('outlay forecast backtest compares every model with seasonal naive', () => {
  const res = run(['forecast', 'backtest', '--input', weeklyCsv(), '--horizon', '7', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const [first] = JSON.parse(res.stdout) as Array<{ result: { models: Array<{ model: string; mape: number }> } }>;
  const sn = first!.result.models.find((m) => m.model === 'seasonal_naive');
  assert.equal(sn?.mape, 0);
  assert.ok(first!.result.models.some((m) => m.model === 'auto'));
});

test('a bad CSV row exits 2 with the file, line and column', () => {
  const file = join(dir, 'bad.csv');
  writeFileSync(file, 'date,cost\n2024-01-01,1\n2024-01-02,abc\n');
  const res = run(['forecast', '--input', file, '--horizon', '3', '--format', 'json']);
  assert.equal(res.status, 2);
  const err = JSON.parse(res.stdout) as { code: string; details: { line: number; field: string } };
  assert.equal(err.code, 'INPUT_INVALID');
  assert.equal(err.details.line, 3);
  assert.equal(err.details.field, 'cost');
});

test('outlay forecast takes 5-minute metrics and answers at their own spacing', () => {
  // Three days of a CPU metric every 5 minutes, ending at 23:55 on 2024-01-03: 2 % busier in each hour's first slot.
  const file = join(dir, 'cpu-5min.csv');
  const rows = Array.from({ length: 3 * 288 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString()},${i % 12 === 0 ? 42 : 40}`);
  writeFileSync(file, `timestamp,cpu\n${rows.join('\n')}\n`);
  const res = run(['forecast', '--input', file, '--horizon', '13', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Array<{ timestamp: string; value: number }>;
  assert.equal(out.length, 13);
  assert.equal(out[0]!.timestamp, '2024-01-04T00:00:00.000Z');
  assert.equal(out[12]!.timestamp, '2024-01-04T01:00:00.000Z');
  // Hour mean 40 + 2/12; slot 0 is 2 above the rest.
  out.forEach((p, k) => assert.ok(Math.abs(p.value - (k % 12 === 0 ? 42 : 40)) < 0.01, `${p.timestamp}: ${p.value}`));
  assert.match(res.stderr, /on hourly means \+ 5-minute profile/);
});

test('outlay forecast on a CSV of weekly Sundays prints dates 7 days apart from the Sunday after the last row', () => {
  // 60 Sundays from 2023-01-01 (the last is 2024-02-18), rising by 10 a week.
  const file = join(dir, 'weeks.csv');
  const rows = Array.from({ length: 60 }, (_, i) => `${new Date(Date.UTC(2023, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10)},${500 + 10 * i}`);
  writeFileSync(file, `week,cost\n${rows.join('\n')}\n`);
  const res = run(['forecast', '--input', file, '--horizon', '8']);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /\(grain weekly\)/);
  const dates = [...res.stdout.matchAll(/^(\d{4}-\d{2}-\d{2}) +([\d.]+)/gm)];
  assert.deepEqual(dates.map((m) => m[1]), ['2024-02-25', '2024-03-03', '2024-03-10', '2024-03-17', '2024-03-24', '2024-03-31', '2024-04-07', '2024-04-14']);
  dates.forEach((m, k) => assert.ok(Math.abs(Number(m[2]) - (500 + 10 * (60 + k))) < 15, `${m[1]}: ${m[2]}`));
  const bt = run(['forecast', 'backtest', '--input', file]);
  assert.equal(bt.status, 0, bt.stderr);
  // Under two years of weeks: horizon 8 by default, and MASE against plain naive (period 1).
  assert.match(bt.stdout, /\(weekly, horizon 8, 3 origins, MASE period 1\)/);
});

test('outlay anomalies --input refuses weekly data and names the spacings it takes', () => {
  const file = join(dir, 'weeks-anomalies.csv');
  writeFileSync(file, 'week,cost\n2023-01-01,5\n2023-01-08,6\n2023-01-15,70\n2023-01-22,7\n');
  const res = run(['anomalies', '--input', file, '--format', 'json']);
  assert.equal(res.status, 2, res.stderr);
  const err = JSON.parse(res.stdout) as { code: string; error: string };
  assert.equal(err.code, 'INPUT_INVALID');
  assert.match(err.error, /sub-hourly, hourly, daily or monthly/);
});

test('a series the engines refuse is named by its file: backtest of several files, forecast and anomalies', () => {
  const short = join(dir, 'short.csv');
  writeFileSync(short, 'date,cost\n2024-01-01,5\n2024-01-02,6\n2024-01-03,7\n');
  const hours45 = join(dir, 'every-45-minutes.csv');
  writeFileSync(hours45, `ts,v\n${Array.from({ length: 20 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 45 * 60_000).toISOString()},1`).join('\n')}\n`);
  const cases: Array<[string[], string]> = [
    [['forecast', 'backtest', '--input', weeklyCsv(), short, '--format', 'json'], short], // too short to backtest a week
    [['forecast', '--input', hours45, '--horizon', '2', '--format', 'json'], hours45], // unsupported spacing
    [['anomalies', '--input', hours45, '--format', 'json'], hours45],
  ];
  for (const [args, file] of cases) {
    const res = run(args);
    assert.equal(res.status, 2, `${args.join(' ')}: ${res.stdout}${res.stderr}`);
    const err = JSON.parse(res.stdout) as { code: string; error: string; details: { file?: string } };
    assert.deepEqual([err.code, err.details.file], ['INPUT_INVALID', file], err.error);
    assert.ok(err.error.startsWith(`${file}: `), err.error);
  }
});

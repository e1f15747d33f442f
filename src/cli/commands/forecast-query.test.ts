import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FOCUS_MIN_HEADER, focusRow, runCli, tempDir, writeCsv, type FocusRow } from '../../../test/helpers.ts';

// Monday-first weekly spend; 2024-07-01 is a Monday, 84 days run to Sunday 2024-09-22.
const WEEK = [100, 120, 130, 125, 110, 40, 30];
const START = Date.UTC(2024, 6, 1);
const DAY = 86_400_000;
const { dir, cleanup } = tempDir('outlay-forecast-query-');
after(cleanup);
const store = join(dir, 'store.duckdb');

function row(dayIndex: number, team: string, cost: number): FocusRow {
  const day = new Date(START + dayIndex * DAY);
  const iso = day.toISOString().slice(0, 10);
  const month = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
  const next = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
  const c = cost.toFixed(2);
  return focusRow({
    day: iso, BillingPeriodStart: new Date(month).toISOString(), BillingPeriodEnd: new Date(next).toISOString(),
    BilledCost: c, EffectiveCost: c, ListCost: c, ResourceId: `i-${team}`, Tags: JSON.stringify({ team }),
  });
}

test('setup: ingest a perfectly weekly search team, a doubled ads team and a late, gappy infra team', () => {
  const rows: FocusRow[] = [];
  for (let i = 0; i < 84; i++) {
    rows.push(row(i, 'search', WEEK[i % 7]!), row(i, 'ads', 2 * WEEK[i % 7]!));
  }
  rows.push(row(50, 'infra', 5), row(52, 'infra', 7)); // day 51 has no row: zero spend
  const res = runCli(['--store', store, 'ingest', writeCsv(join(dir, 'focus.csv'), FOCUS_MIN_HEADER, rows)]);
  assert.equal(res.status, 0, res.stderr);
});

interface Out {
  group: Record<string, string | null>; currency: string; start: string; history: number; zeroFilled: number;
  model?: string; points?: Array<{ timestamp: string; value: number; lo95: number; hi95: number }>;
  projection?: { total: number; actualToDate: number; periodEnd: string };
}

test('outlay forecast -g team --horizon 7 --format json gives each team its weekly pattern', () => {
  const res = runCli(['--store', store, 'forecast', '-g', 'team', '--horizon', '7', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Out[];
  const byTeam = new Map(out.map((o) => [o.group.x_Team, o]));
  assert.deepEqual([...byTeam.keys()].sort(), ['ads', 'infra', 'search']);
  for (const [team, factor] of [['search', 1], ['ads', 2]] as const) {
    const o = byTeam.get(team)!;
    assert.equal(o.currency, 'USD');
    assert.equal(o.start, '2024-07-01');
    assert.equal(o.history, 84);
    // Day 84 is Monday 2024-09-23.
    assert.deepEqual(o.points!.map((p) => p.timestamp), ['2024-09-23', '2024-09-24', '2024-09-25', '2024-09-26', '2024-09-27', '2024-09-28', '2024-09-29']);
    o.points!.forEach((p, k) => {
      assert.ok(Math.abs(p.value - factor * WEEK[k]!) < 0.5, `${team} day ${k}: ${p.value}`);
      assert.ok(p.lo95 <= p.value && p.value <= p.hi95);
    });
  }
  const infra = byTeam.get('infra')!;
  assert.equal(infra.start, '2024-08-20'); // day 50: the series starts there, not at the store's first day
  assert.equal(infra.history, 3);
  assert.equal(infra.zeroFilled, 1);
});

test('--month-end projects September: actual days plus the weekly pattern for the rest', () => {
  const res = runCli(['--store', store, 'forecast', '--filter', 'team=search', '--month-end', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const [o] = JSON.parse(res.stdout) as Out[];
  // Sum of WEEK over the 30 days of September 2024 (1 Sept is a Sunday).
  let expected = 0;
  for (let d = 1; d <= 30; d++) expected += WEEK[(new Date(Date.UTC(2024, 8, d)).getUTCDay() + 6) % 7]!;
  assert.equal(o!.projection!.periodEnd, '2024-10-01T00:00:00.000Z');
  assert.ok(Math.abs(o!.projection!.total - expected) < 2, `${o!.projection!.total} vs ${expected}`);
  assert.equal(o!.projection!.actualToDate, expected - (100 + 120 + 130 + 125 + 110 + 40 + 30) - 100); // 23–30 Sept not yet spent
});

test('forecast on the store: a table per group, and --format csv with group columns', () => {
  const table = runCli(['--store', store, 'forecast', '-g', 'team', '--filter', 'team=search|ads', '--horizon', '2']);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /x_Team=ads — BilledCost \(USD\), daily, series starts 2024-07-01/);
  const csv = runCli(['--store', store, 'forecast', '-g', 'team', '--filter', 'team=search', '--horizon', '2', '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'x_Team,currency,measure,series_start,timestamp,value,lo80,hi80,lo95,hi95,model');
  assert.equal(lines.length, 3);
  assert.ok(lines[1]!.startsWith('search,USD,BilledCost,2024-07-01,2024-09-23,'));
});

test('--grain week forecasts Monday-to-Sunday totals: 655 a week for search, 1310 for ads, after 12 weeks', () => {
  const res = runCli(['--store', store, 'forecast', '-g', 'team', '--filter', 'team=search|ads', '--grain', 'week', '--horizon', '3', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as Array<Out & { grain: string }>;
  const total = WEEK.reduce((s, v) => s + v, 0); // 655: each Monday-to-Sunday week holds the whole pattern once
  for (const [team, factor] of [['search', 1], ['ads', 2]] as const) {
    const o = out.find((x) => x.group.x_Team === team)!;
    assert.equal(o.grain, 'weekly');
    assert.equal(o.start, '2024-07-01');
    assert.equal(o.history, 12);
    // The week after the last (Monday 2024-09-16) starts Monday 2024-09-23.
    assert.deepEqual(o.points!.map((p) => p.timestamp), ['2024-09-23', '2024-09-30', '2024-10-07']);
    for (const p of o.points!) assert.ok(Math.abs(p.value - factor * total) < 1, `${team}: ${p.value}`);
  }
});

test('--grain week on data that ends mid-week: the unfinished week is forecast, not learnt as a small week', () => {
  // Data to Wednesday 2024-09-18: the week of Monday 2024-09-16 holds 100 + 120 + 130 = 350 of its 655 so far.
  // Learning that 350 as a week total pulled the forecast below 655; the 11 whole weeks say 655 exactly.
  const res = runCli(['--store', store, 'forecast', '--filter', 'team=search', '--to', '2024-09-19', '--grain', 'week', '--horizon', '2', '--format', 'json']);
  assert.equal(res.status, 0, res.stderr);
  const [o] = JSON.parse(res.stdout) as Array<Out & { last: string; partialWeek?: string }>;
  assert.equal(o!.history, 11);
  assert.equal(o!.last, '2024-09-09');
  assert.equal(o!.partialWeek, '2024-09-16');
  assert.deepEqual(o!.points!.map((p) => p.timestamp), ['2024-09-16', '2024-09-23']);
  for (const p of o!.points!) assert.ok(Math.abs(p.value - 655) < 1, `${p.timestamp}: ${p.value}`);
});

test('--grain week from a Wednesday: the partial first week is counted under its Monday, 2024-07-01', () => {
  const res = runCli(['--store', store, 'forecast', '--filter', 'team=search', '--from', '2024-07-03', '--grain', 'week', '--horizon', '1']);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /weekly, series starts 2024-07-01, 12 points/);
});

test('--grain week with --month-end projects September from the days, as with --grain day', () => {
  const week = runCli(['--store', store, 'forecast', '--filter', 'team=search', '--grain', 'week', '--month-end', '--horizon', '2', '--format', 'json']);
  const day = runCli(['--store', store, 'forecast', '--filter', 'team=search', '--month-end', '--format', 'json']);
  assert.equal(week.status, 0, week.stderr);
  const [w] = JSON.parse(week.stdout) as Out[];
  const [d] = JSON.parse(day.stdout) as Out[];
  assert.deepEqual(w!.projection, d!.projection);
  assert.equal(w!.points!.length, 2);
});

test('--grain month is refused with the grains forecast takes', () => {
  const res = runCli(['--store', store, 'forecast', '--grain', 'month', '--horizon', '2', '--format', 'json']);
  assert.equal(res.status, 2);
  assert.match(res.stdout, /--grain month: use day, hour, week/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthlyCharges } from './monthly-charges.ts';
import { forecast } from './forecast.ts';
import { detectAnomalies } from '../anomaly/index.ts';

const DAY = 86_400_000;

/** Daily spend from 2024-01-01: 100 on weekdays, 60 at weekends, ±2 of fixed noise, plus `extra(date)`. */
function daily(days: number, extra: (d: Date) => number): { timestamps: Date[]; values: number[] } {
  const timestamps = Array.from({ length: days }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * DAY));
  const values = timestamps.map((d, i) => {
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    return (weekend ? 60 : 100) + 2 * Math.sin(i * 2.3) + extra(d);
  });
  return { timestamps, values };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

test('a fee on the 1st is expected from its fourth month on, at its amount, and ahead', () => {
  // 2024-01-01 … 2024-06-30 with 500 on every 1st.
  const s = daily(182, (d) => (d.getUTCDate() === 1 ? 500 : 0));
  const future = [new Date(Date.UTC(2024, 6, 1)), new Date(Date.UTC(2024, 6, 2))];
  const c = monthlyCharges(s.timestamps, s.values, 'daily', future);
  const firsts = s.timestamps.flatMap((d, t) => (d.getUTCDate() === 1 ? [[iso(d), c.expected[t]!] as const] : []));
  // Jan–Mar have fewer than three earlier months; the comparison days (±7, ±14 days) carry
  // the ±2 noise, so the learnt amount is 500 plus the weekday's noise difference.
  assert.deepEqual(firsts.slice(0, 3).map(([, v]) => v), [0, 0, 0]);
  assert.equal(firsts.length, 6);
  for (const [day, v] of firsts.slice(3)) assert.ok(Math.abs(v - 500) < 4, `${day}: ${v}`);
  assert.equal(s.timestamps.reduce((n, d, t) => n + (d.getUTCDate() !== 1 && c.expected[t] !== 0 ? 1 : 0), 0), 0);
  assert.ok(Math.abs(c.future[0]! - 500) < 4);
  assert.equal(c.future[1], 0);
  // Every 1st, Jan's included, is an occurrence to take out of the history.
  assert.equal(c.occurrences.filter((v) => v !== 0).length, 6);
});

test('a charge on the last day of the month follows the month length (Jan 31, Feb 29, Mar 31, Apr 30)', () => {
  const lastDay = (d: Date) => new Date(d.getTime() + DAY).getUTCDate() === 1;
  const s = daily(182, (d) => (lastDay(d) ? 300 : 0));
  const c = monthlyCharges(s.timestamps, s.values, 'daily', [new Date(Date.UTC(2024, 6, 30)), new Date(Date.UTC(2024, 6, 31))]);
  const at = (day: string) => c.expected[s.timestamps.findIndex((d) => iso(d) === day)]!;
  assert.equal(at('2024-03-31'), 0);
  assert.ok(Math.abs(at('2024-04-30') - 300) < 4);
  assert.equal(at('2024-04-29'), 0);
  assert.equal(c.future[0], 0);
  assert.ok(Math.abs(c.future[1]! - 300) < 4);
});

test('a charge that stops is no longer expected after the first month without it; a one-off is never one', () => {
  const s = daily(182, (d) => (d.getUTCDate() === 1 && d.getUTCMonth() < 4 ? 500 : 0)); // Jan–Apr
  const c = monthlyCharges(s.timestamps, s.values, 'daily', [new Date(Date.UTC(2024, 6, 1))]);
  const at = (day: string) => c.expected[s.timestamps.findIndex((d) => iso(d) === day)]!;
  assert.ok(at('2024-05-01') > 490); // still expected: April had it
  assert.equal(at('2024-06-01'), 0); // May did not
  assert.equal(c.future[0], 0);
  const once = daily(182, (d) => (iso(d) === '2024-03-01' ? 500 : 0));
  assert.equal(monthlyCharges(once.timestamps, once.values, 'daily').found, false);
});

test('forecast puts the fee back on the 1st it reaches and nowhere else', () => {
  const s = daily(182, (d) => (d.getUTCDate() === 1 ? 500 : 0));
  const f = forecast(s, { horizon: 10 });
  assert.match(f.model, /\+monthly_charges$/);
  const first = f.points.find((p) => iso(p.timestamp) === '2024-07-01')!;
  const second = f.points.find((p) => iso(p.timestamp) === '2024-07-02')!;
  // 2024-07-01 is a Monday: a weekday (100) plus the fee.
  assert.ok(Math.abs(first.value - 600) < 15, String(first.value));
  assert.ok(Math.abs(second.value - 100) < 15, String(second.value));
  assert.ok(first.lo95 > 500);
});

test('anomalies: a known monthly fee is no alert, its absence is one, and the alert reads in the series amounts', () => {
  // Fee on every 1st up to May; June's 1st lacks it.
  const s = daily(182, (d) => (d.getUTCDate() === 1 && d.getUTCMonth() !== 5 ? 500 : 0));
  const found = detectAnomalies(s).anomalies;
  const onFirsts = found.filter((a) => a.timestamp.getUTCDate() === 1).map((a) => [iso(a.timestamp), a.direction] as const);
  // Feb and Mar 1 (not yet a pattern) may alert; Apr and May 1 must not; Jun 1's missing fee must.
  assert.deepEqual(onFirsts.filter(([day]) => day >= '2024-04-01'), [['2024-06-01', 'down']]);
  const june = found.find((a) => iso(a.timestamp) === '2024-06-01')!;
  // 2024-06-01 is a Saturday: expected 60 + 500, actual 60.
  assert.ok(Math.abs(june.expected - 560) < 15, String(june.expected));
  assert.ok(Math.abs(june.actual - (60 + 2 * Math.sin(152 * 2.3))) < 1e-9);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeClockRepeats, parseSeriesCsv, parseTimestamp, round } from './series-csv.ts';

test('timestamps parse as UTC, honouring an explicit offset', () => {
  assert.equal(parseTimestamp('2024-03-05')?.toISOString(), '2024-03-05T00:00:00.000Z');
  assert.equal(parseTimestamp('2024-03-05 13:00:00')?.toISOString(), '2024-03-05T13:00:00.000Z');
  assert.equal(parseTimestamp('2024-03-05T13:00:00+02:00')?.toISOString(), '2024-03-05T11:00:00.000Z');
  assert.equal(parseTimestamp('2024-13-05'), undefined);
  assert.equal(parseTimestamp('yesterday'), undefined);
});

test('parseSeriesCsv reads quoted cells and skips blank lines', () => {
  const s = parseSeriesCsv('"ts","v"\n"2024-01-01",1.5\n\n2024-01-02,"2"\n', 'x.csv');
  assert.deepEqual(s.values, [1.5, 2]);
  assert.equal(s.timestamps[1]!.toISOString(), '2024-01-02T00:00:00.000Z');
});

test('parseSeriesCsv names the line and field of a bad row', () => {
  assert.throws(() => parseSeriesCsv('ts,v\n2024-01-01,1\n2024-01-02\n', 'x.csv'), { code: 'INPUT_INVALID', details: { file: 'x.csv', line: 3 } });
  assert.throws(() => parseSeriesCsv('ts,v\nnope,1\n2024-01-02,1\n', 'x.csv'), { code: 'INPUT_INVALID', details: { file: 'x.csv', line: 2, field: 'ts', value: 'nope' } });
  assert.throws(() => parseSeriesCsv('a,b,c\n', 'x.csv'), { code: 'INPUT_INVALID' });
});

test('impossible days and times are refused, not rolled over', () => {
  assert.equal(parseTimestamp('2024-02-30'), undefined);
  assert.equal(parseTimestamp('2023-02-29 10:00'), undefined);
  assert.equal(parseTimestamp('2024-02-29T24:00:00'), undefined);
  assert.equal(parseTimestamp('2024-02-29')?.toISOString(), '2024-02-29T00:00:00.000Z');
});

test('Unix seconds and milliseconds, as monitoring exports write them', () => {
  // 1704067200 = 2024-01-01T00:00:00Z (20,089 days × 86,400 s).
  assert.equal(parseTimestamp('1704067200')?.toISOString(), '2024-01-01T00:00:00.000Z');
  assert.equal(parseTimestamp('1704070800.0')?.toISOString(), '2024-01-01T01:00:00.000Z');
  assert.equal(parseTimestamp('1704067200000')?.toISOString(), '2024-01-01T00:00:00.000Z');
});

test('slash dates are month-first unless a first field above 12 shows the file is day-first', () => {
  const us = parseSeriesCsv('date,value\n3/12/2024,1\n3/13/2024,2\n', 'us.csv');
  assert.deepEqual(us.timestamps.map((t) => t.toISOString().slice(0, 10)), ['2024-03-12', '2024-03-13']);
  const eu = parseSeriesCsv('date,value\n12/03/2024,1\n13/03/2024,2\n', 'eu.csv');
  assert.deepEqual(eu.timestamps.map((t) => t.toISOString().slice(0, 10)), ['2024-03-12', '2024-03-13']);
  assert.equal(parseTimestamp('3/14/2024 17:00')?.toISOString(), '2024-03-14T17:00:00.000Z');
});

test('tab- and semicolon-separated files are read by their header', () => {
  assert.deepEqual(parseSeriesCsv('ts;v\n2024-01-01;1.5\n2024-01-02;2\n', 'semi.csv').values, [1.5, 2]);
  assert.deepEqual(parseSeriesCsv('ts\tv\n2024-01-01\t3\n2024-01-02\t4\n', 'tab.csv').values, [3, 4]);
});

test('a quoted value may hold the separator and thousands separators', () => {
  const s = parseSeriesCsv('"date","cost"\n2024-01-01,"1,234.50"\n2024-01-02,"12,000"\n2024-01-03,"7"\n', 'sheet.csv');
  assert.deepEqual(s.values, [1234.5, 12000, 7]);
  // Not a grouped number: still refused, naming the line and the value.
  assert.throws(() => parseSeriesCsv('date,cost\n2024-01-01,1\n2024-01-02,"1,23"\n', 'x.csv'), { code: 'INPUT_INVALID', details: { file: 'x.csv', line: 3, field: 'cost', value: '1,23' } });
});

test('semicolon-separated files may write decimal commas', () => {
  assert.deepEqual(parseSeriesCsv('Datum;Kosten\n2024-01-01;1234,5\n2024-01-02;1.234,25\n2024-01-03;7\n', 'de.csv').values, [1234.5, 1234.25, 7]);
});

test('slash dates where no field is above 12 are refused rather than guessed', () => {
  // Three days of March, or the firsts of three months: nothing in the file tells.
  for (const body of ['01/03/2024,1\n02/03/2024,2\n03/03/2024,3\n', '1/1/2024,1\n2/1/2024,2\n3/1/2024,3\n']) {
    assert.throws(() => parseSeriesCsv(`d,v\n${body}`, 'amb.csv'), { code: 'INPUT_INVALID', message: /could be month\/day or day\/month/ });
  }
  // Day equal to month reads the same either way.
  assert.equal(parseSeriesCsv('d,v\n1/1/2024,1\n2/2/2024,2\n', 'same.csv').timestamps[1]!.toISOString().slice(0, 10), '2024-02-02');
});

test('a trailing tab is an empty value in a tab-separated file; a semicolon file reads 1,234 as 1.234', () => {
  const tab = parseSeriesCsv('ts\tv\n2024-01-01\t3\n2024-01-02\t\n2024-01-03\t4\n', 'tab.csv');
  assert.deepEqual(tab.values, [3, 4]);
  assert.deepEqual(parseSeriesCsv('ts;v\n2024-01-01;1,234\n2024-01-02;2\n', 'de.csv').values, [1.234, 2]);
});

test('printed values keep six decimals, and six significant digits below one', () => {
  assert.equal(round(1234.56789012), 1234.56789);
  assert.equal(round(0.000001234567), 0.00000123457);
  assert.equal(round(3e-9), 3e-9);
  assert.equal(round(-2.5), -2.5);
  assert.equal(round(0), 0);
  assert.equal(round(0.1234567, 3), 0.123);
});

test('a timestamp written twice (the hour clocks go back) is read as the mean of its two rows', () => {
  const hours = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2024, 10, 1) + i * 3_600_000));
  const values = hours.map((_, i) => 10 + i);
  // 01:00 on 3 Nov written twice, as a US local-time export does: 60 and 70.
  const k = hours.findIndex((t) => t.toISOString() === '2024-11-03T01:00:00.000Z');
  const series = { timestamps: [...hours.slice(0, k + 1), hours[k]!, ...hours.slice(k + 1)], values: [...values.slice(0, k), 60, 70, ...values.slice(k + 1)] };
  const { series: merged, repeated } = mergeClockRepeats(series);
  assert.equal(repeated, 1);
  assert.equal(merged.values.length, 200);
  assert.equal(merged.timestamps[k]!.toISOString(), '2024-11-03T01:00:00.000Z');
  assert.equal(merged.values[k], 65);
  assert.equal(merged.values[k + 1], 10 + k + 1);
});

test('many rows per instant are left for the grid to add up (cost rows of several items)', () => {
  const days = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));
  const series = { timestamps: [...days, ...days], values: [...days.map(() => 1), ...days.map(() => 2)] };
  assert.equal(mergeClockRepeats(series).repeated, 0);
  assert.equal(mergeClockRepeats(series).series, series);
  // Three rows at one instant is not a clock repeat either.
  const triple = { timestamps: [days[0]!, days[0]!, days[0]!, ...days.slice(1)], values: [1, 1, 1, ...days.slice(1).map(() => 1)] };
  assert.equal(mergeClockRepeats(triple).repeated, 0);
});

test('timestamps as exports write them: BigQuery UTC, short offsets, year-first slashes, dotted day-first, compact days', () => {
  const iso = (t: string) => parseTimestamp(t)?.toISOString();
  assert.equal(iso('2024-03-05 13:00:00 UTC'), '2024-03-05T13:00:00.000Z');
  assert.equal(iso('2024-03-05 13:00:00+00'), '2024-03-05T13:00:00.000Z');
  assert.equal(iso('2024-03-05T13:00:00-05'), '2024-03-05T18:00:00.000Z');
  assert.equal(iso('2024/03/05'), '2024-03-05T00:00:00.000Z');
  assert.equal(iso('2024/3/5 7:30'), '2024-03-05T07:30:00.000Z');
  assert.equal(iso('05.03.2024'), '2024-03-05T00:00:00.000Z');
  assert.equal(iso('05.03.2024 13:15:10'), '2024-03-05T13:15:10.000Z');
  assert.equal(iso('20240305'), '2024-03-05T00:00:00.000Z');
  assert.equal(iso('20240230'), undefined);
  assert.equal(iso('31.02.2024'), undefined);
});

test('ten digits are Unix seconds, unless every one is a YYYYMMDDHH that as seconds would lie in the future (Wikimedia pageviews)', () => {
  const hours = parseSeriesCsv('timestamp,views\n2015070100,10\n2015070101,12\n2015070123,9\n2015070200,11\n', 'p.csv');
  assert.deepEqual(hours.timestamps.map((t) => t.toISOString()), ['2015-07-01T00:00:00.000Z', '2015-07-01T01:00:00.000Z', '2015-07-01T23:00:00.000Z', '2015-07-02T00:00:00.000Z']);
  // Five-minute Unix seconds: 300 apart, and 1700000000 is no valid YYYYMMDDHH anyway.
  const epoch = parseSeriesCsv('t,v\n1700000000,1\n1700000300,2\n1700000600,3\n', 'e.csv');
  assert.equal(epoch.timestamps[1]!.toISOString(), new Date(1_700_000_300_000).toISOString());
  // Daily pageviews are written with hour 00.
  const days = parseSeriesCsv('t,v\n2015070100,1\n2015070200,2\n2015070300,3\n', 'd.csv');
  assert.equal(days.timestamps[2]!.toISOString(), '2015-07-03T00:00:00.000Z');
});

test('values formatted for reading: currency symbols and codes, percent signs, spaced thousands', () => {
  const s = parseSeriesCsv('day,cost\n2024-01-01,"$1,234.50"\n2024-01-02,-$12.25\n2024-01-03,1 234 USD\n2024-01-04,45 %\n2024-01-05,€7\n2024-01-06,12\n', 'c.csv');
  assert.deepEqual(s.values, [1234.5, -12.25, 1234, 45, 7, 12]);
  const eu = parseSeriesCsv('day;cost\n2024-01-01;"1.234,50 €"\n2024-01-02;-3,5\n', 'eu.csv');
  assert.deepEqual(eu.values, [1234.5, -3.5]);
  assert.throws(() => parseSeriesCsv('day,cost\n2024-01-01,$\n2024-01-02,1\n', 'x.csv'), { code: 'INPUT_INVALID', details: { file: 'x.csv', line: 2, field: 'cost', value: '$' } });
  assert.throws(() => parseSeriesCsv('day,cost\n2024-01-01,12abc\n2024-01-02,1\n', 'x.csv'), { code: 'INPUT_INVALID', details: { file: 'x.csv', line: 2, field: 'cost', value: '12abc' } });
});

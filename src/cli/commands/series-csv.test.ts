import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSeriesCsv, parseTimestamp } from './series-csv.ts';

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
  const us = parseSeriesCsv('date,value\n3/1/2024,1\n3/2/2024,2\n', 'us.csv');
  assert.deepEqual(us.timestamps.map((t) => t.toISOString().slice(0, 10)), ['2024-03-01', '2024-03-02']);
  const eu = parseSeriesCsv('date,value\n12/03/2024,1\n13/03/2024,2\n', 'eu.csv');
  assert.deepEqual(eu.timestamps.map((t) => t.toISOString().slice(0, 10)), ['2024-03-12', '2024-03-13']);
  assert.equal(parseTimestamp('3/14/2024 17:00')?.toISOString(), '2024-03-14T17:00:00.000Z');
});

test('tab- and semicolon-separated files are read by their header', () => {
  assert.deepEqual(parseSeriesCsv('ts;v\n2024-01-01;1.5\n2024-01-02;2\n', 'semi.csv').values, [1.5, 2]);
  assert.deepEqual(parseSeriesCsv('ts\tv\n2024-01-01\t3\n2024-01-02\t4\n', 'tab.csv').values, [3, 4]);
});

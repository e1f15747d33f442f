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

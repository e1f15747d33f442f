/**
 * parseInstant is every command's reader of --from/--to/--at: what it
 * accepts, and that an impossible calendar day is refused rather than rolled
 * over into the next month.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from './period.ts';

test('parseInstant reads months, days and ISO instants as UTC', () => {
  assert.equal(parseInstant('2026-11').toISOString(), '2026-11-01T00:00:00.000Z');
  assert.equal(parseInstant('2026-02-28').toISOString(), '2026-02-28T00:00:00.000Z');
  assert.equal(parseInstant('2026-11-05 13:30').toISOString(), '2026-11-05T13:30:00.000Z');
  assert.equal(parseInstant('2026-11-05T00:30:00-02:00').toISOString(), '2026-11-05T02:30:00.000Z');
  assert.equal(parseInstant('2028-02-29').toISOString(), '2028-02-29T00:00:00.000Z');
  assert.equal(parseInstant('9999-12-31').toISOString(), '9999-12-31T00:00:00.000Z');
  assert.equal(parseInstant('0001-01-01').toISOString(), '0001-01-01T00:00:00.000Z');
});

test('parseInstant refuses text and impossible days with INPUT_INVALID naming the field', () => {
  for (const bad of ['yesterday', '2026-02-30', '2026-02-29', '2026-13', '2026-04-31T10:00:00Z', '', '99999-01-01', '+099999-01-01T00:00:00Z', '0000-01-01', '-000001-01-01T00:00:00Z']) {
    assert.throws(() => parseInstant(bad, '--from'), (e: Error & { code?: string }) => e.code === 'INPUT_INVALID' && e.message.startsWith('--from:'), bad);
  }
});

test('parseInstant: an impossible day with an offset is refused too; 24:00 is the end of the day written', () => {
  for (const bad of ['2026-02-30T10:00:00+05:30', '2027-02-29T00:00:00-08:00', '2026-09-31T23:00:00+0545']) {
    assert.throws(() => parseInstant(bad, '--to'), (e: Error & { code?: string }) => e.code === 'INPUT_INVALID', bad);
  }
  assert.equal(parseInstant('2026-01-31T24:00:00Z').toISOString(), '2026-02-01T00:00:00.000Z');
  assert.equal(parseInstant('2026-12-31T24:00:00').toISOString(), '2027-01-01T00:00:00.000Z');
  assert.equal(parseInstant('2028-02-29T23:00:00-08:00').toISOString(), '2028-03-01T07:00:00.000Z');
});

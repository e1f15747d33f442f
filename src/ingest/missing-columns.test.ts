/**
 * The bill importers' shared refusal of a header without its mandatory
 * columns: code, file, line 1, the first missing name, and the message each
 * format has always written (hand-written here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOutlayError } from '../core/index.ts';
import { refuseMissingColumns } from './missing-columns.ts';

const refusal = (f: () => void): { message: string; details: unknown } => {
  try {
    f();
  } catch (e) {
    assert.ok(isOutlayError(e) && e.code === 'INGEST_MISSING_COLUMN', String(e));
    return { message: e.message, details: e.details };
  }
  assert.fail('not refused');
};

test('nothing missing: no refusal', () => {
  assert.doesNotThrow(() => refuseMissingColumns('a.csv', 'FOCUS file', []));
});

test('missing columns: every name in the message, the first in details, at line 1', () => {
  assert.deepEqual(refusal(() => refuseMissingColumns('cur.csv', 'AWS CUR file', ['lineItem/UnblendedCost', 'bill/PayerAccountId'])), {
    message: 'cur.csv: AWS CUR file lacks mandatory column(s) lineItem/UnblendedCost, bill/PayerAccountId (line 1)',
    details: { file: 'cur.csv', line: 1, field: 'lineItem/UnblendedCost' },
  });
  assert.equal(refusal(() => refuseMissingColumns('az.csv', 'Azure cost details file', ['Cost (or A, B)', 'Date (or UsageDateTime)'], { sep: '; ' })).message,
    'az.csv: Azure cost details file lacks mandatory column(s) Cost (or A, B); Date (or UsageDateTime) (line 1)');
  assert.deepEqual(refusal(() => refuseMissingColumns('g.jsonl', 'Google Cloud billing export', ['$.currency'], { noun: 'field(s)', at: 'first record' })), {
    message: 'g.jsonl: Google Cloud billing export lacks mandatory field(s) $.currency (first record)',
    details: { file: 'g.jsonl', line: 1, field: '$.currency' },
  });
});

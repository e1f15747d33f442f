/**
 * Times in JSON usage reports (row-stage `time`): the forms providers write
 * (offsets with and without a colon, a space for the T, fractions, a bare
 * date, Unix seconds) land on the UTC instant they name, and an impossible
 * calendar day is refused with its JSON path instead of being rolled over
 * into the next month. Expected instants are worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { expectRefusal, withSeededStore, withStore } from '../../../test/refusal.ts';

/** An Anthropic cost report of one $1.00 bucket starting at `start`. */
const costReport = (start: string | number, end: string | number) => JSON.stringify({ data: [{ starting_at: start, ending_at: end,
  results: [{ currency: 'USD', amount: '100', cost_type: 'tokens', model: 'claude-sonnet-4-20250514', token_type: 'uncached_input_tokens' }] }], has_more: false, next_page: null });

const FORMS: [string, string | number, string][] = [
  ['Z', '2028-02-29T00:00:00Z', '2028-02-29T00:00:00Z'],
  ['+05:30', '2028-02-29T05:30:00+05:30', '2028-02-29T00:00:00Z'],
  ['-08:00 the evening before', '2028-02-28T16:00:00-08:00', '2028-02-29T00:00:00Z'],
  ['+0545 (Nepal)', '2028-02-29T05:45:00+0545', '2028-02-29T00:00:00Z'],
  ['+05 (short offset)', '2028-02-29 05:00:00+05', '2028-02-29T00:00:00Z'],
  ['fraction, no zone (UTC)', '2028-02-29T00:00:00.123456', '2028-02-29T00:00:00Z'],
  ['bare date', '2028-02-29', '2028-02-29T00:00:00Z'],
  ['24:00 of the day before', '2028-02-28T24:00:00Z', '2028-02-29T00:00:00Z'],
  ['Unix seconds', Date.UTC(2028, 1, 29) / 1000, '2028-02-29T00:00:00Z'],
];

for (const [what, start, want] of FORMS) {
  test(`JSON usage time, ${what}: ${start} is ${want}`, () => withStore(async (store, dir) => {
    const p = join(dir, 'cost.json');
    writeFileSync(p, costReport(start, '2028-03-01T00:00:00Z'));
    await ingest(store, [p]);
    const q = await store.query({ measures: ['billed'], groupBy: [], grain: 'hour' }, FULL_ACCESS);
    assert.deepEqual(q.rows.map((r) => [r.ChargePeriodStart, r.BilledCost]), [[want, '1.00']]);
  }));
}

for (const bad of ['2027-02-29T00:00:00Z', '2026-09-31T00:00:00+02:00', '2026-04-31']) {
  test(`JSON usage time: the impossible day ${bad} is refused, not rolled into the next month`, () => withSeededStore(async (store, dir) => {
    const p = join(dir, 'cost.json');
    writeFileSync(p, costReport(bad, '2027-03-02T00:00:00Z'));
    await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 1, field: '$.data[0].starting_at' });
  }));
}

/**
 * Usage pulled in overlapping windows: a newer pull replaces the same feed's
 * rows for the days it covers and leaves other days and other feeds alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { fixture, tempDir } from '../../../test/helpers.ts';

const DAY = 86_400;
const d0 = Date.UTC(2026, 7, 1) / 1000;
const page = (days: [number, number][]) => JSON.stringify({ object: 'page', has_more: false, next_page: null, data: days.map(([day, input]) => ({
  object: 'bucket', start_time: d0 + day * DAY, end_time: d0 + (day + 1) * DAY,
  results: [{ object: 'organization.usage.completions.result', input_tokens: input, output_tokens: 1, input_cached_tokens: 0, num_model_requests: 1, model: 'gpt-4o' }],
})) });

test('a later pull restates overlapping days of the same feed only', async () => {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const first = join(t.dir, 'pull-1.json');
    const second = join(t.dir, 'pull-2.json');
    writeFileSync(first, page([[0, 100], [1, 200]]));
    writeFileSync(second, page([[1, 250], [2, 300]]));
    await ingest(store, [first, fixture('usage', 'openai', 'costs-spec-example.json')]);
    const r = await ingest(store, [second]);
    assert.equal(r.files[0]?.replacedRows, 1, 'day 1 of the first pull is replaced');
    const q = await store.query({ measures: ['input_tokens', 'rows'], groupBy: ['account'], grain: 'day' }, FULL_ACCESS);
    const usage = q.rows.filter((x) => x.BillingAccountId === 'openai:usage/completions').map((x) => [x.ChargePeriodStart?.slice(0, 10), x.x_InputTokens]);
    assert.deepEqual(usage.sort(), [['2026-08-01', '100'], ['2026-08-02', '250'], ['2026-08-03', '300']]);
    assert.ok(q.rows.some((x) => x.BillingAccountId === 'openai:costs'), 'the costs feed is untouched');
  } finally {
    await store.close();
    t.cleanup();
  }
});

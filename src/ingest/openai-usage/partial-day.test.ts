/**
 * OpenAI's daily buckets start at the requested start_time and end at the
 * next UTC midnight (the cookbook capture's first bucket is 17:31 → 00:00),
 * while a pull restates the rows of every UTC day it holds. A pull asked
 * for from mid-day must therefore not replace a whole day stored earlier
 * with the hours after its start: `collect` asks for whole UTC days.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { collectOpenAi } from './live.ts';
import { fakeServer } from '../../../test/usage-helpers.ts';
import { fixture } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

const DAY = 86_400;
const NOV1 = Date.UTC(2024, 10, 1) / 1000;

/** A fake usage API like OpenAI's: 10 input tokens an hour, the first bucket from start_time to the next midnight. */
function usagePage(url: URL): string {
  const start = Number(url.searchParams.get('start_time'));
  const end = Number(url.searchParams.get('end_time') ?? NOV1 + 3 * DAY);
  const data = [];
  for (let s = start; s < end; s = (Math.floor(s / DAY) + 1) * DAY) {
    const e = Math.min((Math.floor(s / DAY) + 1) * DAY, end);
    data.push({ object: 'bucket', start_time: s, end_time: e, results: [{ object: 'organization.usage.completions.result',
      input_tokens: Math.round(((e - s) / 3600) * 10), output_tokens: 0, input_cached_tokens: 0, num_model_requests: 1, model: 'gpt-4o' }] });
  }
  return JSON.stringify({ object: 'page', data, has_more: false, next_page: null });
}

test('a mid-day pull does not cut the day it starts in down to the hours after its start', () => withStore(async (store, dir) => {
  const srv = await fakeServer((_req, url) => ({ body: usagePage(url) }));
  try {
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-test', OPENAI_BASE_URL: `${srv.url}/v1` };
    const pull = async (name: string, start: string, end: string) => {
      mkdirSync(join(dir, name));
      const files = await collectOpenAi({ start: new Date(start), end: new Date(end), outDir: join(dir, name), env, endpoints: ['usage/completions'] });
      await ingest(store, files, { format: 'openai-usage' });
    };
    await pull('a', '2024-11-01T00:00:00Z', '2024-11-03T00:00:00Z');
    // 17:31 on 1 Nov, as in the cookbook capture; before the fix the store kept 6 h 29 min (65 tokens) of that day.
    await pull('b', '2024-11-01T17:31:00Z', '2024-11-03T00:00:00Z');
    const q = await store.query({ measures: ['input_tokens'], groupBy: [], grain: 'day' }, FULL_ACCESS);
    assert.deepEqual(q.rows.map((r) => [r.ChargePeriodStart, r.x_InputTokens]), [['2024-11-01T00:00:00Z', '240'], ['2024-11-02T00:00:00Z', '240']]);
    const asked = srv.requests.map((r) => new URL(r.url ?? '/', 'http://x').searchParams.get('start_time'));
    assert.deepEqual(asked, [String(NOV1), String(NOV1)], 'both pulls ask from midnight UTC');
  } finally {
    await srv.close();
  }
}));

test('an end mid-way through a past day is taken to the end of that day, never past now', () => withStore(async (_store, dir) => {
  const srv = await fakeServer((_req, url) => ({ body: usagePage(url) }));
  try {
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-test', OPENAI_BASE_URL: `${srv.url}/v1` };
    const end = new Date('2024-11-02T12:00:00Z');
    await collectOpenAi({ start: new Date('2024-11-01T05:00:00Z'), end, outDir: dir, env, endpoints: ['usage/completions'], now: new Date('2024-11-05T00:00:00Z') });
    // 12:00 on 2 Nov is still today at 13:00 that day: the end stays where it was asked for.
    await collectOpenAi({ start: new Date('2024-11-01T05:00:00Z'), end, outDir: dir, env, endpoints: ['usage/completions'], now: new Date('2024-11-02T13:00:00Z') });
    const asked = srv.requests.map((r) => new URL(r.url ?? '/', 'http://x').searchParams).map((p) => [p.get('start_time'), p.get('end_time')]);
    assert.deepEqual(asked, [[String(NOV1), String(NOV1 + 2 * DAY)], [String(NOV1), String(NOV1 + DAY + 12 * 3600)]]);
  } finally {
    await srv.close();
  }
}));

test('a saved page whose first day starts after midnight says that it restates that whole day; a page from midnight does not', () => withStore(async (store) => {
  // The cookbook capture's first bucket starts at 1736616660: 2025-01-11 17:31 UTC.
  const r = await ingest(store, [fixture('usage', 'openai', 'usage-completions-1d-cookbook.json')]);
  assert.match(r.notes[0]?.warnings.join('\n') ?? '', /first day, 2025-01-11, starts at 17:31 UTC: loading it replaces any earlier rows of that whole day/);
  const aligned = await ingest(store, [fixture('usage', 'openai', 'usage-completions-spec-example.json')]);
  assert.deepEqual(aligned.notes[0]?.warnings.filter((w) => /first day/.test(w)), []);
}));

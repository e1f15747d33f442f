/**
 * A saved OpenAI page that says has_more without a next_page cursor is a page
 * of a cut-off pull: refused with the file, the page's line and
 * `$.next_page`, and nothing stored (the live pull refuses the same page,
 * see live.test.ts). A page with its cursor still loads, with a note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../index.ts';
import { fixture } from '../../../test/helpers.ts';
import { expectRefusal, withSeededStore } from '../../../test/refusal.ts';

const page1 = JSON.parse(readFileSync(fixture('usage', 'openai', 'usage-completions-spec-example.json'), 'utf8')) as Record<string, unknown>;
const lastPage = { object: 'page', data: [{ object: 'bucket', start_time: 1730505600, end_time: 1730592000, results: [
  { object: 'organization.usage.completions.result', input_tokens: 7, output_tokens: 1, num_model_requests: 1, model: 'gpt-4o' }] }], has_more: false, next_page: null };

test('a saved OpenAI page with has_more and no cursor is refused at $.next_page; nothing stored', () => withSeededStore(async (store, dir) => {
  const p = join(dir, 'usage.json');
  writeFileSync(p, JSON.stringify({ ...page1, next_page: null }, null, 2));
  await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 1, field: '$.next_page' });
  writeFileSync(p, JSON.stringify({ ...page1, next_page: '' }, null, 2));
  await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 1, field: '$.next_page' });
}));

test('in saved NDJSON pages the page without a cursor is named by its line', () => withSeededStore(async (store, dir) => {
  const p = join(dir, 'pages.jsonl');
  writeFileSync(p, `${JSON.stringify(page1)}\n${JSON.stringify({ ...lastPage, has_more: true })}\n`);
  await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 2, field: '$.next_page' });
  // the same two pages as a complete pull load, 7 input tokens from the last page included
  writeFileSync(p, `${JSON.stringify(page1)}\n${JSON.stringify(lastPage)}\n`);
  const r = await ingest(store, [p]);
  assert.equal(r.files[0]?.status, 'loaded');
  assert.deepEqual(r.notes[0]?.warnings.filter((w) => /has_more/.test(w)), []);
}));

test('a single saved page with its cursor loads and says later pages are missing', () => withSeededStore(async (store, dir) => {
  const p = join(dir, 'first.json');
  writeFileSync(p, JSON.stringify(page1));
  const r = await ingest(store, [p]);
  assert.equal(r.files[0]?.status, 'loaded');
  assert.match(r.notes[0]?.warnings.join('\n') ?? '', /has_more = true \(next_page page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=\): later pages are not in this file/);
}));

/**
 * An Anthropic report answer for a window without buckets is Anthropic's page
 * envelope and nothing else: it loads (0 rows) like an empty OpenAI page,
 * instead of being refused as an unknown format. Envelopes that do not say
 * which API they came from stay refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutlayError } from '../../core/index.ts';
import { ingest } from '../index.ts';
import { withStore } from '../../../test/refusal.ts';

const LOADS: [string, string, string][] = [
  ['Anthropic, compact', '{"data":[],"has_more":false,"next_page":null}', 'anthropic-usage'],
  ['Anthropic, pretty-printed, keys reordered', '{\n  "has_more": false,\n  "next_page": null,\n  "data": []\n}\n', 'anthropic-usage'],
  ['OpenAI page', '{"object":"page","data":[],"has_more":false,"next_page":null}', 'openai-usage'],
];

for (const [what, body, format] of LOADS) {
  test(`an empty report (${what}) loads 0 rows as ${format}`, () => withStore(async (store, dir) => {
    const p = join(dir, 'report.json');
    writeFileSync(p, body);
    const r = await ingest(store, [p]);
    assert.equal(r.files[0]?.rows, 0);
    assert.deepEqual((await store.listSources()).map((s) => [s.format, s.rows]), [[format, 0]]);
  }));
}

const REFUSED: [string, string][] = [
  ['only data', '{"data":[]}'],
  ['a list endpoint (first_id / last_id)', '{"data":[],"has_more":false,"first_id":null,"last_id":null}'],
  ['an empty array', '[]'],
];

for (const [what, body] of REFUSED) {
  test(`${what} says no format: refused as unknown`, () => withStore(async (store, dir) => {
    const p = join(dir, 'report.json');
    writeFileSync(p, body);
    await assert.rejects(ingest(store, [p]), (e: unknown) => isOutlayError(e) && e.code === 'INGEST_UNKNOWN_FORMAT');
  }));
}

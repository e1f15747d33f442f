/**
 * The Usage API grouped by model names dated snapshots
 * ("gpt-4o-mini-2024-07-18"); the catalogue lists the family ("gpt-4o-mini",
 * 0.15 / 0.075 cached / 0.60 $ per Mtok), so the bucket is priced at it, not
 * left unpriced. The page is written by hand in the API's shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadText } from '../../../test/usage-helpers.ts';

test('a completions bucket of a dated snapshot is priced as its family', async () => {
  const l = await loadText('completions.json', JSON.stringify({ object: 'page', has_more: false, next_page: null, data: [{ object: 'bucket', start_time: 1785542400, end_time: 1785628800, results: [
      { object: 'organization.usage.completions.result', input_tokens: 1000, output_tokens: 500, input_cached_tokens: 200, input_audio_tokens: 0, output_audio_tokens: 0,
        num_model_requests: 5, project_id: 'proj_1', user_id: null, api_key_id: 'key_1', model: 'gpt-4o-mini-2024-07-18', batch: false },
    ] }] }));
  const r = l.rows[0];
  assert.equal(r?.x_PricingStatus, 'priced');
  // 800 uncached × 0.15 + 200 cached × 0.075 + 500 output × 0.60, per million = 0.000435
  assert.equal(Number(r?.x_PricedCost), 0.000435);
  assert.equal(r?.x_Model, 'gpt-4o-mini-2024-07-18', 'the model is stored as the report names it');
  assert.match(r?.x_PricingNote ?? '', /family "gpt-4o-mini"/);
});

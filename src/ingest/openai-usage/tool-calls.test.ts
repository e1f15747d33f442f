/**
 * Usage API tool-call endpoints, in the shape of the response examples of
 * `/organization/usage/file_search_calls` and `/web_search_calls` in
 * openai/openai-openapi (openapi.yaml, commit f85dbe22): their results count
 * calls in `num_requests` (file searches have no num_model_requests at all).
 * Before, a file-search page was stored as 0 requests, priced at 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadText } from '../../../test/usage-helpers.ts';

const page = (result: object) => JSON.stringify({ object: 'page', has_more: false, next_page: null,
  data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [result] }] }, null, 4);

test('file search calls: num_requests is the quantity and the request count; unpriced, not a free 0', async () => {
  const l = await loadText('file-search.json', page({ object: 'organization.usage.file_searches.result', num_requests: 7, project_id: 'proj_a', user_id: null, api_key_id: null, vector_store_id: 'vs_1' }));
  const r = l.rows[0];
  assert.equal(l.rows.length, 1);
  assert.equal(r?.ResourceType, 'OpenAI file_searches');
  assert.equal(Number(r?.ConsumedQuantity), 7);
  assert.equal(r?.ConsumedUnit, 'Requests');
  assert.equal(r?.x_Requests, '7');
  assert.equal(r?.x_PricingStatus, 'unpriced');
  assert.match(r?.ChargePeriodStart ?? '', /^2024-11-01T00:00:00/);
});

test('web search calls: the searches (num_requests), not the model requests that made them, are the quantity and x_WebSearchRequests', async () => {
  const l = await loadText('web-search.json', page({ object: 'organization.usage.web_searches.result', num_model_requests: 3, num_requests: 5, project_id: null, user_id: null, api_key_id: null, model: null, context_level: null }));
  const r = l.rows[0];
  assert.equal(Number(r?.ConsumedQuantity), 5);
  assert.equal(r?.x_WebSearchRequests, '5');
  assert.equal(r?.x_Requests, '3');
  assert.equal(r?.x_PricingStatus, 'unpriced');
});

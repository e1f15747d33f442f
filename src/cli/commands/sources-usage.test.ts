/** `outlay sources --format json` lists every token kind and GPU-hours per usage source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../store/index.ts';
import { ingest } from '../../ingest/index.ts';
import { fixture } from '../../../test/helpers.ts';
import { usageByKind } from './sources-usage.ts';

test('usage by kind per source: OpenAI audio/image splits, Anthropic 1-hour writes and web searches, OpenCost GPU-hours', async () => {
  const store = await openStore({ path: ':memory:' });
  try {
    await ingest(store, [fixture('usage', 'openai', 'usage-completions-spec-example.json'), fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json'), fixture('usage', 'opencost', 'allocation-compute-namespace-swagger-example.json')]);
    const listed = await usageByKind(store, await store.listSources());
    const by = Object.fromEntries(listed.map((s) => [s.format, s.usageByKind]));
    assert.equal(by['openai-usage']?.x_ImageInputTokens, '50');
    assert.equal(by['openai-usage']?.x_AudioOutputTokens, '50');
    assert.equal(by['anthropic-usage']?.x_CacheWrite1hTokens, '1000');
    assert.equal(by['anthropic-usage']?.x_WebSearchRequests, '10');
    assert.equal(Number(by.opencost?.x_GpuHours), 0);
  } finally {
    await store.close();
  }
});

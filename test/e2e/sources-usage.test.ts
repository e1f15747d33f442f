/**
 * `outlay sources --format json` lists, per usage source, token totals by
 * kind and GPU-hours (issue 6: "so scripts can reconcile usage as they do
 * money"), checked through the real CLI against usage/totals.json and a
 * hand-made OpenCost allocation with GPU time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, readJson, runCli, tempDir } from '../helpers.ts';

type Sums = Record<string, number | string>;
const totals = readJson<Record<string, { sums: Sums }>>(fixture('usage', 'totals.json'));

interface Listed { path: string; format: string; usage: Record<string, string>; usageByKind: Record<string, string> }

test('sources --format json: token kinds and requests per usage source equal totals.json; GPU-hours per source', () => {
  const tmp = tempDir();
  try {
    // The swagger example has no GPU time: give kube-system 2 GPUs for 8 hours (16 GPU-hours at 2 USD each).
    const alloc = JSON.parse(readFileSync(fixture('usage', 'opencost', 'allocation-compute-namespace-swagger-example.json'), 'utf8')) as { data: Record<string, Record<string, unknown>>[] };
    const ks = alloc.data[0]?.['kube-system'];
    assert.ok(ks);
    Object.assign(ks, { gpuCount: 2, gpuHours: 16, gpuCost: 32, totalCost: Number(ks.totalCost) + 32 });
    const gpuFile = join(tmp.dir, 'allocation-with-gpus.json');
    writeFileSync(gpuFile, JSON.stringify(alloc));
    const store = join(tmp.dir, 's.duckdb');
    const openai = fixture('usage', 'openai', 'usage-completions-spec-example.json');
    const anthropic = fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json');
    const ing = runCli(['--store', store, 'ingest', openai, anthropic, gpuFile]);
    assert.equal(ing.status, 0, ing.stderr);
    const listed = JSON.parse(runCli(['--store', store, 'sources', '--format', 'json']).stdout) as Listed[];
    const by = (path: string): Listed => listed.find((s) => s.path === path) ?? assert.fail(`${path} listed`);

    const o = by(openai).usageByKind;
    const os = totals['openai/usage-completions-spec-example.json']!.sums;
    // input_tokens = uncached + cache reads + cache writes; x_InputTokens is the uncached part
    assert.equal(Number(o.x_InputTokens) + Number(o.x_CachedInputTokens) + Number(o.x_CacheWriteTokens), Number(os.input_tokens));
    assert.equal(Number(o.x_CachedInputTokens), Number(os.input_cached_tokens));
    assert.equal(Number(o.x_OutputTokens), Number(os.output_tokens));
    assert.equal(Number(o.x_AudioInputTokens), Number(os.input_audio_tokens));
    assert.equal(Number(o.x_Requests), Number(os.num_model_requests));

    const a = by(anthropic).usageByKind;
    const as = totals['anthropic/usage-report-messages-docs-example.json']!.sums;
    assert.equal(Number(a.x_InputTokens), Number(as.uncached_input_tokens));
    assert.equal(Number(a.x_CachedInputTokens), Number(as['cache_read_input_tokens']));
    assert.equal(Number(a.x_CacheWriteTokens), Number(as['cache_creation.ephemeral_5m_input_tokens']) + Number(as['cache_creation.ephemeral_1h_input_tokens']));
    assert.equal(Number(a.x_CacheWrite1hTokens), Number(as['cache_creation.ephemeral_1h_input_tokens']));
    assert.equal(Number(a.x_OutputTokens), Number(as.output_tokens));
    assert.equal(Number(a.x_WebSearchRequests), Number(as['server_tool_use.web_search_requests']));

    const g = by(gpuFile);
    assert.equal(Number(g.usageByKind.x_GpuHours), 16);
    assert.equal(Number(g.usage.x_GpuHours), 16);
  } finally {
    tmp.cleanup();
  }
});

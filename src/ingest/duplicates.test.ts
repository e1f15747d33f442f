/**
 * Duplicate uploads change nothing, in every format: the same file again,
 * the same bytes under another name (alone or twice in one delivery) are
 * "unchanged", and a gzip of the same file beside it restates its rows
 * instead of adding them (telemetry logs and snapshots are keyed by their
 * file, so the gzip must count as the same file). Totals are compared before
 * and after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FULL_ACCESS, openStore, type Store } from '../store/index.ts';
import { ingest } from './index.ts';
import { fixture, tempDir } from '../../test/helpers.ts';

const FILES = [
  ['aws-cur', fixture('billing', 'aws-cur', 'focus-converters', 'sample-anonymous-aws-export-dataset.csv')],
  ['azure-cost', fixture('billing', 'azure', 'finops-toolkit', 'EA_AmortizedCost_Small.csv')],
  ['gcp-billing', fixture('billing', 'gcp', 'koku', 'evidence-2020-11-16.csv')],
  ['openai-usage', fixture('usage', 'openai', 'usage-completions-1d-cookbook.json')],
  ['anthropic-usage', fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json')],
  ['litellm', fixture('usage', 'litellm', 'spendlogs-row-docs-example.json')],
  ['opencost', fixture('usage', 'opencost', 'allocation-compute-namespace-swagger-example.json')],
  ['nvidia-smi', fixture('metrics', 'nvidia-smi', 'linux-x86_64__nvidia-l40s__595.80__load.query-gpu.csv')],
  ['prometheus', fixture('metrics', 'dcgm-exporter-sample.prom')],
] as const;

async function totals(store: Store): Promise<unknown> {
  const q = await store.query({ measures: ['billed', 'effective', 'input_tokens', 'gpu_hours', 'rows'], groupBy: [] }, FULL_ACCESS);
  return q.rows;
}

for (const [format, original] of FILES) {
  test(`duplicate uploads of ${format} change nothing`, async () => {
    const { dir, cleanup } = tempDir();
    const store = await openStore({ path: ':memory:' });
    try {
      mkdirSync(join(dir, 'export'));
      const path = join(dir, 'export', basename(original));
      copyFileSync(original, path);
      const first = await ingest(store, [path]);
      assert.equal(first.notes[0]?.format.startsWith(format.split('-')[0] ?? format), true, `read as ${first.notes[0]?.format}`);
      assert.ok((first.files[0]?.rows ?? 0) > 0);
      const want = await totals(store);
      assert.equal((await ingest(store, [path])).files[0]?.status, 'unchanged', 'the same file again');
      const copy = join(dir, `copy-${basename(path)}`);
      copyFileSync(path, copy);
      const copy2 = join(dir, `copy2-${basename(path)}`);
      copyFileSync(path, copy2);
      const copies = await ingest(store, [copy, copy2]);
      assert.deepEqual(copies.files.map((f) => f.status), ['unchanged', 'unchanged'], 'the same bytes under other names');
      assert.deepEqual(await totals(store), want);
      const gz = `${path}.gz`;
      writeFileSync(gz, gzipSync(readFileSync(path)));
      await ingest(store, [gz]);
      assert.deepEqual(await totals(store), want, 'a gzip of the same file restates, never adds');
    } finally {
      await store.close();
      cleanup();
    }
  });
}

test('the same new file twice in one delivery is stored once', async () => {
  const { dir, cleanup } = tempDir();
  const a = fixture('usage', 'openai', 'usage-completions-spec-example.json');
  const b = join(dir, 'again.json');
  copyFileSync(a, b);
  const store = await openStore({ path: ':memory:' });
  try {
    const r = await ingest(store, [a, b]);
    assert.deepEqual(r.files.map((f) => f.status).sort(), ['loaded', 'unchanged']);
    const q = await store.query({ measures: ['input_tokens', 'rows'], groupBy: [] }, FULL_ACCESS);
    assert.deepEqual(q.rows.map((x) => [x.x_InputTokens, x.Rows]), [['500', '1']]);
  } finally {
    await store.close();
    cleanup();
  }
});

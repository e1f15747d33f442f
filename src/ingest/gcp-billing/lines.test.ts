/**
 * Hand-made Google Cloud export rows as BigQuery writes them: JSON lines with
 * nested records, and the same rows as Parquet with STRUCT/LIST columns, load
 * the same; GPU SKUs give GPU-hours, Vertex AI token SKUs give model and
 * tokens, credits reduce the billed cost; bad input names line and JSON path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isOutlayError } from '../../core/index.ts';
import { FULL_ACCESS, openStore, type Store } from '../../store/index.ts';
import { ingest } from '../index.ts';
import { tempDir } from '../../../test/helpers.ts';
import { withStore } from '../../../test/refusal.ts';

const base = {
  billing_account_id: '01ABCD-234567-89EFGH', invoice: { month: '202506' }, currency: 'USD', cost_type: 'regular',
  project: { id: 'ml-prod', name: 'ML prod', labels: [{ key: 'team', value: 'vision' }] }, location: { location: 'us-central1', region: 'us-central1', zone: 'us-central1-a' },
  usage_start_time: '2025-06-02 10:00:00 UTC', usage_end_time: '2025-06-02 11:00:00 UTC', labels: [], system_labels: [], credits: [],
};

const ROWS = [
  { ...base, service: { id: '6F81-5844-456A', description: 'Compute Engine' }, sku: { id: 'A1', description: 'Nvidia Tesla A100 GPU running in Americas' },
    usage: { amount: 7200, unit: 'seconds', amount_in_pricing_units: 2, pricing_unit: 'hour' }, cost: 5.86,
    system_labels: [{ key: 'compute.googleapis.com/machine_spec', value: 'a2-highgpu-2g' }], labels: [{ key: 'team', value: 'Research' }],
    credits: [{ name: 'Committed use discount', amount: -1.5, full_name: null, id: 'x', type: 'COMMITTED_USAGE_DISCOUNT' }] },
  { ...base, service: { id: '6F81-5844-456A', description: 'Compute Engine' }, sku: { id: 'A2', description: 'A2 Instance Core running in Americas' },
    usage: { amount: 86400, unit: 'seconds', amount_in_pricing_units: 24, pricing_unit: 'hour' }, cost: 0.75,
    system_labels: [{ key: 'compute.googleapis.com/machine_spec', value: 'a2-highgpu-2g' }] },
  { ...base, service: { id: 'C7E2-9256-1C43', description: 'Vertex AI' }, sku: { id: 'G1', description: 'Gemini 2.0 Flash Text Input Tokens' },
    usage: { amount: 1200000, unit: 'count', amount_in_pricing_units: 1.2, pricing_unit: 'count * 1e6' }, cost: 0.18 },
  { ...base, service: { id: 'C7E2-9256-1C43', description: 'Vertex AI' }, sku: { id: 'G2', description: 'Gemini 2.0 Flash Text Output Tokens' },
    usage: { amount: 50000, unit: 'count', amount_in_pricing_units: 0.05, pricing_unit: 'count * 1e6' }, cost: 0.03,
    credits: [{ name: 'Free trial', amount: -0.01, type: 'FREE_TRIAL' }, { name: 'Promo', amount: -0.02, type: 'PROMOTION' }] },
];

const jsonl = (rows: readonly object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function totals(store: Store): Promise<Record<string, string | null>> {
  const q = await store.query({ measures: ['billed', 'effective', 'contracted', 'gpu_hours', 'input_tokens', 'output_tokens', 'rows'], groupBy: [] }, FULL_ACCESS);
  return q.rows[0] ?? {};
}

test('Google Cloud JSON lines and Parquet exports load the same: credits, GPU-hours, Vertex AI tokens', async () => {
  const { dir, cleanup } = tempDir();
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const json = join(dir, 'billing-export.jsonl');
    writeFileSync(json, jsonl(ROWS));
    const parquet = join(dir, 'billing-export.parquet');
    await conn.run(`COPY (SELECT * FROM read_json('${json}')) TO '${parquet}' (FORMAT parquet)`);
    const results: Record<string, string | null>[] = [];
    for (const path of [json, parquet]) {
      const store = await openStore({ path: ':memory:' });
      try {
        const r = await ingest(store, [path]);
        assert.equal(r.notes[0]?.format, 'gcp-billing', path);
        assert.equal(r.files[0]?.rows, 4);
        results.push(await totals(store));
        assert.deepEqual([...await store.dimensionValues('model', FULL_ACCESS)], ['gemini-2.0-flash']);
        assert.deepEqual([...await store.dimensionValues('team', FULL_ACCESS)].sort(), ['research', 'vision']);
        const gpu = await store.query({ measures: ['rows'], groupBy: ['gpu_type', 'pricing_category'], filters: [{ dimension: 'gpu_type', op: 'not_null', values: [] }] }, FULL_ACCESS);
        assert.deepEqual(gpu.rows.map((x) => `${x.x_GpuModel}|${x.PricingCategory}|${x.Rows}`).sort(), ['NVIDIA A100 40GB|Committed|1', 'NVIDIA A100 40GB|Standard|1']);
      } finally {
        await store.close();
      }
    }
    const [fromJson, fromParquet] = results;
    assert.equal(fromJson?.ContractedCost, '6.82');
    assert.equal(fromJson?.BilledCost, '5.29'); // 6.82 − 1.5 − 0.01 − 0.02
    assert.equal(fromJson?.EffectiveCost, '5.29');
    assert.equal(fromJson?.x_GpuHours, '2.00'); // the GPU SKU only: 7200 GPU-seconds; the core line is not counted again
    assert.equal(fromJson?.x_InputTokens, '1200000');
    assert.equal(fromJson?.x_OutputTokens, '50000');
    assert.deepEqual(fromParquet, fromJson);
  } finally {
    conn.closeSync();
    db.closeSync();
    cleanup();
  }
});

/** Every scalar as a JSON string, as `bq query --format=json` writes them. */
const asStrings = (v: unknown): unknown => (Array.isArray(v) ? v.map(asStrings)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asStrings(x)]))
    : v === null ? null : String(v));

test('Google Cloud JSON arrays (pretty-printed or one line, values as strings) load as the JSON lines do', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const shapes = {
      'pretty.json': JSON.stringify(ROWS, null, 2),
      'one-line.json': JSON.stringify(ROWS),
      'strings.json': JSON.stringify(asStrings(ROWS)),
    };
    for (const [name, text] of Object.entries(shapes)) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const store = await openStore({ path: ':memory:' });
      try {
        const r = await ingest(store, [path]);
        assert.equal(r.notes[0]?.format, 'gcp-billing', name);
        const t = await totals(store);
        // Hand totals of ROWS: cost 5.86 + 0.75 + 0.18 + 0.03; credits −1.5, −0.01, −0.02.
        assert.deepEqual([t.Rows, t.ContractedCost, t.BilledCost, t.x_GpuHours, t.x_InputTokens, t.x_OutputTokens], ['4', '6.82', '5.29', '2.00', '1200000', '50000'], name);
      } finally {
        await store.close();
      }
    }
  } finally {
    cleanup();
  }
});

test('Google Cloud JSON: a bad cost is refused with its line and JSON path; nothing is stored', async () => {
  await withStore(async (store, dir) => {
    const path = join(dir, 'export.json');
    writeFileSync(path, jsonl([ROWS[0] ?? {}, { ...ROWS[1], cost: 'n/a' }, ROWS[2] ?? {}]));
    await assert.rejects(ingest(store, [path]), (e: unknown) => {
      assert.ok(isOutlayError(e));
      assert.equal(e.code, 'INGEST_BAD_ROW');
      assert.equal(e.details.line, 2);
      assert.equal(e.details.field, '$.cost');
      return true;
    });
    writeFileSync(path, jsonl([ROWS[0] ?? {}, ROWS[1] ?? {}, { ...ROWS[2], invoice: { month: '202513' } }]));
    await assert.rejects(ingest(store, [path]), (e: unknown) => isOutlayError(e) && e.details.line === 3 && e.details.field === '$.invoice.month');
    writeFileSync(path, jsonl([{ ...ROWS[0], currency: undefined }]));
    await assert.rejects(ingest(store, [path]), (e: unknown) => isOutlayError(e) && e.code === 'INGEST_MISSING_COLUMN' && e.details.field === '$.currency');
    assert.equal((await store.listSources()).length, 0);
  });
});

test('Google Cloud: a newer export of the same invoice month replaces the older; the same file twice changes nothing', async () => {
  await withStore(async (store, dir) => {
    const may = { ...ROWS[1], invoice: { month: '202505' }, usage_start_time: '2025-05-30 10:00:00 UTC', usage_end_time: '2025-05-30 11:00:00 UTC', cost: 1 };
    const v1 = join(dir, 'export-v1.jsonl');
    writeFileSync(v1, jsonl([may, ROWS[1] ?? {}]));
    const v2 = join(dir, 'export-v2.jsonl');
    writeFileSync(v2, jsonl([{ ...ROWS[1], cost: 0.8 }, ROWS[2] ?? {}]));
    await ingest(store, [v1]);
    assert.equal((await ingest(store, [v1])).files[0]?.status, 'unchanged');
    assert.equal((await totals(store)).BilledCost, '1.75');
    const r = await ingest(store, [v2]);
    assert.equal(r.files[0]?.replacedRows, 1, 'only June is restated');
    const t = await totals(store);
    assert.equal(t.BilledCost, '1.98'); // May 1 + June 0.8 + 0.18
    assert.equal(t.Rows, '3');
  });
});

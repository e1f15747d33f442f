/**
 * A gzip cut short (an interrupted download) in every format that may come
 * gzipped: refused as INGEST_IO naming the file, the line where the readable
 * text stops and the field "(gzip)", with the store left as it was. The
 * whole file loads, so the refusal is about the cut and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingest } from './index.ts';
import { FOCUS_MIN_HEADER, focusRow, writeCsv } from '../../test/helpers.ts';
import { AZURE_HEADER, azureLine, gcpRow } from '../../test/format-samples.ts';
import { expectRefusal, withSeededStore } from '../../test/refusal.ts';

const N = 1000;
const lines = (f: (i: number) => string): string => Array.from({ length: N }, (_, i) => f(i)).join('\n') + '\n';
const day = (i: number): string => `2025-06-${String(1 + (i % 28)).padStart(2, '0')}`;

const openAiPage = JSON.stringify({ object: 'page', has_more: false, next_page: null, data: Array.from({ length: N }, (_, i) => ({
  object: 'bucket', start_time: 1748736000 + i * 3600, end_time: 1748736000 + (i + 1) * 3600,
  results: [{ object: 'organization.usage.completions.result', input_tokens: i, output_tokens: 1, num_model_requests: 1, model: 'gpt-4o' }],
})) }, null, 1);

const focusCsv = (dir: string): string => readFileSync(writeCsv(join(dir, 'focus.csv'), FOCUS_MIN_HEADER, Array.from({ length: N }, (_, i) => focusRow({ ResourceId: `i-${i}`, BilledCost: '0.01' }))), 'utf8');

/** name → [file body, ingest options]: each a whole, valid file of its format. */
const FORMATS: Record<string, [string | ((dir: string) => string), { mapping?: string }?]> = {
  'focus.csv.gz': [focusCsv],
  'azure-export.csv.gz': [`${AZURE_HEADER.join(',')}\n${lines((i) => azureLine(i))}`],
  'gcp-export.jsonl.gz': [lines((i) => gcpRow(i))],
  'openai-usage.json.gz': [openAiPage],
  'nvidia-smi.csv.gz': [`timestamp, name, uuid, utilization.gpu [%], memory.used [MiB]\n${lines((i) => `2026/07/14 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000, NVIDIA L4, GPU-${i % 4}, 12 %, 5 MiB`)}`],
  'feed.csv.gz': [`day,amount_usd,host\n${lines((i) => `${day(i)},0.01,node-${i}`)}`, { mapping: 'map.json' }],
};

for (const [name, [body, opts]] of Object.entries(FORMATS)) {
  test(`truncated gzip: ${name}`, () => withSeededStore(async (store, dir) => {
    const text = typeof body === 'string' ? body : body(dir);
    const gz = gzipSync(text);
    const mapping = opts?.mapping ? join(dir, opts.mapping) : undefined;
    if (mapping) writeFileSync(mapping, JSON.stringify({ columns: { ChargePeriodStart: 'day', BilledCost: 'amount_usd', ResourceId: 'host' }, constants: { ProviderName: 'Internal', BillingAccountId: 'chargeback' } }));
    const cut = join(dir, 'cut', name);
    mkdirSync(join(dir, 'cut'));
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const err = await expectRefusal(store, [cut], { code: 'INGEST_IO', file: cut, field: '(gzip)' }, { mapping });
    assert.match(err.message, /truncated/);
    const line = Number(err.details.line);
    assert.ok(line > 1 && line < text.split('\n').length, `the line where the text stops (${line}) is inside the file`);
    const whole = join(dir, name);
    writeFileSync(whole, gz);
    const r = await ingest(store, [whole], { mapping });
    assert.equal(r.files[0]?.status, 'loaded', 'the whole gzip loads');
    assert.ok((r.files[0]?.rows ?? 0) > 0);
  }));
}

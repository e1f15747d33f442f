/**
 * One bad value in every importer, against a store that already holds a
 * delivery: refused with the file, the line (CSV, XML, exposition) or the
 * line of the JSON object and its JSON path, and the field; the store is
 * left exactly as it was. Clock skew (a period or span that ends before it
 * starts, once offsets are applied) is refused the same way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_ACCESS } from '../store/index.ts';
import { ingest } from './index.ts';
import { fixture } from '../../test/helpers.ts';
import { CUR_HEADER, curLine } from '../../test/cur-lines.ts';
import { AZURE_HEADER, azureLine, gcpRow } from '../../test/format-samples.ts';
import { expectRefusal, withSeededStore } from '../../test/refusal.ts';

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);
const ns = (iso: string): string => `${BigInt(Date.parse(iso)) * 1_000_000n}`;
const attr = (key: string, v: string | number) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } });
const otelSpans = (start: string, end: string) => ({ resourceSpans: [{ resource: { attributes: [attr('service.name', 'bot')] }, scopeSpans: [{ scope: { name: 'x' }, spans: [{
  traceId: 'a'.repeat(32), spanId: '1'.padStart(16, '0'), name: 'chat', kind: 3, startTimeUnixNano: ns(start), endTimeUnixNano: ns(end),
  attributes: [attr('gen_ai.operation.name', 'chat'), attr('gen_ai.provider.name', 'openai'), attr('gen_ai.request.model', 'gpt-4o'), attr('gen_ai.usage.input_tokens', 5), attr('gen_ai.usage.output_tokens', 1)],
}] }] }] });
const litellm = (over: Record<string, unknown>) => [
  { request_id: 'r1', spend: 0.5, prompt_tokens: 1, completion_tokens: 1, model: 'gpt-4o', startTime: '2024-05-03T18:41:02Z', endTime: '2024-05-03T18:41:03Z' },
  { request_id: 'r2', spend: 0.5, prompt_tokens: 1, completion_tokens: 1, model: 'gpt-4o', startTime: '2024-05-03T18:41:02Z', endTime: '2024-05-03T18:41:03Z', ...over },
];
const opencost = (over: Record<string, unknown>): string => {
  const doc = JSON.parse(readFileSync(fixture('usage', 'opencost', 'allocation-compute-namespace-swagger-example.json'), 'utf8')) as { data: Record<string, object>[] };
  Object.assign(doc.data[0]?.['kube-system'] ?? {}, over);
  return pretty(doc);
};
const xmlWithBadUtil = readFileSync(fixture('metrics', 'nvidia-smi', 'telegraf__a10g__515.105.01.nvidia-smi-q-x.xml'), 'utf8').replace(/<gpu_util>[^<]*<\/gpu_util>/, '<gpu_util>lots %</gpu_util>');
const FEED_MAP = { columns: { ChargePeriodStart: 'day', BilledCost: 'amount_usd', ResourceId: 'host' }, constants: { ProviderName: 'Internal', BillingAccountId: 'chargeback' } };

/** [case, file name, body, expected line, expected field]; lines counted by hand from the bodies. */
const CASES: [string, string, string, number, string][] = [
  ['CUR: a cost that is not a number', 'cur.csv', [CUR_HEADER.join(','), curLine().join(','), curLine({ 'lineItem/UnblendedCost': 'n/a' }).join(',')].join('\n'), 3, 'lineItem/UnblendedCost'],
  ['Azure: a date that is not a date', 'azure.csv', [AZURE_HEADER.join(','), azureLine(0), azureLine(1, { date: '31/31/2025' })].join('\n'), 3, 'date'],
  ['Azure: a cost that is not a number', 'azure.csv', [AZURE_HEADER.join(','), azureLine(0), azureLine(1), azureLine(2, { costInBillingCurrency: '1.5.0' })].join('\n'), 4, 'costInBillingCurrency'],
  // an unquoted decimal comma gives the line one cell more than the header
  ['Azure: a line with more cells than the header', 'azure.csv', [AZURE_HEADER.join(','), azureLine(0), azureLine(1), azureLine(2, { costInBillingCurrency: '1,5' })].join('\n'), 4, '(row)'],
  ['GCP: a cost that is not a number', 'gcp.jsonl', [gcpRow(0), gcpRow(1, { cost: 'n/a' })].join('\n'), 2, '$.cost'],
  // the bucket object opens on line 6: {, "object", "has_more", "next_page", "data": [, {
  ['OpenAI usage: a bucket ending before it starts', 'openai.json', pretty({ object: 'page', has_more: false, next_page: null, data: [{ object: 'bucket', start_time: 1730505600, end_time: 1730419200,
    results: [{ object: 'organization.usage.completions.result', input_tokens: 1, output_tokens: 1, model: 'gpt-4o' }] }] }), 6, '$.data[0].end_time'],
  // costs-spec-example.json: the amount object opens on line 11
  ['OpenAI costs: an amount that is not a number', 'costs.json', readFileSync(fixture('usage', 'openai', 'costs-spec-example.json'), 'utf8').replace(/"value": *[0-9.]+/, '"value": "x1"'), 11, '$.data[0].results[0].amount.value'],
  // 00:00 at +02:00 is 22:00Z the day before, so an end of 21:00Z is before the start (bucket on line 3: {, "data": [, {)
  ['Anthropic: clock skew, a bucket ending before its start once the offset is applied', 'anthropic.json', pretty({ data: [{ starting_at: '2025-08-01T00:00:00+02:00', ending_at: '2025-07-31T21:00:00Z',
    results: [{ uncached_input_tokens: 5, output_tokens: 1, cache_read_input_tokens: 0, model: 'claude-sonnet-4-20250514' }] }], has_more: false, next_page: null }), 3, '$.data[0].ending_at'],
  // second element: [ (1), { r1 … } (2–10), { r2 (11)
  ['LiteLLM: a negative token count', 'litellm.json', pretty(litellm({ prompt_tokens: -3 })), 11, '$[1].prompt_tokens'],
  ['LiteLLM: clock skew, a request ending before it starts', 'litellm.json', pretty(litellm({ endTime: '2024-05-03T18:40:00Z' })), 11, '$[1].endTime'],
  // span object: {, "resourceSpans": [, {, "resource": {, "attributes": [ + 4 lines of the one attribute, ], }, "scopeSpans": [, {, "scope": {, "name", }, "spans": [, { (line 20)
  ['OTel GenAI: clock skew, a span ending before it starts', 'spans.json', pretty(otelSpans('2026-08-03T10:00:02Z', '2026-08-03T10:00:00Z')), 20, '$.resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano'],
  // the swagger example puts data[0]["kube-system"] on line 6 once pretty-printed: {, "code", "status", "data": [, {, "kube-system": {
  ['OpenCost: a cost that is not a number', 'opencost.json', opencost({ gpuCost: 'lots' }), 6, '$.data[0]["kube-system"].gpuCost'],
  ['OpenCost: clock skew, an allocation ending before it starts', 'opencost.json', opencost({ end: '2023-01-17T00:00:00Z' }), 6, '$.data[0]["kube-system"].end'],
  ['nvidia-smi CSV: a cell that is not a number with a unit', 'gpu.csv', 'timestamp, name, uuid, utilization.gpu [%], memory.used [MiB]\n2026/07/14 10:00:00.000, NVIDIA L4, GPU-1, 12 %, 5 MiB\n2026/07/14 10:01:00.000, NVIDIA L4, GPU-1, lots, 5 MiB\n', 3, 'utilization.gpu [%]'],
  // XML refusals point at the line of the enclosing element (<utilization>), the one before <gpu_util>
  ['nvidia-smi XML: a utilisation that is not a number', 'gpu.xml', xmlWithBadUtil, xmlWithBadUtil.split('\n').findIndex((l) => l.includes('lots %')), 'utilization/gpu_util'],
  ['Prometheus exposition: a sample that is not a number', 'dcgm.prom', '# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1"} 5\nDCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-1"} lots\n', 3, 'DCGM_FI_DEV_FB_USED'],
  ['generic CSV: an amount that is not a number names the feed\'s column', 'feed.csv', 'day,amount_usd,host\n2025-06-01,1,a\n2025-06-02,ten,b\n', 3, 'amount_usd'],
];

for (const [what, name, body, line, field] of CASES) {
  test(`${what}: file, line and field named; store unchanged`, () => withSeededStore(async (store, dir) => {
    const p = join(dir, name);
    writeFileSync(p, body);
    let mapping: string | undefined;
    if (name === 'feed.csv') writeFileSync(mapping = join(dir, 'map.json'), JSON.stringify(FEED_MAP));
    await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line, field }, { mapping });
  }));
}

test('usage time stamps with offsets are stored as UTC instants', () => withSeededStore(async (store, dir) => {
  const p = join(dir, 'anthropic.json');
  writeFileSync(p, pretty({ data: [{ starting_at: '2025-08-01T00:00:00+02:00', ending_at: '2025-08-02T00:00:00+02:00',
    results: [{ uncached_input_tokens: 5, output_tokens: 1, cache_read_input_tokens: 0, model: 'claude-sonnet-4-20250514' }] }], has_more: false, next_page: null }));
  await ingest(store, [p]);
  const q = await store.query({ measures: ['input_tokens'], groupBy: [], grain: 'hour', filters: [{ dimension: 'provider', op: 'eq', values: ['Anthropic'] }] }, FULL_ACCESS);
  assert.deepEqual(q.rows.map((r) => [r.ChargePeriodStart, r.x_InputTokens]), [['2025-07-31T22:00:00Z', '5']]);
}));

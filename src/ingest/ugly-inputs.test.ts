/**
 * Ugly real-world input found by the robustness sweep (docs/importers.md,
 * "Ugly input"): numbers too large for the store, named by their JSON path
 * rather than by the CostRecord column the load's cast would name; fractional
 * counts in CSV refused instead of rounded; a LiteLLM spend report whose
 * totals are not all in its per-model lists kept whole; blank JSON files
 * refused as empty. Plus the cheap cells of the sweep that already worked:
 * fixtures with a BOM, CRLF and trailing blank lines, gzipped, load the
 * amounts written in them. Expected figures are read off the fixtures or
 * summed by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FULL_ACCESS, type Store } from '../store/index.ts';
import { ingest } from './index.ts';
import { FOCUS_MIN_HEADER, fixture, focusRow, writeCsv } from '../../test/helpers.ts';
import { expectRefusal, withSeededStore, withStore } from '../../test/refusal.ts';

const BIG = '123456789012345678901234567890'; // 30 digits: over BIGINT and over DECIMAL(38,12)'s 26 whole digits
const ns = (iso: string): string => `${BigInt(Date.parse(iso)) * 1_000_000n}`;
const span = (tokens: string) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'x' }, spans: [{
  traceId: 'a'.repeat(32), spanId: '1'.padStart(16, '0'), name: 'chat', kind: 3, startTimeUnixNano: ns('2026-08-03T10:00:00Z'), endTimeUnixNano: ns('2026-08-03T10:00:02Z'),
  attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'chat' } }, { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
    { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } }, { key: 'gen_ai.usage.input_tokens', value: { intValue: tokens } }],
}] }] }] });
const openAiPage = JSON.stringify({ object: 'page', has_more: false, next_page: null, data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600,
  results: [{ object: 'organization.usage.completions.result', input_tokens: 1, output_tokens: 1, model: 'gpt-4o' }] }] });
const anthropicCost = JSON.stringify({ data: [{ starting_at: '2025-08-01T00:00:00Z', ending_at: '2025-08-02T00:00:00Z',
  results: [{ currency: 'USD', amount: '1.5', cost_type: 'tokens', model: 'claude-sonnet-4-20250514', token_type: 'uncached_input_tokens' }] }], has_more: false, next_page: null });
const litellmLog = JSON.stringify([{ request_id: 'r1', spend: 0.5, prompt_tokens: 1, completion_tokens: 1, model: 'gpt-4o', startTime: '2024-05-03T18:41:02Z', endTime: '2024-05-03T18:41:03Z' }]);
const opencost = readFileSync(fixture('usage', 'opencost', 'allocation-compute-namespace-swagger-example.json'), 'utf8');

/** [case, file name, one-line JSON body, field]: each on line 1, so the line is 1. */
const TOO_LARGE: [string, string, string, string][] = [
  ['OpenAI usage: a token count over BIGINT', 'usage.json', openAiPage.replace('"input_tokens":1', `"input_tokens":${BIG}`), '$.data[0].results[0].input_tokens'],
  ['Anthropic cost: an amount in cents over 26 digits', 'cost.json', anthropicCost.replace('"1.5"', `"${BIG}"`), '$.data[0].results[0].amount'],
  ['LiteLLM spend log: a spend of 1e300', 'spend.json', litellmLog.replace('"spend":0.5', '"spend":1e300'), '$[0].spend'],
  ['OpenCost: a total cost of 1e300', 'alloc.json', opencost.replace('"totalCost":0.425469', '"totalCost":1e300'), '$.data[0]["kube-system"].totalCost'],
  ['OTel GenAI: an intValue over BIGINT', 'spans.json', span(BIG), 'gen_ai.usage.input_tokens'],
];

for (const [what, name, body, field] of TOO_LARGE) {
  test(`${what}: refused naming its JSON path, store unchanged`, () => withSeededStore(async (store, dir) => {
    const p = join(dir, name);
    writeFileSync(p, body);
    const err = await expectRefusal(store, [p], { code: 'INGEST_BAD_ROW', file: p, line: 1, field });
    assert.match(err.message, /too large|at most/);
  }));
}

test('CSV: a fractional count is refused, not rounded; a whole count written "2.0" loads; a huge cost says it is too large', () => withSeededStore(async (store, dir) => {
  const header = [...FOCUS_MIN_HEADER, 'x_InputTokens'];
  const frac = writeCsv(join(dir, 'frac.csv'), header, [focusRow({ x_InputTokens: '2.0' }), focusRow({ x_InputTokens: '1.5' })]);
  const err = await expectRefusal(store, [frac], { code: 'INGEST_BAD_ROW', file: frac, line: 3, field: 'x_InputTokens' });
  assert.deepEqual((err.details.rejected as { reason: string }[]).map((r) => r.reason), ['not a whole number']);
  const big = writeCsv(join(dir, 'big.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: BIG })]);
  const err2 = await expectRefusal(store, [big], { code: 'INGEST_BAD_ROW', file: big, line: 2, field: 'BilledCost' });
  assert.match(String((err2.details.rejected as { reason: string }[])[0]?.reason), /too large/);
  await ingest(store, [writeCsv(join(dir, 'whole.csv'), header, [focusRow({ BillingAccountId: 'w', x_InputTokens: '2.0' }), focusRow({ BillingAccountId: 'w', ResourceId: 'i-2', x_InputTokens: '3' })])]);
  const q = await store.query({ measures: ['input_tokens'], groupBy: [] }, FULL_ACCESS);
  assert.equal(q.rows[0]?.x_InputTokens, '5');
}));

async function billedAndTokens(store: Store): Promise<[unknown, unknown, unknown]> {
  const q = await store.query({ measures: ['billed', 'input_tokens', 'rows'], groupBy: [] }, FULL_ACCESS);
  return [q.rows[0]?.BilledCost, q.rows[0]?.x_InputTokens, q.rows[0]?.Rows];
}

test('LiteLLM spend report by key: a key without model_details keeps its total cost and tokens', () => withStore(async (store, dir) => {
  const doc = JSON.parse(readFileSync(fixture('usage', 'litellm', 'global-spend-report-by-internal-user-docs.json'), 'utf8')) as { model_details: unknown[] }[];
  doc[0]!.model_details = [];
  const p = join(dir, 'report.json');
  writeFileSync(p, JSON.stringify(doc, null, 2));
  const r = await ingest(store, [p]);
  // The docs' file: total_cost 0.00013132 + 5.2699999999999993e-05 + 9.42e-06 (its three keys) = 0.00019344 at 12 decimals;
  // key 0 is now one row (its 105 input tokens) instead of two, so 2 + 1 + 1 = 4 rows; input 105 + 26 + 30 = 161.
  assert.deepEqual(await billedAndTokens(store), ['0.00019344', '161', '4']);
  assert.match(r.notes[0]?.warnings.join('\n') ?? '', /\$\[0\]: total_cost 0\.00013132 is not all in its model_details/);
}));

test('LiteLLM spend report by day: a team whose metadata does not add up keeps its total_spend', () => withStore(async (store, dir) => {
  const p = join(dir, 'by-day.json');
  writeFileSync(p, JSON.stringify([{ group_by_day: '2024-04-30T00:00:00.000Z', teams: [
    { team_name: 'Prod Team', total_spend: 0.0015265, metadata: [{ model: 'gpt-4', spend: 0.00123, total_tokens: 28 }, { model: 'gpt-4o', spend: 0.000214, total_tokens: 122 }] },
    { team_name: 'Test Team', total_spend: 0.5, metadata: [] },
  ] }]));
  await ingest(store, [p]);
  // 0.0015265 + 0.5 by hand; rows: two models, Prod Team's rest (0.0000825), Test Team's whole spend.
  assert.deepEqual(await billedAndTokens(store), ['0.5015265', '0', '4']);
}));

test('a JSON file of blank lines is an empty file, not an unknown format', () => withStore(async (store, dir) => {
  const p = join(dir, 'usage.json');
  writeFileSync(p, '\uFEFF\r\n  \n\t\n');
  await assert.rejects(ingest(store, [p]), (e: Error & { code?: string }) => e.code === 'INGEST_EMPTY_FILE' && e.message.includes(p));
}));

/** [fixture, BilledCost, x_InputTokens, rows] as written in the fixture files. */
const FIXTURES: [string[], string, string, string][] = [
  [['usage', 'openai', 'costs-spec-example.json'], '0.06', '0', '1'],
  [['usage', 'anthropic', 'cost-report-docs-example.json'], '1.2378912', '0', '1'], // amount "123.78912" cents
  [['usage', 'litellm', 'spendlogs-row-docs-example.json'], '0.000002', '20', '1'],
];

for (const [parts, billed, tokens, rows] of FIXTURES) {
  test(`${parts.at(-1)}: with a BOM, CRLF and trailing blank lines, and gzipped, loads what it says`, () => withStore(async (store, dir) => {
    const ugly = `\uFEFF${readFileSync(fixture(...parts), 'utf8').replace(/\r?\n/g, '\r\n')}\r\n\r\n`;
    const p = join(dir, 'ugly.json');
    writeFileSync(p, ugly);
    await ingest(store, [p]);
    assert.deepEqual(await billedAndTokens(store), [billed, tokens, rows]);
    writeFileSync(`${p}.gz`, gzipSync(ugly));
    await ingest(store, [`${p}.gz`]);
    assert.deepEqual(await billedAndTokens(store), [billed, tokens, rows], 'the gzip restates the same file');
  }));
}

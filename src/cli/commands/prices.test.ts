import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { register } from './prices.ts';

async function run(args: string[]): Promise<string> {
  const program = new Command('outlay').exitOverride();
  register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  // The command writes strings. The action loads its module first, and while it
  // waits the test runner may send its own (binary) reports: let those through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'outlay', 'prices', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

test('outlay prices explains an instance price with its source and date', async () => {
  const json = JSON.parse(await run(['--instance', 'p5.48xlarge', '--at', '2026-01-15', '--format', 'json']));
  const od = json.prices.find((p: { pricing: string }) => p.pricing === 'on_demand');
  assert.equal(od.price, '55.04');
  assert.equal(od.price_date, '2025-11-30');
  assert.match(od.item, /8 × NVIDIA H100/);
  assert.match(od.source, /vantage/);
});

test('outlay prices picks the token price in force on the date', async () => {
  const before = JSON.parse(await run(['--provider', 'anthropic', '--model', 'claude-sonnet-5', '--at', '2026-08-15', '--format', 'json']));
  const after = JSON.parse(await run(['--provider', 'anthropic', '--model', 'claude-sonnet-5', '--at', '2026-09-15', '--format', 'json']));
  assert.equal(before.prices[0].price, '2 / 10 / 0.2 / 2.5');
  assert.equal(after.prices[0].price, '3 / 15 / 0.3 / 3.75');
  const table = await run(['--model', 'gpt-4o-mini', '--provider', 'openai', '--at', '2026-08-01']);
  assert.match(table, /gpt-4o-mini\s+all\s+in \/ out \/ cached \/ write\s+0\.15 \/ 0\.6 \/ 0\.075 \/ -/);
});

test('outlay prices refuses an unknown filter with NOT_FOUND', async () => {
  await assert.rejects(run(['--model', 'no-such-model']), (e: unknown) => (e as { code?: string }).code === 'NOT_FOUND');
});

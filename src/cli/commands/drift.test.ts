/**
 * Drift between Outlay's priced usage and the provider's invoice: a day of
 * Anthropic usage (priced by kind) beside that day's cost report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openStore } from '../../store/index.ts';
import { ingest } from '../../ingest/index.ts';
import { fixture, tempDir } from '../../../test/helpers.ts';
import { usageDrift, type DriftRow } from './drift.ts';

/** The Anthropic docs example usage and cost reports plus one more cost report (`extra`, cents), loaded; their drift rows. */
async function driftWith(extra: { day: string; currency: string; amount: string }): Promise<DriftRow[]> {
  const t = tempDir();
  const store = await openStore({ path: ':memory:' });
  try {
    const usage = fixture('usage', 'anthropic', 'usage-report-messages-docs-example.json');
    const cost = fixture('usage', 'anthropic', 'cost-report-docs-example.json');
    const next = new Date(Date.parse(`${extra.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const more = join(t.dir, `cost-${extra.day}-${extra.currency}.json`);
    writeFileSync(more, JSON.stringify({ data: [{ starting_at: `${extra.day}T00:00:00Z`, ending_at: `${next}T00:00:00Z`, results: [{ currency: extra.currency, amount: extra.amount, model: 'claude-sonnet-4-20250514', cost_type: 'tokens' }] }] }));
    await ingest(store, [usage, cost, more]);
    return await usageDrift(store);
  } finally {
    await store.close();
    t.cleanup();
  }
}

test('drift per provider, model and day: cost report minus priced usage', async () => {
  // The docs example cost report is $1.2378912 for claude-sonnet-4 on 2025-08-01; the usage report prices to $0.019935.
  const rows = await driftWith({ day: '2025-08-02', currency: 'USD', amount: '50' });
  const d1 = rows.find((r) => r.day === '2025-08-01');
  assert.equal(d1?.provider, 'Anthropic');
  assert.equal(d1?.model, 'claude-sonnet-4-20250514');
  assert.equal(Number(d1?.outlay), 0.019935);
  assert.equal(Number(d1?.provider_cost), 1.2378912);
  assert.equal(Number(d1?.drift), 1.2179562);
  const d2 = rows.find((r) => r.day === '2025-08-02');
  assert.equal(d2?.outlay, null);
  assert.equal(Number(d2?.provider_cost), 0.5);
});

test('drift keeps currencies apart: a EUR invoice line is its own row, never added to the USD invoice or set against USD usage', async () => {
  // 250 euro cents on the day and model the USD report prices at $1.2378912 (they used to add up to 3.7378912).
  const day = (await driftWith({ day: '2025-08-01', currency: 'EUR', amount: '250' })).filter((r) => r.day === '2025-08-01');
  assert.deepEqual(day.map((r) => [r.currency, r.outlay, r.provider_cost, r.drift]), [
    ['EUR', null, '2.50', null],
    ['USD', '0.019935', '1.2378912', '1.2179562'],
  ]);
});

test('outlay drift refuses a date it cannot read with exit 2, naming the option', () => {
  for (const [flag, value] of [['--from', 'last-tuesday'], ['--to', '2026-02-30'], ['--from', '2026-13']] as const) {
    const res = spawnSync(process.execPath, ['bin/outlay.js', 'drift', '--store', ':memory:', flag, value], { encoding: 'utf8' });
    assert.equal(res.status, 2, `${flag} ${value}: ${res.stderr}`);
    assert.match(res.stderr, new RegExp(`${flag}: "${value}" is not a date`));
  }
});

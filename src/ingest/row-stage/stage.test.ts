/**
 * Rows built in JavaScript stage the same way inline (VALUES) and spilled to
 * a CSV (large sets), with exact decimals and required-column checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FULL_ACCESS, openStore } from '../../store/index.ts';
import { stageRows, type BuiltRow } from './index.ts';

const row = (i: number): BuiltRow => ({ line: i + 1, values: {
  ChargePeriodStart: new Date(Date.UTC(2026, 7, 1) + (i % 48) * 3_600_000), ChargePeriodEnd: new Date(Date.UTC(2026, 7, 1) + ((i % 48) + 1) * 3_600_000),
  ChargeCategory: 'Usage', ProviderName: 'Test', BillingAccountId: 'acct', BillingCurrency: 'USD', BilledCost: '0.000000001', EffectiveCost: '0.000000001',
  ResourceId: `r"${i},x`, x_InputTokens: BigInt(i), Tags: JSON.stringify({ team: i % 2 ? 'a' : 'b' }),
} });

for (const n of [10, 2500]) {
  test(`${n} rows stage and load exactly (${n > 2000 ? 'spilled CSV' : 'inline VALUES'})`, async () => {
    const rows = Array.from({ length: n }, (_, i) => row(i));
    const file = stageRows({ path: `mem-${n}`, sha256: `sha-${n}`, bytes: 0, format: 'test' }, rows);
    assert.equal(file.select.includes('read_csv'), n > 2000);
    const store = await openStore({ path: ':memory:' });
    try {
      const r = await store.load({ files: [file], mode: 'replace', quarantine: false });
      assert.equal(r.files[0]?.rows, n);
      const q = await store.query({ measures: ['billed', 'input_tokens'], groupBy: ['team'] }, FULL_ACCESS);
      const total = q.rows.reduce((a, x) => a + Number(x.x_InputTokens), 0);
      assert.equal(total, (n * (n - 1)) / 2);
      assert.equal(q.rows.reduce((a, x) => a + Math.round(Number(x.BilledCost) * 1e9), 0), n);
    } finally {
      await store.close();
    }
  });
}

test('a required column left empty is refused with its line', async () => {
  const bad = [row(0), { line: 7, values: { ...row(1).values, BilledCost: null } }];
  const store = await openStore({ path: ':memory:' });
  try {
    const err = await store.load({ files: [stageRows({ path: 'x', sha256: 'y', bytes: 0, format: 'test' }, bad)], mode: 'replace', quarantine: false }).then(() => undefined, (e: unknown) => e as { details?: { line?: number; field?: string } });
    assert.equal(err?.details?.line, 7);
    assert.equal(err?.details?.field, 'BilledCost');
  } finally {
    await store.close();
  }
});

/**
 * Every billing and usage fixture reconciles with its folder's totals.json:
 * the file total `reconcile` reports, summed over billing periods, equals
 * the file's own cost column to the cent, and nothing differs from what is
 * stored. Which file column each CostRecord column comes from is stated per
 * format (as in each importer's fixtures test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDecimals } from '../../src/core/index.ts';
import { openStore } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { assertCents, billingTotals } from '../bill-fixtures.ts';
import { fixture, readJson } from '../helpers.ts';
import { reconcile, type ReconcileLine } from '../../src/analytics/reconcile/index.ts';

type Cols = Record<string, string>;
const usageTotals = readJson<Record<string, Record<string, unknown>>>(fixture('usage', 'totals.json'));

/** [CostRecord column, amount the file states] per currency, for one billing fixture. */
function billingExpectations(rel: string, cols: Cols): [string, string][] {
  const pick = (...names: string[]): string => names.map((n) => cols[n]).find((v) => v !== undefined) ?? 'missing';
  if (rel.startsWith('focus/')) return [['BilledCost', pick('BilledCost')], ['EffectiveCost', pick('EffectiveCost')], ['ListCost', pick('ListCost')]];
  if (rel.startsWith('aws-cur/')) {
    return [['BilledCost', pick('lineItem/UnblendedCost', 'line_item_unblended_cost')], ['ListCost', pick('pricing/publicOnDemandCost', 'pricing_public_on_demand_cost')]];
  }
  if (rel.startsWith('gcp/')) return [['BilledCost', pick('cost_plus_credits')]];
  const first = Object.values(cols)[0] ?? 'missing';
  return /amorti[sz]ed/i.test(rel) ? [['EffectiveCost', first]] : [['BilledCost', first], ['EffectiveCost', first]];
}

/** BilledCost the usage files state (USD); token-only files state none. */
const usageBilled: Record<string, string | undefined> = {
  'openai/costs-spec-example.json': (usageTotals['openai/costs-spec-example.json']?.amount_by_currency as Cols | undefined)?.usd,
  'anthropic/cost-report-docs-example.json': (usageTotals['anthropic/cost-report-docs-example.json']?.amount_by_currency_major_units as Cols | undefined)?.USD,
  'litellm/spendlogs-row-docs-example.json': usageTotals['litellm/spendlogs-row-docs-example.json']?.spend_usd as string | undefined,
  'litellm/global-spend-report-by-internal-user-docs.json': usageTotals['litellm/global-spend-report-by-internal-user-docs.json']?.total_cost_usd_from_model_details as string | undefined,
};

function fileTotal(lines: readonly ReconcileLine[], path: string, currency: string, column: 'BilledCost' | 'EffectiveCost' | 'ListCost'): string {
  const mine = lines.filter((l) => l.source === path && l.currency === currency);
  assert.ok(mine.length > 0, `${path} ${currency} has reconciliation lines`);
  return addDecimals(mine.map((l) => l.file?.[column] ?? 'NaN'));
}

test('every billing and usage fixture: file totals equal totals.json, stored equals file, nothing flagged', async () => {
  const store = await openStore({ path: ':memory:' });
  try {
    await ingest(store, [fixture('billing')]);
    await ingest(store, [fixture('usage')]);
    const lines = reconcile(await store.reconciliation());
    for (const l of lines) {
      assert.equal(l.status, 'ok', `${l.source} ${l.billingPeriod}: ${l.note}`);
      assert.deepEqual(l.difference, { rows: 0, BilledCost: '0', EffectiveCost: '0', ListCost: '0' }, l.source);
    }
    for (const [rel, t] of Object.entries(billingTotals)) {
      if (rel.startsWith('_')) continue;
      const path = fixture('billing', rel);
      const rows = lines.filter((l) => l.source === path).reduce((n, l) => n + (l.file?.rows ?? 0), 0);
      assert.equal(rows, t.rows, `${rel} rows`);
      for (const [cur, cols] of Object.entries(t.totals)) {
        for (const [column, exact] of billingExpectations(rel, cols)) {
          assertCents(fileTotal(lines, path, cur, column as 'BilledCost'), exact, `${rel} ${cur} ${column}`);
        }
      }
    }
    for (const [rel, exact] of Object.entries(usageBilled)) {
      assert.ok(exact, `${rel} states an amount in totals.json`);
      assert.equal(Number(fileTotal(lines, fixture('usage', rel), 'USD', 'BilledCost')).toFixed(9), Number(exact).toFixed(9), rel);
    }
    const allocated = await store.sql(`SELECT sum("BilledCost")::VARCHAR AS b FROM cost_records WHERE "x_Team" IS NOT NULL AND "x_SourceFile" LIKE '%Oct2018%'`);
    const oct = lines.find((l) => l.source.endsWith('Oct2018-WorkshopCUR-00001.snappy.parquet'));
    assertCents(oct?.allocated.BilledCost, String(allocated[0]?.b ?? '0'), 'Oct 2018 CUR allocated (rows with a team)');
  } finally {
    await store.close();
  }
});

/**
 * `top` values per dimension are taken per currency: a team billed in yen,
 * whose totals are a hundred times larger in number, must not push a team
 * billed in dollars out of the scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { anomalyStore, DuckDBStore, FULL_ACCESS } from '../src/store/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { FOCUS_MIN_HEADER, focusRow, tempDir, writeCsv, type FocusRow } from './helpers.ts';
import { scanAnomalies } from '../src/analytics/anomaly-scan/index.ts';

test('a scan with --top 1 scans the largest team of each currency, not only the yen one', async () => {
  const { dir, cleanup } = tempDir();
  const store = await DuckDBStore.open({ path: ':memory:' });
  try {
    const rows: FocusRow[] = [];
    for (let i = 0; i < 30; i++) {
      const day = new Date(Date.UTC(2024, 8, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const usd = (300 + (i % 3) + (i === 25 ? 3000 : 0)).toFixed(2);
      rows.push(focusRow({ day, BilledCost: usd, EffectiveCost: usd, ListCost: usd, ResourceId: 'us-1', Tags: '{"team":"us"}' }));
      const jpy = String(100_000 + 100 * (i % 3));
      rows.push(focusRow({ day, BilledCost: jpy, EffectiveCost: jpy, ListCost: jpy, BillingCurrency: 'JPY', BillingAccountId: 'acct-jp', ResourceId: 'jp-1', Tags: '{"team":"jp"}' }));
    }
    await ingest(store, [writeCsv(join(dir, 'two-currencies.csv'), FOCUS_MIN_HEADER, rows)]);
    const report = await scanAnomalies(store, FULL_ACCESS, anomalyStore(store), { dimensions: ['team'], top: 1, minImpact: 100, now: new Date('2024-10-01T00:00:00Z') });
    // The USD and JPY totals, then team us (USD) and team jp (JPY): four series. Ranked together, team us was never scanned (three).
    const shown = JSON.stringify(report.incidents.map(({ record: r }) => [r.scope, r.currency, r.onset, r.related.map((x) => x.scope)]));
    assert.equal(report.seriesScanned, 4, shown);
    assert.ok(report.incidents.some(({ record: r }) => r.currency === 'USD' && r.onset.startsWith('2024-09-26') && (r.scope.team === 'us' || r.related.some((x) => x.scope.team === 'us'))), shown);
  } finally {
    await store.close();
    cleanup();
  }
});

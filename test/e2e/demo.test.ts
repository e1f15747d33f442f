/**
 * `outlay demo` end to end: the files it writes are ingested through the real
 * FOCUS importer, every file's stored totals equal the generator's ground
 * truth, and the summary's team totals equal SQL written here and run by
 * DuckDB directly on the demo's CSV files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compareDecimals } from '../../src/core/index.ts';
import { readJson, runCli, tempDir } from '../helpers.ts';

interface GroundTruth {
  totals: { files: Record<string, { rows: number; cost: Record<string, { BilledCost: string; EffectiveCost: string; ListCost: string }> }> };
  anomalies: unknown[];
  waste: { type: string; resource_ids: string[]; monthly_cost: number | string }[];
}

test('outlay demo writes, ingests and summarises the demo organisation', { timeout: 240_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const out = join(dir, 'demo');
    const store = join(dir, 's.duckdb');
    const r = runCli(['--store', store, 'demo', '--out', out, '--resources', '60', '--days', '75', '--end', '2026-10-16', '--format', 'json'], { timeoutMs: 200_000 });
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { thisMonth: string; lastMonth: string; byTeam: { team: string; currency: string; thisMonth: string; lastMonth: string }[] };
    assert.equal(summary.thisMonth, '2026-10');
    assert.equal(summary.lastMonth, '2026-09');

    const truth = readJson<GroundTruth>(join(out, 'ground-truth.json'));
    assert.ok(truth.anomalies.length > 0, 'ground truth lists injected anomalies');
    const wasteTypes = new Set(truth.waste.map((w) => w.type));
    for (const t of ['idle_gpu', 'oversized_gpu', 'on_demand_could_be_spot', 'on_demand_could_be_committed', 'flagship_model_for_simple_task', 'uncached_repeated_prompts']) {
      assert.ok(wasteTypes.has(t), `waste of type ${t} is planted`);
    }

    // Every file: stored totals (outlay sources) = generator's totals.
    const sources = JSON.parse(runCli(['--store', store, 'sources', '--format', 'json']).stdout) as { path: string; rows: number; totals: Record<string, Record<string, string>> }[];
    const files = Object.entries(truth.totals.files);
    assert.equal(sources.length, files.length);
    for (const [rel, want] of files) {
      const got = sources.find((s) => s.path === join(out, rel));
      assert.ok(got, `${rel} was ingested`);
      assert.equal(got.rows, want.rows, `${rel} rows`);
      for (const [cur, cols] of Object.entries(want.cost)) {
        for (const col of ['BilledCost', 'EffectiveCost', 'ListCost'] as const) {
          assert.equal(compareDecimals(got.totals[cur]?.[col] ?? 'NaN', cols[col]), 0, `${rel} ${cur} ${col}: ${got.totals[cur]?.[col]} vs ${cols[col]}`);
        }
      }
    }

    // The summary's October team totals against DuckDB SQL over the raw CSVs.
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const sql = `SELECT lower(trim(coalesce(json_extract_string(Tags, '$.team'), json_extract_string(Tags, '$.Team'), json_extract_string(Tags, '$.owner')))) AS team,
        sum(EffectiveCost::DECIMAL(38,12))::VARCHAR AS cost
      FROM read_csv('${out}/focus/**/*.csv', all_varchar = true, union_by_name = true)
      WHERE ChargePeriodStart >= '2026-10-01' AND ChargePeriodStart < '2026-11-01' AND BillingCurrency = 'USD'
      GROUP BY ALL`;
    const rows = (await conn.runAndReadAll(sql)).getRowObjectsJson() as { team: string | null; cost: string }[];
    conn.closeSync();
    inst.closeSync();
    const expected = new Map(rows.filter((x) => x.team).map((x) => [x.team as string, x.cost]));
    for (const t of summary.byTeam.filter((x) => x.team !== '(unallocated)' && x.currency === 'USD')) {
      const want = expected.get(t.team);
      if (want === undefined) {
        assert.equal(compareDecimals(t.thisMonth, '0'), 0, `${t.team} has no October rows in the files`);
        continue;
      }
      assert.equal(compareDecimals(t.thisMonth, want), 0, `${t.team}: summary ${t.thisMonth} vs SQL ${want}`);
    }
  } finally {
    cleanup();
  }
});

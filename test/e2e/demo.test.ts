/**
 * `outlay demo` end to end, in both output modes:
 * - native (default): every provider's file in its own format is detected
 *   by `outlay ingest` as that format, and per file the stored rows, money
 *   per FOCUS cost column, GPU-hours and tokens equal the generator's ground
 *   truth; the DCGM samples come back through a real Prometheus; and the
 *   organisation's billed and list totals equal those of the same
 *   organisation written as FOCUS (two independent writers, two importers);
 * - focus: every file's stored totals equal the ground truth, and the
 *   summary's team totals equal SQL written here and run by DuckDB directly
 *   on the demo's CSV files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { addDecimals, compareDecimals } from '../../src/core/index.ts';
import { readJson, runCli, tempDir } from '../helpers.ts';

type Money = Record<string, { BilledCost: string; EffectiveCost: string; ListCost: string }>;
interface GroundTruth {
  totals: { all: Money; files: Record<string, { rows: number; format: string; cost: Money; usage: Record<string, string> }> };
  telemetry: { prometheus_dcgm?: { gpu_hours: string; billed_cost: string } };
  anomalies: unknown[];
  waste: { type: string; resource_ids: string[]; monthly_cost: number | string }[];
}
interface Source { path: string; format: string; rows: number; totals: Record<string, Record<string, string>>; usageByKind: Record<string, string> }

const ARGS = ['--resources', '60', '--days', '75', '--end', '2026-10-16', '--format', 'json'];
const COLS = ['BilledCost', 'EffectiveCost', 'ListCost'] as const;

function runDemo(dir: string, formats: 'native' | 'focus'): { out: string; store: string; stderr: string; stdout: string } {
  const out = join(dir, formats);
  const store = join(dir, `${formats}.duckdb`);
  const r = runCli(['--store', store, 'demo', '--out', out, '--formats', formats, ...ARGS], { timeoutMs: 400_000 });
  assert.equal(r.status, 0, r.stderr);
  return { out, store, stderr: r.stderr, stdout: r.stdout };
}

const sourcesOf = (store: string): Source[] => JSON.parse(runCli(['--store', store, 'sources', '--format', 'json']).stdout) as Source[];

/** Every ground-truth file was ingested as its format, with its rows, money, GPU-hours and tokens. */
function assertFilesMatch(out: string, truth: GroundTruth, sources: readonly Source[]): void {
  for (const [rel, want] of Object.entries(truth.totals.files)) {
    const got = sources.find((s) => s.path === join(out, rel));
    assert.ok(got, `${rel} was ingested`);
    assert.equal(got.format, want.format, `${rel} detected as ${want.format}`);
    assert.equal(got.rows, want.rows, `${rel} rows`);
    for (const [cur, cols] of Object.entries(want.cost)) {
      for (const col of COLS) assert.equal(compareDecimals(got.totals[cur]?.[col] ?? '0', cols[col]), 0, `${rel} ${cur} ${col}: ${got.totals[cur]?.[col]} vs ${cols[col]}`);
    }
    for (const [kind, n] of Object.entries(want.usage)) assert.equal(compareDecimals(got.usageByKind[kind] ?? '0', n), 0, `${rel} ${kind}: ${got.usageByKind[kind]} vs ${n}`);
  }
}

const sum = (sources: readonly Source[], col: (typeof COLS)[number]): string => addDecimals(['0', ...sources.map((s) => s.totals.USD?.[col] ?? '0')]);

test('outlay demo: every provider in its own format, ingested by its importer, equals its ground truth', { timeout: 900_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const native = runDemo(dir, 'native');
    const truth = readJson<GroundTruth>(join(native.out, 'ground-truth.json'));
    const sources = sourcesOf(native.store);
    const formats = new Set(Object.values(truth.totals.files).map((f) => f.format));
    assert.deepEqual([...formats].sort(), ['anthropic-usage', 'aws-cur', 'azure-cost', 'focus', 'gcp-billing', 'openai-usage', 'opencost']);
    assertFilesMatch(native.out, truth, sources);
    assert.ok(Object.keys(truth.totals.files).some((rel) => rel.endsWith('.snappy.parquet')), 'AWS is CUR 2.0 Parquet');
    // The summary's GPU-hours count billed GPUs once: OpenCost and DCGM rows (allocations, billed 0) are not added again.
    const summary = JSON.parse(native.stdout) as { gpuHours: { x_GpuModel: string; EffectiveCost: string }[] };
    for (const g of summary.gpuHours) assert.ok(compareDecimals(g.EffectiveCost, '0') > 0, `GPU-hours row ${g.x_GpuModel} is billed`);

    // DCGM through a real Prometheus: GPU-hours as served, billed 0 (the chargeback bills those GPUs).
    const prom = sources.filter((s) => s.path.startsWith('prometheus:'));
    const hasPrometheus = !spawnSync('prometheus', ['--version']).error;
    if (hasPrometheus) {
      assert.equal(prom.length, 1, native.stderr);
      const dcgm = truth.telemetry.prometheus_dcgm;
      assert.ok(dcgm && Number(dcgm.gpu_hours) > 0);
      assert.equal(compareDecimals(prom[0]?.usageByKind.x_GpuHours ?? '0', dcgm.gpu_hours), 0, `DCGM GPU-hours ${prom[0]?.usageByKind.x_GpuHours} vs ${dcgm.gpu_hours}`);
      for (const col of COLS) assert.equal(compareDecimals(prom[0]?.totals.USD?.[col] ?? '0', '0'), 0);
    } else {
      assert.match(native.stderr, /skipped DCGM telemetry through Prometheus: prometheus is not installed|promtool is not installed/);
    }

    // The same organisation written as FOCUS bills the same money: billed and list totals agree across both pipelines
    // (effective differs by design: GCP's export has no commitment amortisation).
    const focus = runDemo(dir, 'focus');
    const focusTruth = readJson<GroundTruth>(join(focus.out, 'ground-truth.json'));
    for (const col of ['BilledCost', 'ListCost'] as const) {
      assert.equal(compareDecimals(sum(sources, col), focusTruth.totals.all.USD?.[col] ?? 'NaN'), 0, `${col}: native ${sum(sources, col)} vs FOCUS ${focusTruth.totals.all.USD?.[col]}`);
    }
    assertFilesMatch(focus.out, focusTruth, sourcesOf(focus.store));
    await assertFocusTeams(focus.out, focus.stdout, focusTruth);
  } finally {
    cleanup();
  }
});

/** The FOCUS run's summary: October team totals against DuckDB SQL over the raw CSVs; planted anomalies and waste. */
async function assertFocusTeams(out: string, stdout: string, truth: GroundTruth): Promise<void> {
  const summary = JSON.parse(stdout) as { thisMonth: string; lastMonth: string; byTeam: { team: string; currency: string; thisMonth: string }[] };
  assert.equal(summary.thisMonth, '2026-10');
  assert.equal(summary.lastMonth, '2026-09');
  assert.ok(truth.anomalies.length > 0, 'ground truth lists injected anomalies');
  const wasteTypes = new Set(truth.waste.map((w) => w.type));
  for (const t of ['idle_gpu', 'oversized_gpu', 'on_demand_could_be_spot', 'on_demand_could_be_committed', 'flagship_model_for_simple_task', 'uncached_repeated_prompts']) {
    assert.ok(wasteTypes.has(t), `waste of type ${t} is planted`);
  }
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
}

/**
 * Query benchmark: five cost-explorer questions on the store that
 * `bench/ingest.ts --keep` left, through the Store (query building, scoping,
 * decimal normalising included), each against hand-written SQL for the same
 * answer run directly on the same DuckDB connection as the reference.
 *
 *   npx tsx bench/ingest.ts --keep && npx tsx bench/query.ts [--runs 30]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBStore, FULL_ACCESS, type CostQuery } from '../src/store/index.ts';
import { arg, machine, percentile } from './lib.ts';

const ROOT = resolve(import.meta.dirname, '..');
const runs = Number(arg('runs', '30'));
const path = arg('store', join(ROOT, 'bench', 'data', 'ingest-bench.duckdb'));

interface Case { name: string; query: CostQuery; reference: string }

async function main(): Promise<void> {
  if (!existsSync(path)) throw new Error(`no store at ${path}: run npx tsx bench/ingest.ts --keep first`);
  const store = await DuckDBStore.open({ path });
  const [range] = await store.sql(`SELECT min("ChargePeriodStart")::VARCHAR AS lo, max("ChargePeriodStart")::VARCHAR AS hi, count(*)::VARCHAR AS n FROM cost_records`);
  const [topTeam] = await store.sql(`SELECT "x_Team" AS t FROM cost_records WHERE "x_Team" IS NOT NULL GROUP BY 1 ORDER BY sum("EffectiveCost") DESC LIMIT 1`);
  const team = String(topTeam?.t ?? 'research');
  const cases: Case[] = [
    { name: 'month by team', query: { measures: ['effective'], groupBy: ['team'], grain: 'month' },
      reference: `SELECT date_trunc('month', "ChargePeriodStart") m, "x_Team", "BillingCurrency", sum("EffectiveCost") FROM cost_records GROUP BY ALL ORDER BY 1, 4 DESC` },
    { name: 'day by service for one team', query: { measures: ['effective'], groupBy: ['service'], grain: 'day', filters: [{ dimension: 'team', op: 'eq', values: [team] }] },
      reference: `SELECT date_trunc('day', "ChargePeriodStart") d, "ServiceName", "BillingCurrency", sum("EffectiveCost") FROM cost_records WHERE "x_Team" = '${team}' GROUP BY ALL ORDER BY 1, 4 DESC` },
    { name: 'top 20 resources by cost', query: { measures: ['effective'], groupBy: ['resource'], limit: 20 },
      reference: `SELECT "ResourceId", "BillingCurrency", sum("EffectiveCost") c FROM cost_records GROUP BY ALL ORDER BY c DESC LIMIT 20` },
    { name: 'GPU-hours by GPU type', query: { measures: ['gpu_hours', 'effective'], groupBy: ['gpu_type'] },
      reference: `SELECT "x_GpuModel", "BillingCurrency", sum("x_GpuHours"), sum("EffectiveCost") c FROM cost_records GROUP BY ALL ORDER BY c DESC` },
    { name: 'tokens and cost by model', query: { measures: ['tokens', 'effective'], groupBy: ['model'] },
      reference: `SELECT "x_Model", "BillingCurrency", sum(coalesce("x_InputTokens",0) + coalesce("x_OutputTokens",0) + coalesce("x_CachedInputTokens",0) + coalesce("x_CacheWriteTokens",0)), sum("EffectiveCost") c FROM cost_records GROUP BY ALL ORDER BY c DESC` },
  ];
  console.log(`machine: ${machine()}`);
  console.log(`store: ${range?.n} rows, ${range?.lo} … ${range?.hi}; ${runs} runs each, interleaved`);
  console.log('query                          outlay p50  p95   | reference p50  p95  | p95 ratio');
  for (const c of cases) {
    const ours: number[] = [];
    const ref: number[] = [];
    await store.query(c.query, FULL_ACCESS); // warm-up
    await store.sql(c.reference);
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await store.query(c.query, FULL_ACCESS);
      ours.push(performance.now() - t);
      t = performance.now();
      await store.sql(c.reference);
      ref.push(performance.now() - t);
    }
    ours.sort((a, b) => a - b);
    ref.sort((a, b) => a - b);
    const f = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
    console.log(`${c.name.padEnd(30)} ${f(percentile(ours, 50))} ${f(percentile(ours, 95))} | ${f(percentile(ref, 50))} ${f(percentile(ref, 95))} | ${(percentile(ours, 95) / percentile(ref, 95)).toFixed(2)}`);
  }
  await store.close();
}

await main();

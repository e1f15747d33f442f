/**
 * CUR ingest benchmark: a CUR 2.0 Parquet file of N rows (default 10 million)
 * generated with DuckDB (hourly lines of a GPU-heavy AWS organisation: EC2
 * on-demand, spot, Savings Plan and RI lines, Bedrock tokens, tax, a
 * resource_tags map), loaded by `outlay ingest` in a child process; in the
 * same run, before and after it, DuckDB's own read_parquet into a table on
 * the same file as the reference. Prints rows/s and peak RSS of each, and the
 * ratio to the mean reference.
 *
 *   npx tsx bench/cur-ingest.ts [--rows 10000000] [--keep]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { arg, machine, measure, type Measured } from './lib.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', 'data');
const rows = Number(arg('rows', '10000000'));

/**
 * An hourly CUR of a fleet that runs all month: ceil(n / 720) resources, each
 * with one line every hour (line i is resource i % R in hour i / R), as an
 * hourly CUR has. A resource keeps its line type, service, instance type,
 * account and tags; line types, services and instance types cycle through
 * realistic shares over the resources.
 */
const GENERATE = (n: number, path: string): string => `COPY (
  WITH base AS (
    SELECT i, r,
      CASE WHEN r % 100 < 80 THEN 'Usage' WHEN r % 100 < 88 THEN 'SavingsPlanCoveredUsage' WHEN r % 100 < 93 THEN 'SavingsPlanNegation'
           WHEN r % 100 < 98 THEN 'DiscountedUsage' WHEN r % 100 < 99 THEN 'Tax' ELSE 'Credit' END AS t,
      (['p5.48xlarge', 'g5.xlarge', 'g6.12xlarge', 'p4d.24xlarge', 'm7i.2xlarge', 'c7g.4xlarge', 'r6i.large', 'm5.xlarge'])[1 + (r % 8)::INTEGER] AS it,
      TIMESTAMP '2025-06-01' + INTERVAL (h % 720) HOUR AS s,
      ((i * 7919) % 100000) / 1000.0 AS amt
    FROM (SELECT i, i % ${Math.ceil(n / 720)} AS r, i // ${Math.ceil(n / 720)} AS h FROM range(${n}) t(i))
  )
  SELECT
    md5(i::VARCHAR) AS identity_line_item_id,
    strftime(s, '%Y-%m-%dT%H:%M:%SZ') || '/' || strftime(s + INTERVAL 1 HOUR, '%Y-%m-%dT%H:%M:%SZ') AS identity_time_interval,
    'Anniversary' AS bill_bill_type, 'AWS' AS bill_billing_entity, 'Amazon Web Services, Inc.' AS bill_invoicing_entity, NULL::VARCHAR AS bill_invoice_id,
    '111122223333' AS bill_payer_account_id, 'Payer' AS bill_payer_account_name,
    TIMESTAMP '2025-06-01' AS bill_billing_period_start_date, TIMESTAMP '2025-07-01' AS bill_billing_period_end_date,
    (100000000000 + r % 40)::VARCHAR AS line_item_usage_account_id, 'team-' || (r % 40) AS line_item_usage_account_name,
    t AS line_item_line_item_type, s AS line_item_usage_start_date, s + INTERVAL 1 HOUR AS line_item_usage_end_date,
    CASE WHEN r % 50 = 7 THEN 'AmazonBedrock' ELSE 'AmazonEC2' END AS line_item_product_code,
    CASE WHEN r % 50 = 7 THEN 'USE1-Claude3.5Sonnet-input-tokens' WHEN r % 20 = 3 THEN 'USE1-SpotUsage:' || it ELSE 'USE1-BoxUsage:' || it END AS line_item_usage_type,
    'RunInstances' AS line_item_operation, 'us-east-1a' AS line_item_availability_zone, 'i-' || lpad(to_hex(r), 17, '0') AS line_item_resource_id,
    CASE WHEN t IN ('Tax', 'Credit') THEN NULL ELSE amt END AS line_item_usage_amount, 'USD' AS line_item_currency_code,
    round(amt * 0.731, 10)::DOUBLE AS line_item_unblended_rate,
    CASE WHEN t = 'SavingsPlanNegation' THEN -round(amt * 0.731, 8) WHEN t = 'DiscountedUsage' THEN 0 WHEN t = 'Credit' THEN -round(amt / 10, 2)
         ELSE round(amt * 0.731, 8) END::DOUBLE AS line_item_unblended_cost,
    round(amt * 0.731, 8)::DOUBLE AS line_item_blended_cost, 'Line item ' || t AS line_item_line_item_description, 'Amazon Web Services, Inc.' AS line_item_legal_entity,
    'Amazon Elastic Compute Cloud' AS product_product_name, 'AmazonEC2' AS product_servicecode, it AS product_instance_type, 'us-east-1' AS product_region_code,
    'US East (N. Virginia)' AS product_location, 'Compute Instance' AS product_product_family, md5((r % 997)::VARCHAR) AS product_sku,
    CASE WHEN r % 20 = 3 THEN 'Spot' WHEN t = 'DiscountedUsage' THEN 'Reserved' ELSE 'OnDemand' END AS pricing_term, 'Hrs' AS pricing_unit,
    round(amt * 0.9, 8)::DOUBLE AS pricing_public_on_demand_cost, 0.9::DOUBLE AS pricing_public_on_demand_rate,
    CASE WHEN t = 'DiscountedUsage' THEN 'arn:aws:ec2:us-east-1:111122223333:reserved-instances/r-' || (r % 9) END AS reservation_reservation_a_r_n,
    CASE WHEN t = 'DiscountedUsage' THEN round(amt * 0.5, 8) END::DOUBLE AS reservation_effective_cost,
    CASE WHEN t LIKE 'SavingsPlan%' THEN 'arn:aws:savingsplans::111122223333:savingsplan/sp-' || (r % 3) END AS savings_plan_savings_plan_a_r_n,
    CASE WHEN t = 'SavingsPlanCoveredUsage' THEN round(amt * 0.55, 8) END::DOUBLE AS savings_plan_savings_plan_effective_cost,
    MAP {'user_team': (['research', 'platform', 'vision', 'search'])[1 + (r % 4)::INTEGER], 'user_env': CASE WHEN r % 3 = 0 THEN 'prod' ELSE 'dev' END} AS resource_tags
  FROM base
) TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`;

async function generate(path: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(GENERATE(rows, path));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const parquet = join(DATA, `cur2-hourly-${rows}.parquet`);
  if (!existsSync(parquet)) {
    const t = Date.now();
    await generate(parquet);
    console.log(`generated ${rows} CUR 2.0 rows in ${((Date.now() - t) / 1000).toFixed(1)} s: ${parquet}`);
  }
  const store = join(DATA, 'cur-bench.duckdb');
  const ref = join(DATA, 'cur-reference.duckdb');
  for (const p of [store, `${store}.wal`, ref, `${ref}.wal`]) rmSync(p, { force: true });

  const referenceJs = `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
    const i = await DuckDBInstance.create(${JSON.stringify(ref)}); const c = await i.connect();
    await c.run("CREATE TABLE t AS SELECT * FROM read_parquet('${parquet}')");
    c.closeSync(); i.closeSync(); })`;
  // The reference runs before and after outlay, and the ratio uses their mean, so a
  // change of load on a shared machine during the run biases neither side.
  const reference = (): Measured => {
    for (const p of [ref, `${ref}.wal`]) rmSync(p, { force: true });
    const r = measure(process.execPath, ['--input-type=module', '-e', referenceJs], {});
    if (r.status !== 0) throw new Error(`reference failed: ${r.stderr}`);
    return r;
  };
  const before = reference();
  const outlay = measure(process.execPath, [join(ROOT, 'bin', 'outlay.js'), '--store', store, 'ingest', '--json', parquet], { OUTLAY_LOG_LEVEL: 'error', CI: '1' });
  if (outlay.status !== 0) throw new Error(`outlay ingest failed: ${outlay.stderr}`);
  const after = reference();
  const loaded = (JSON.parse(outlay.stdout) as { files: { rows: number; totals: Record<string, { BilledCost: string }> }[] }).files[0];
  if (loaded?.rows !== rows) throw new Error(`outlay loaded ${loaded?.rows} rows, expected ${rows}`);

  const rate = (s: number) => Math.round(rows / s);
  const refSeconds = (before.seconds + after.seconds) / 2;
  console.log(`machine: ${machine()}`);
  console.log(`file: CUR 2.0 Parquet, ${rows} rows, ${loaded.totals.USD?.BilledCost} USD billed`);
  for (const [label, r] of [['before', before], ['after', after]] as const) {
    console.log(`duckdb read_parquet (reference, ${label}): ${r.seconds.toFixed(1)} s, ${rate(r.seconds)} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  }
  console.log(`outlay ingest:                   ${outlay.seconds.toFixed(1)} s, ${rate(outlay.seconds)} rows/s, peak RSS ${outlay.peakRssMb.toFixed(0)} MB`);
  console.log(`ratio outlay/reference rows/s (mean reference): ${(refSeconds / outlay.seconds).toFixed(2)} (target >= 0.5)`);
  for (const p of [ref, `${ref}.wal`]) rmSync(p, { force: true });
  if (!process.argv.includes('--keep')) for (const p of [store, `${store}.wal`, parquet]) rmSync(p, { force: true });
}

await main();

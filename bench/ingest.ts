/**
 * Ingest benchmark: a FOCUS CSV of N rows (default 10 million) cut from the
 * demo organisation, loaded by `outlay ingest` in a child process; in the same
 * run, DuckDB's own read_csv into a table on the same file as the reference
 * (all_varchar: DuckDB's type sniffer guesses BIGINT for BillingAccountId from
 * its sample and then fails on GCP's "01A7C3-…" ids further down the file).
 * Prints rows/s and peak RSS of both, and the ratio.
 *
 *   npx tsx bench/ingest.ts [--rows 10000000] [--keep]
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { generateDemo } from '../src/demo/index.ts';
import { arg, machine, measure } from './lib.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', 'data');
const rows = Number(arg('rows', '10000000'));

/** Concatenates demo files (one header) until `rows` data rows are written. */
async function cutCsv(files: readonly string[], out: string, want: number): Promise<number> {
  const w = createWriteStream(out);
  let written = 0;
  let header = false;
  for (const f of files) {
    const rl = createInterface({ input: createReadStream(f), crlfDelay: Infinity });
    let first = true;
    for await (const line of rl) {
      if (first) {
        first = false;
        if (header) continue;
        header = true;
      } else if (written >= want) break;
      else written++;
      if (!w.write(`${line}\n`)) await once(w, 'drain');
    }
    rl.close();
    if (written >= want) break;
  }
  w.end();
  await once(w, 'finish');
  return written;
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `focus-${rows}.csv`);
  if (!existsSync(csv)) {
    // Hourly rows: resources × 24 × days. Ask for a little more than needed.
    const days = 31;
    // Not every resource writes a row every hour (API keys, credits, monthly lines): ask for 40% more.
    const resources = Math.ceil((rows * 1.4) / (24 * days));
    const out = join(DATA, 'demo');
    const t = Date.now();
    const demo = await generateDemo({ out, seed: 7, resources, days, granularity: 'hourly', end: new Date('2026-10-01T00:00:00Z') });
    const n = await cutCsv(demo.files, csv, rows);
    if (n < rows) throw new Error(`the demo wrote only ${n} rows; raise the resources factor`);
    console.log(`generated ${demo.rows} demo rows in ${((Date.now() - t) / 1000).toFixed(1)} s; cut ${n} rows into ${csv}`);
    rmSync(out, { recursive: true, force: true });
  }
  const store = join(DATA, 'ingest-bench.duckdb');
  rmSync(store, { force: true });
  rmSync(`${store}.wal`, { force: true });
  const ref = join(DATA, 'reference.duckdb');
  rmSync(ref, { force: true });

  const referenceJs = `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
    const i = await DuckDBInstance.create(${JSON.stringify(ref)}); const c = await i.connect();
    await c.run("CREATE TABLE t AS SELECT * FROM read_csv(${JSON.stringify(csv).replaceAll('"', "'")}, all_varchar = true)");
    c.closeSync(); i.closeSync(); })`;
  const reference = measure(process.execPath, ['--input-type=module', '-e', referenceJs], {});
  if (reference.status !== 0) throw new Error(`reference failed: ${reference.stderr}`);
  const outlay = measure(process.execPath, [join(ROOT, 'bin', 'outlay.js'), '--store', store, 'ingest', csv], { OUTLAY_LOG_LEVEL: 'error', CI: '1' });
  if (outlay.status !== 0) throw new Error(`outlay ingest failed: ${outlay.stderr}`);

  const rate = (s: number) => Math.round(rows / s);
  console.log(`machine: ${machine()}`);
  console.log(`file: ${rows} rows`);
  console.log(`duckdb read_csv (reference): ${reference.seconds.toFixed(1)} s, ${rate(reference.seconds)} rows/s, peak RSS ${reference.peakRssMb.toFixed(0)} MB`);
  console.log(`outlay ingest:               ${outlay.seconds.toFixed(1)} s, ${rate(outlay.seconds)} rows/s, peak RSS ${outlay.peakRssMb.toFixed(0)} MB`);
  console.log(`ratio outlay/reference rows/s: ${(reference.seconds / outlay.seconds).toFixed(2)} (target >= 0.5); peak RSS target < 2048 MB`);
  rmSync(ref, { force: true });
  if (!process.argv.includes('--keep')) rmSync(store, { force: true });
}

await main();

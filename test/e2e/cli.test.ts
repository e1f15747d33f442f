/**
 * The CLI as scripts use it: ingest, query --format json|csv, sources
 * --format json, export, and errors with exit codes. Expected values are the
 * hand totals of test/store-contract.ts's sample and the FOCUS fixture's
 * totals.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fixture, readJson, runCli, tempDir } from '../helpers.ts';
import { writeSample } from '../store-contract.ts';

test('ingest, query and sources through the real CLI', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 's.duckdb');
    const sample = writeSample(dir);
    const ing = runCli(['--store', store, 'ingest', sample]);
    assert.equal(ing.status, 0, ing.stderr);
    assert.match(ing.stdout, /loaded\s+6/);

    const q = runCli(['--store', store, 'query', '--group-by', 'team,service', '--measure', 'billed,gpu_hours', '--filter', 'currency=USD', '--format', 'json']);
    assert.equal(q.status, 0, q.stderr);
    assert.deepEqual(JSON.parse(q.stdout), [
      { x_Team: 'research', ServiceName: 'Amazon EC2', BillingCurrency: 'USD', BilledCost: '30.00', x_GpuHours: '24.00' },
      { x_Team: 'search', ServiceName: 'Amazon S3', BillingCurrency: 'USD', BilledCost: '5.00', x_GpuHours: '0' },
      { x_Team: 'search', ServiceName: 'OpenAI API', BillingCurrency: 'USD', BilledCost: '2.25', x_GpuHours: '0' },
      { x_Team: null, ServiceName: 'Amazon S3', BillingCurrency: 'USD', BilledCost: '1.50', x_GpuHours: '0' },
    ]);

    const csv = runCli(['--store', store, 'query', '-g', 'team', '-m', 'billed', '-f', 'team=', '--grain', 'month', '--format', 'csv']);
    assert.equal(csv.stdout, 'ChargePeriodStart,x_Team,BillingCurrency,BilledCost\n2024-09-01T00:00:00Z,,USD,1.50\n');

    const src = JSON.parse(runCli(['--store', store, 'sources', '--format', 'json']).stdout) as Record<string, unknown>[];
    assert.equal(src.length, 1);
    assert.equal(src[0]?.path, sample);
    assert.equal(src[0]?.rows, 6);
    assert.match(String(src[0]?.sha256), /^[0-9a-f]{64}$/);
    assert.deepEqual(src[0]?.totals, {
      EUR: { BilledCost: '3.00', EffectiveCost: '3.00', ListCost: '1.00' },
      USD: { BilledCost: '38.75', EffectiveCost: '32.75', ListCost: '5.00' },
    });
  } finally {
    cleanup();
  }
});

test('the FOCUS fixture through the CLI reconciles with totals.json', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 's.duckdb');
    const file = fixture('billing', 'focus', 'finops-foundation', 'focus_sample.csv');
    const want = readJson<Record<string, { sha256: string; rows: number; totals_rounded_cents: Record<string, Record<string, string>> }>>(fixture('billing', 'totals.json'))['focus/finops-foundation/focus_sample.csv'];
    assert.equal(runCli(['--store', store, 'ingest', file]).status, 0);
    const [s] = JSON.parse(runCli(['--store', store, 'sources', '--format', 'json']).stdout) as { sha256: string; rows: number; totals: Record<string, Record<string, string>> }[];
    assert.equal(s?.sha256, want?.sha256);
    assert.equal(s?.rows, want?.rows);
    for (const col of ['BilledCost', 'EffectiveCost', 'ListCost']) {
      assert.equal(Number(s?.totals.USD?.[col]).toFixed(2), want?.totals_rounded_cents.USD?.[col], col);
    }
    // ingesting the same file again changes nothing
    const again = runCli(['--store', store, 'ingest', file]);
    assert.match(again.stdout, /unchanged/);
    const q = JSON.parse(runCli(['--store', store, 'query', '-m', 'rows', '--format', 'json']).stdout) as { Rows: string }[];
    assert.deepEqual(q.map((r) => r.Rows), ['1000']);
  } finally {
    cleanup();
  }
});

test('errors: exit codes, messages naming file and line, JSON errors', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 's.duckdb');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,ChargeCategory\n1,1,USD,2024-09-01,2024-09-02,AWS,Usage\nx,1,USD,2024-09-01,2024-09-02,AWS,Usage\n');
    const r = runCli(['--store', store, 'ingest', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.csv: 1 bad row\(s\); nothing from this delivery was stored/);
    assert.match(r.stderr, /line 3, column BilledCost: not a number/);

    const q = runCli(['--store', store, 'query', '-g', 'colour', '--format', 'json']);
    assert.equal(q.status, 2);
    assert.equal((JSON.parse(q.stdout) as { code: string }).code, 'QUERY_INVALID');

    // Swapped dates are a mistake, not an empty answer: exit 2, naming --to.
    const swapped = runCli(['--store', store, 'query', '-g', 'team', '--from', '2024-09-30', '--to', '2024-09-01', '--format', 'json']);
    assert.equal(swapped.status, 2, swapped.stderr);
    const err = JSON.parse(swapped.stdout) as { code: string; details: { field: string } };
    assert.deepEqual([err.code, err.details.field], ['INPUT_INVALID', 'to']);

    // bad usage caught by the option parser is 2 as well, as README's exit codes say; --help is 0
    for (const args of [['query', '--colour', 'red'], ['ingest'], ['no-such-command'], ['tokens']]) {
      assert.equal(runCli(['--store', store, ...args]).status, 2, args.join(' '));
    }
    assert.equal(runCli(['query', '--help']).status, 0);
    // summary has no CSV form: --format csv is refused, not answered with the table
    const sum = runCli(['--store', store, 'summary', '--format', 'csv']);
    assert.equal(sum.status, 2);
    assert.match(sum.stderr, /--format csv: use table or json/);

    const missing = runCli(['--store', store, 'ingest', join(dir, 'nope.csv')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.csv: no such file or folder/);

    const lake = runCli(['--store', store, 'export', join(dir, 'lake'), '--format', 'csv']);
    assert.equal(lake.status, 0, lake.stderr);
    assert.match(lake.stdout, /exported 0 row/);
    // An export folder that cannot be made is the folder's fault, not the store's: exit 2 naming it.
    const blocked = runCli(['--store', store, 'export', join(bad, 'lake'), '--format', 'csv']);
    assert.equal(blocked.status, 2, blocked.stderr);
    assert.match(blocked.stderr, /export folder .*bad\.csv.lake cannot be written .*\[INPUT_INVALID\]/);
  } finally {
    cleanup();
  }
});

test('admin keys are never taken from the command line, and a key typed there is not echoed', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 's.duckdb');
    const key = 'sk-admin-ARGV-9d3e-never-print-me';
    // commander's "unknown option" message used to repeat `--key=<value>` verbatim on stderr
    for (const args of [['--key', key], [`--key=${key}`], [`--admin-key=${key}`], ['--json', `--api-key=${key}`], [key]]) {
      const r = runCli(['--store', store, 'collect', 'openai', ...args], { env: { OPENAI_ADMIN_KEY: '', OPENAI_ADMIN_KEY_FILE: '', OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
      assert.notEqual(r.status, 0, args.join(' '));
      assert.ok(!`${r.stdout}${r.stderr}`.includes('ARGV-9d3e'), `the key is not printed for ${args[0] === key ? '<key>' : args.join(' ').replace(key, '<key>')}: ${(r.stderr.split('\n')[0] ?? '').replaceAll(key, '<KEY>')}`);
      assert.match(r.stderr, args[0] === key ? /too many arguments/ : /unknown option '--[a-z-]+(=…)?'/);
    }
    assert.match(runCli(['collect', '--help']).stdout, /keys only from the environment or a file/);
  } finally {
    cleanup();
  }
});

test('a refused delivery through the CLI: file, line and field named; sources and totals exactly as before', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = join(dir, 's.duckdb');
    assert.equal(runCli(['--store', store, 'ingest', writeSample(dir)]).status, 0);
    // sources lists every stored file with its rows, hash and totals per currency
    const state = () => runCli(['--store', store, 'sources', '--format', 'json']).stdout;
    const before = state();
    assert.equal((JSON.parse(before) as unknown[]).length, 1);
    // a good file and a cut-short gzip in one delivery: the good one must not be stored either
    const good = join(dir, 'a-good.csv');
    writeFileSync(good, 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,ChargeCategory,BillingAccountId\n7,7,USD,2024-09-01,2024-09-02,AWS,Usage,new-account\n');
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},1,USD,2024-09-01,2024-09-02,AWS,Usage,other-${i}`).join('\n');
    const gz = gzipSync(`BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,ChargeCategory,BillingAccountId\n${rows}\n`);
    const cut = join(dir, 'b-cut.csv.gz');
    writeFileSync(cut, gz.subarray(0, gz.length >> 1));
    const r = runCli(['--store', store, 'ingest', good, cut, '--json']);
    assert.equal(r.status, 1);
    const err = JSON.parse(r.stdout) as { code: string; details: { file: string; line: number; field: string } };
    assert.deepEqual([err.code, err.details.file, err.details.field], ['INGEST_IO', cut, '(gzip)']);
    assert.ok(err.details.line > 2 && err.details.line < 2002, `line ${err.details.line}`);
    assert.equal(state(), before);
  } finally {
    cleanup();
  }
});

test('OUTLAY_MEMORY_LIMIT sets the store\'s memory cap; a value that is not a size is refused, naming the variable', () => {
  const t = tempDir();
  try {
    const store = join(t.dir, 'store.duckdb');
    const bad = runCli(['--store', store, 'sources'], { env: { OUTLAY_MEMORY_LIMIT: 'lots' } });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /OUTLAY_MEMORY_LIMIT: "lots" is not a size/);
    const sample = writeSample(t.dir);
    // Too little for the CSV reader's buffers: a clear refusal, nothing stored.
    const tight = runCli(['--store', store, 'ingest', sample], { env: { OUTLAY_MEMORY_LIMIT: '64MB' } });
    assert.equal(tight.status, 3, tight.stderr); // a store error, not bad input
    assert.match(tight.stderr, /ran out of memory .*nothing from this delivery was stored\. Raise OUTLAY_MEMORY_LIMIT \(now 6\d\.\d MiB\)/);
    const ok = runCli(['--store', store, 'ingest', sample], { env: { OUTLAY_MEMORY_LIMIT: '768MB' } });
    assert.equal(ok.status, 0, ok.stderr);
    const q = runCli(['--store', store, 'query', '-g', 'currency', '-m', 'rows', '--format', 'json'], { env: { OUTLAY_MEMORY_LIMIT: '2GiB' } });
    assert.equal(q.status, 0, q.stderr);
    // writeSample: five USD lines and one EUR line.
    assert.deepEqual(JSON.parse(q.stdout), [{ BillingCurrency: 'USD', Rows: '5' }, { BillingCurrency: 'EUR', Rows: '1' }]);
  } finally {
    t.cleanup();
  }
});

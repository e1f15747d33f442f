import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { storeContract, writeSample } from '../../../test/store-contract.ts';
import { tempDir } from '../../../test/helpers.ts';
import { ingest } from '../../ingest/index.ts';
import { FULL_ACCESS } from '../types.ts';
import { DuckDBStore } from './store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

storeContract('duckdb', () => DuckDBStore.open({ path: ':memory:' }));

test('opening a store made by an older version upgrades it and keeps its rows', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'old.duckdb');
    // Build a version-1 store by hand: only the first migration, one row, no summaries table.
    const inst = await DuckDBInstance.create(path);
    const conn = await inst.connect();
    await conn.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
    for (const sql of MIGRATIONS[0]?.sql ?? []) await conn.run(sql);
    await conn.run("INSERT INTO schema_migrations VALUES (1, 'v1', now()::TIMESTAMP)");
    await conn.run(`INSERT INTO cost_records (source_id, "BilledCost", "BillingCurrency") VALUES ('s', 1.25, 'USD')`);
    conn.closeSync();
    inst.closeSync();

    const store = await DuckDBStore.open({ path });
    assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
    const r = await store.query({ measures: ['billed'], groupBy: [] }, FULL_ACCESS);
    assert.deepEqual(r.rows, [{ BillingCurrency: 'USD', BilledCost: '1.25' }]);
    await store.close();
  } finally {
    cleanup();
  }
});

test('a second process cannot open a store in use, and is told why', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.duckdb');
    const store = await DuckDBStore.open({ path });
    const { spawnSync } = await import('node:child_process');
    const code = `import('${new URL('./store.ts', import.meta.url).href}').then(m => m.DuckDBStore.open({ path: ${JSON.stringify(path)} })).then(() => process.exit(0), (e) => { console.log(e.code); process.exit(3); })`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), 'STORE_LOCKED');
    await store.close();
  } finally {
    cleanup();
  }
});

test('the lake exported as Parquet loads back into an empty store with the same totals', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const a = await DuckDBStore.open({ path: ':memory:' });
    await ingest(a, [writeSample(dir)]);
    const lake = join(dir, 'lake');
    const exp = await a.exportLake(lake, 'parquet', FULL_ACCESS);
    assert.equal(exp.rows, 6);
    // hive layout provider=<slug>/month=<YYYY-MM>/
    const files = await a.sql(`SELECT file FROM glob('${lake}/**/*.parquet') ORDER BY file`);
    assert.deepEqual(files.map((f) => String(f.file).slice(lake.length + 1).replace(/\/[^/]+$/, '')), ['provider=aws/month=2024-09', 'provider=openai/month=2024-09']);
    const before = await a.query({ measures: ['billed', 'effective', 'gpu_hours'], groupBy: ['team', 'provider'] }, FULL_ACCESS);
    await a.close();

    const b = await DuckDBStore.open({ path: ':memory:' });
    await ingest(b, [lake]);
    const after = await b.query({ measures: ['billed', 'effective', 'gpu_hours'], groupBy: ['team', 'provider'] }, FULL_ACCESS);
    assert.deepEqual(after.rows, before.rows);
    await b.close();
  } finally {
    cleanup();
  }
});

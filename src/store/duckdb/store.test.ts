import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { storeContract } from '../../../test/store-contract.ts';
import { tempDir } from '../../../test/helpers.ts';
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

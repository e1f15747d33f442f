/**
 * `outlay --help` and a command's --help load only the CLI's own files and
 * core: the store (DuckDB), importers, analytics, pricing, server and demo
 * load when an action runs. NODE_DEBUG=esm names every module the loader stores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers.ts';

const HEAVY = ['/src/store/duckdb/', '/src/ingest/', '/src/analytics/', '/src/pricing/', '/src/server/', '/src/demo/', '/@duckdb/', '/hono/', '/jose/'];

function loaded(args: string[]): string[] {
  const r = runCli(args, { env: { NODE_DEBUG: 'esm' } });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  return [...new Set([...r.stderr.matchAll(/Storing (\S+)/g)].map((m) => m[1]!))];
}

for (const args of [['--help'], ['query', '--help'], ['forecast', '--help']]) {
  test(`outlay ${args.join(' ')} loads no store, importer, analytics, pricing, server or demo module`, () => {
    const modules = loaded(args);
    assert.ok(modules.some((m) => m.endsWith('/src/cli/main.ts')), 'the debug log names the modules');
    assert.deepEqual(modules.filter((m) => HEAVY.some((h) => m.includes(h))), []);
  });
}

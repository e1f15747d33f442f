/**
 * `--store :memory:` (or OUTLAY_STORE=:memory:) is DuckDB's in-memory store:
 * the command starts empty and keeps nothing. It used to be resolved as a
 * path, so a file named ":memory:" appeared in the current folder and kept
 * every row, the opposite of what was asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FOCUS_MIN_HEADER, focusRow, runCli, tempDir, writeCsv } from '../../test/helpers.ts';

test('--store :memory: keeps nothing and writes no file', () => {
  const { dir, cleanup } = tempDir();
  try {
    const bill = writeCsv(join(dir, 'bill.csv'), FOCUS_MIN_HEADER, [focusRow({ BilledCost: '4.20' })]);
    const first = runCli(['--store', ':memory:', 'ingest', '--json', bill], { cwd: dir });
    assert.equal(first.status, 0, first.stderr);
    assert.equal((JSON.parse(first.stdout) as { files: { status: string; rows: number }[] }).files[0]?.status, 'loaded');
    const again = runCli(['query', '-m', 'rows', '--format', 'json'], { cwd: dir, env: { OUTLAY_STORE: ':memory:' } });
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), [{ Rows: '0' }], 'a new command starts from an empty store');
    assert.deepEqual(readdirSync(dir), ['bill.csv'], 'no store file in the current folder');
  } finally {
    cleanup();
  }
});

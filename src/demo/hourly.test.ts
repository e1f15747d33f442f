import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from './index.ts';

test('an hourly run streams: peak memory stays far below the bytes written', () => {
  const out = mkdtempSync(join(tmpdir(), 'outlay-hourly-'));
  try {
    const probe = new URL('./memory-probe.ts', import.meta.url).pathname;
    const res = spawnSync(process.execPath, ['--import', 'tsx', probe, out, '300', '21', 'hourly'], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const m = JSON.parse(res.stdout) as { rows: number; peak_rss_mib: number; peak_heap_mib: number };
    assert.ok(m.rows > 100_000, `${m.rows} rows`);
    // ~100 MB of CSV; the process (Node + tsx ≈ 100 MiB) must not hold it.
    assert.ok(m.peak_rss_mib < 260, `peak RSS ${m.peak_rss_mib} MiB`);
    assert.ok(m.peak_heap_mib < 100, `peak heap ${m.peak_heap_mib} MiB`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('hourly rows add up to exactly the daily rows, file by file', async () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'outlay-d-')), mkdtempSync(join(tmpdir(), 'outlay-h-'))];
  try {
    const base = { seed: 11, resources: 25, days: 10, end: new Date('2026-03-03T00:00:00Z') };
    const [d, h] = await Promise.all([
      generateDemo({ ...base, out: dirs[0] ?? '', granularity: 'daily' }),
      generateDemo({ ...base, out: dirs[1] ?? '', granularity: 'hourly' }),
    ]);
    assert.ok(h.rows > d.rows * 10);
    const totals = (p: string) => JSON.parse(readFileSync(p, 'utf8')).totals as { files: Record<string, { cost: unknown }>; teams: unknown };
    const td = totals(d.groundTruthPath);
    const th = totals(h.groundTruthPath);
    for (const [file, t] of Object.entries(td.files)) assert.deepEqual(th.files[file]?.cost, t.cost, file);
    assert.deepEqual(th.teams, td.teams);
  } finally {
    for (const x of dirs) rmSync(x, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planFleet } from './fleet.ts';
import { MAX_DCGM_POINTS, MAX_USAGE_RESULTS_PER_MONTH, planNative } from './native.ts';
import { prometheusMissing } from './prometheus-serve.ts';

const START = new Date('2026-07-25T00:00:00Z');

test('native plan: the default organisation is written natively throughout, DCGM included', () => {
  const fleet = planFleet(42, 300, 120, START);
  const plan = planNative(fleet, 'daily');
  assert.deepEqual([...plan.slugs].sort(), ['anthropic', 'aws', 'azure', 'gcp', 'openai']);
  assert.equal(plan.dcgm, true);
  assert.deepEqual(plan.notes, []);
});

test('native plan: past the usage-API and DCGM sizes, those parts fall back and say so', () => {
  const fleet = planFleet(42, 10_000, 30, START);
  const openai = fleet.filter((r) => r.kind === 'llm' && r.provider === 'openai').length;
  const onpremGpus = fleet.filter((r) => r.kind === 'onprem').reduce((n, r) => n + (r.onprem?.gpuCount ?? 0), 0);
  // Hand-checked against the limits: hourly results a month and a week of hourly GPU samples.
  assert.ok(openai * 31 * 24 > MAX_USAGE_RESULTS_PER_MONTH && openai * 31 <= MAX_USAGE_RESULTS_PER_MONTH, `${openai} OpenAI keys`);
  assert.ok(onpremGpus * 24 * 7 > MAX_DCGM_POINTS, `${onpremGpus} on-prem GPUs`);
  const hourly = planNative(fleet, 'hourly');
  assert.deepEqual([...hourly.slugs].sort(), ['aws', 'azure', 'gcp']);
  assert.equal(hourly.dcgm, false);
  assert.equal(hourly.notes.length, 3);
  assert.match(hourly.notes.join('\n'), /openai: .*written as FOCUS/);
  const daily = planNative(fleet, 'daily');
  assert.ok(daily.slugs.has('openai') && daily.slugs.has('anthropic'));
  assert.equal(daily.dcgm, false);
});

test('without promtool or prometheus on PATH the demo is told why, not failed', () => {
  const empty = mkdtempSync(join(tmpdir(), 'outlay-nopath-'));
  const path = process.env.PATH;
  try {
    process.env.PATH = empty;
    assert.match(prometheusMissing() ?? '', /promtool is not installed/);
  } finally {
    process.env.PATH = path;
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a native hourly run streams: DuckDB converts month files without holding them', () => {
  const out = mkdtempSync(join(tmpdir(), 'outlay-native-hourly-'));
  try {
    const probe = new URL('./memory-probe.ts', import.meta.url).pathname;
    const res = spawnSync(process.execPath, ['--import', 'tsx', probe, out, '300', '21', 'hourly', 'native'], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const m = JSON.parse(res.stdout) as { rows: number; peak_rss_mib: number };
    assert.ok(m.rows > 100_000, `${m.rows} rows`);
    // Node + tsx ≈ 100 MiB plus DuckDB (capped at 512 MB) streaming ~100 MB of staged CSV into the native files.
    assert.ok(m.peak_rss_mib < 700, `peak RSS ${m.peak_rss_mib} MiB`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

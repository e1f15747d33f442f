/**
 * `outlay collect prometheus` end to end through the CLI against a small fake
 * query_range server: one GPU for 2 hours at 5-minute steps, with team from
 * kube_pod_labels, priced as an allocation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.ts';
import { fakeServer, runCliAsync } from '../../../test/usage-helpers.ts';
import { withStore } from '../../../test/refusal.ts';
import { FULL_ACCESS } from '../../store/index.ts';
import { collectPrometheus } from './collect.ts';

const START = Date.UTC(2026, 7, 1) / 1000;
const labels = { __name__: 'x', UUID: 'GPU-aaaa', gpu: '0', Hostname: 'n1', modelName: 'NVIDIA H100 80GB HBM3', namespace: 'ml', pod: 'trainer-0', container: 'main' };

/** A query_range server with the GPU busy at every step asked for. */
const fakePrometheus = () => fakeServer((_req, url) => {
  const q = url.searchParams.get('query') ?? '';
  if (url.pathname.endsWith('/query')) {
    return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { namespace: 'ml', pod: 'trainer-0', label_team: 'research' }, value: [START, '1'] }] } }) };
  }
  const start = Number(url.searchParams.get('start'));
  const end = Number(url.searchParams.get('end'));
  const pts = (v: string) => Array.from({ length: (end - start) / 300 + 1 }, (_, i) => [start + i * 300, v]);
  const series = q === 'DCGM_FI_DEV_GPU_UTIL' ? [{ metric: labels, values: pts('50') }] : q === 'DCGM_FI_DEV_FB_USED' ? [{ metric: labels, values: pts('2048') }] : [];
  return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }) };
});

test('outlay collect prometheus: GPU-hours, utilisation and team per pod', async () => {
  const srv = await fakePrometheus();
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    const out = await runCliAsync(['--store', store, 'collect', 'prometheus', '--url', srv.url, '--since', new Date(START * 1000).toISOString(), '--until', new Date((START + 7200) * 1000).toISOString(), '--step', '300'], {});
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /1 GPU device\(s\)/);
    const q = await runCliAsync(['--store', store, 'query', '-m', 'gpu_hours,priced', '-g', 'team,pod,pricing_status', '--format', 'json'], {});
    const rows = JSON.parse(q.stdout) as { rows?: Record<string, string>[] } | Record<string, string>[];
    const list = Array.isArray(rows) ? rows : rows.rows ?? [];
    const r = list.find((x) => x.x_Pod === 'trainer-0');
    assert.equal(Number(r?.x_GpuHours), 2);
    assert.equal(r?.x_Team, 'research');
    assert.equal(r?.x_PricingStatus, 'allocation');
    assert.ok(Number(r?.x_PricedCost) > 0, 'priced at a catalogue H100 rate, as an allocation');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

test('outlay collect prometheus: a query that never answers stores nothing and names the server and the query', async () => {
  const DAY = 86_400;
  let hangFrom = Infinity;
  const srv = await fakeServer((_req, url) => {
    const q = url.searchParams.get('query') ?? '';
    if (url.pathname.endsWith('/query')) return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }) };
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    // the second day's utilisation query hangs, after the first day's queries have answered
    if (q === 'DCGM_FI_DEV_GPU_UTIL' && start >= hangFrom) return 'hang';
    const pts = Array.from({ length: (end - start) / 3600 + 1 }, (_, i) => [start + i * 3600, '50']);
    return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: q === 'DCGM_FI_DEV_GPU_UTIL' ? [{ metric: labels, values: pts }] : [] } }) };
  });
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    const at = (s: number) => new Date(s * 1000).toISOString();
    const collect = (from: number, to: number, json: string[] = []) => runCliAsync(['--store', store, 'collect', 'prometheus', '--url', srv.url, '--since', at(from), '--until', at(to), '--step', '3600', '--timeout', '1', ...json], {});
    const gpuHours = async () => (JSON.parse((await runCliAsync(['--store', store, 'query', '-m', 'gpu_hours,rows', '--format', 'json'], {})).stdout) as Record<string, string>[])
      .map((r) => [r.x_GpuHours, r.Rows]);
    const first = await collect(START, START + DAY);
    assert.equal(first.status, 0, first.stderr);
    const before = await gpuHours();
    assert.deepEqual(before, [['24.00', '1']], 'one GPU for one day at hourly points');
    hangFrom = START + DAY;
    const out = await collect(START, START + 2 * DAY, ['--json']);
    assert.notEqual(out.status, 0);
    const err = JSON.parse(out.stdout) as { code: string; error: string; details: { file: string; field: string } };
    assert.equal(err.code, 'INGEST_IO');
    assert.equal(err.details.file, `${srv.url}/api/v1/query_range`);
    assert.equal(err.details.field, 'DCGM_FI_DEV_GPU_UTIL');
    assert.match(err.error, /did not answer within 1 s .*nothing was stored/);
    assert.deepEqual(await gpuHours(), before, 'the first day is as it was, and nothing of the second day is stored');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

test('outlay collect prometheus: --step and --timeout must be whole seconds; without --since the window is the day before --until', async () => {
  const ranges: [number, number][] = [];
  const srv = await fakeServer((_req, url) => {
    if (url.pathname.endsWith('/query')) return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }) };
    ranges.push([Number(url.searchParams.get('start')), Number(url.searchParams.get('end'))]);
    return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }) };
  });
  const t = tempDir();
  try {
    const store = join(t.dir, 's.duckdb');
    for (const [flag, value] of [['--timeout', 'abc'], ['--step', '0'], ['--step', '1.5']] as const) {
      const out = await runCliAsync(['--store', store, 'collect', 'prometheus', '--url', srv.url, flag, value, '--json'], {});
      assert.equal(out.status, 2, `${flag} ${value}`);
      assert.equal((JSON.parse(out.stdout) as { code: string }).code, 'INPUT_INVALID');
    }
    assert.equal(ranges.length, 0, 'a refused flag queries nothing');
    const until = START + 86_400;
    const out = await runCliAsync(['--store', store, 'collect', 'prometheus', '--url', srv.url, '--until', new Date(until * 1000).toISOString(), '--step', '3600'], {});
    assert.equal(out.status, 0, out.stderr);
    assert.equal(Math.min(...ranges.map((r) => r[0])), START, 'one day before --until, as --help says');
    assert.equal(Math.max(...ranges.map((r) => r[1])), until - 3600, 'the last point is one step before the exclusive --until');
  } finally {
    await srv.close();
    t.cleanup();
  }
});

test('daily collections a day apart at 14:00 keep every hour of each day: a pull restates whole UTC days, so it starts at midnight', () => withStore(async (store) => {
  const srv = await fakePrometheus();
  try {
    const at = (h: number) => new Date((START + h * 3600) * 1000);
    // The CLI's default window, [until - 1 day, until), at 14:00 on 1 and 2 August.
    await collectPrometheus(store, { url: srv.url, start: at(14 - 24), end: at(14) });
    await collectPrometheus(store, { url: srv.url, start: at(14), end: at(24 + 14) });
    const q = await store.query({ measures: ['gpu_hours'], groupBy: [], grain: 'day' }, FULL_ACCESS);
    // By hand: one GPU present at every 5-minute step from 31 July 00:00 (the first pull's midnight) to 2 August 14:00.
    assert.deepEqual(q.rows.map((r) => [r.ChargePeriodStart, Number(r.x_GpuHours)]), [
      ['2026-07-31T00:00:00Z', 24], ['2026-08-01T00:00:00Z', 24], ['2026-08-02T00:00:00Z', 14]]);
  } finally {
    await srv.close();
  }
}));

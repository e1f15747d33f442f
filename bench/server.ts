/**
 * Benchmark of `outlay serve`'s cost-explorer endpoint on a large demo store:
 * p50/p95/p99 latency, throughput and errors at 1, 8 and 32 concurrent clients
 * (autocannon, loopback; the load generator shares the cores with the server),
 * with the query cache off and on, then the server's RSS over a longer run
 * at 8 clients (cache on, the default).
 *
 *   node --import tsx bench/server.ts [--resources 3000] [--days 180] [--seconds 20] [--soak 120]
 *
 * Prints a Markdown section for bench/RESULTS.md (## Server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { generateDemo } from '../src/demo/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { DuckDBStore } from '../src/store/index.ts';
import { createApiToken } from '../src/server/index.ts';

const flag = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RESOURCES = flag('resources', 3000);
const DAYS = flag('days', 180);
const SECONDS = flag('seconds', 20);
const SOAK = flag('soak', 120);
const END = new Date('2026-01-01T00:00:00Z');
const REPO = resolve(import.meta.dirname, '..');

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN) / 1024;
}

async function prepare(dir: string): Promise<{ store: string; token: string; team: string; rows: number; seconds: number }> {
  const t0 = Date.now();
  const demo = await generateDemo({ out: join(dir, 'demo'), resources: RESOURCES, days: DAYS, end: END, seed: 42 });
  const store = join(dir, 'bench.duckdb');
  const s = await DuckDBStore.open({ path: store });
  await ingest(s, demo.files);
  const token = (await createApiToken(s.metadata(), { name: 'bench', role: 'finops', teams: [], createdBy: 'bench' })).token;
  const team = (await s.dimensionValues('team', { teams: 'all' }, 1))[0] ?? 'research';
  await s.close();
  return { store, token, team, rows: demo.rows, seconds: (Date.now() - t0) / 1000 };
}

function serve(store: string, cacheSeconds: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(REPO, 'bin', 'outlay.js'), '--store', store, 'serve', '--port', '0'], {
    env: { ...process.env, OUTLAY_LOG_LEVEL: 'error', OUTLAY_QUERY_CACHE_SECONDS: String(cacheSeconds) }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.once('exit', (c) => fail(new Error(`serve exited ${c}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) ok({ child, url: m[1] });
    });
  });
}

interface Run { clients: number; seconds: number; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; rss: number[] }

function load(url: string, token: string, paths: string[], clients: number, seconds: number, pid: number): Promise<Run> {
  const times: number[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(pid)), 1000);
  return new Promise((ok) => {
    const inst = autocannon({ url, connections: clients, duration: seconds, timeout: 30, headers: { authorization: `Bearer ${token}` }, requests: paths.map((path) => ({ method: 'GET', path })) });
    inst.on('response', (_c, _s, _b, ms) => times.push(ms));
    inst.on('done', (r) => {
      clearInterval(sampler);
      times.sort((a, b) => a - b);
      ok({ clients, seconds, requests: times.length, rps: times.length / seconds, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), errors: r.errors + r.timeouts + r.non2xx, rss });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'outlay-bench-server-'));
try {
  const prep = await prepare(dir);
  const from = new Date(END.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const paths = [
    `/api/v1/costs?group_by=team,provider&measure=billed,effective&grain=day&from=${from}&to=2026-01-01`,
    '/api/v1/costs?group_by=service&measure=billed',
    `/api/v1/costs?group_by=model&measure=billed,tokens&filter=team:${encodeURIComponent(prep.team)}&grain=week`,
  ];
  const levels = async (cacheSeconds: number) => {
    const { child, url } = await serve(prep.store, cacheSeconds);
    const pid = child.pid ?? 0;
    const idle = rssMb(pid);
    await load(url, prep.token, paths, 2, 3, pid); // warm-up
    const runs: Run[] = [];
    for (const c of [1, 8, 32]) runs.push(await load(url, prep.token, paths, c, SECONDS, pid));
    return { child, url, pid, idle, runs };
  };
  const uncached = await levels(0);
  await new Promise((done) => { uncached.child.once('exit', done); uncached.child.kill('SIGTERM'); });
  const cached = await levels(60);
  const soak = await load(cached.url, prep.token, paths, 8, SOAK, cached.pid);
  cached.child.kill('SIGTERM');
  const idle = cached.idle;
  const c0 = cpus()[0];
  const f = (n: number) => n.toFixed(1);
  const out = [
    '## Server',
    '',
    `\`node --import tsx bench/server.ts --resources ${RESOURCES} --days ${DAYS} --seconds ${SECONDS} --soak ${SOAK}\` on ${cpus().length} cores (${c0?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    `Demo store: ${prep.rows.toLocaleString('en')} FOCUS rows (${RESOURCES} resources × ${DAYS} days, daily), ${(statSync(prep.store).size / 2 ** 20).toFixed(0)} MiB DuckDB file; generated and ingested in ${f(prep.seconds)} s.`,
    'Endpoint: `GET /api/v1/costs` with a finops token, cycling through three cost-explorer queries (team×provider by day over 30 days; by service over all time; one team by model and week).',
    'autocannon runs in the same machine and shares its cores with the server.',
    '',
    '| query cache | clients | seconds | requests | req/s | p50 ms | p95 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...([['off', uncached.runs], ['60 s (default)', cached.runs]] as const).flatMap(([label, runs]) => runs.map((r) => `| ${label} | ${r.clients} | ${r.seconds} | ${r.requests} | ${f(r.rps)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} |`)),
    '',
    `RSS of the server: ${f(idle)} MiB idle after start; over a ${SOAK} s run at 8 clients (${soak.requests} requests, ${soak.errors} errors, p95 ${f(soak.p95)} ms): first ${f(soak.rss[0] ?? NaN)} MiB, peak ${f(Math.max(...soak.rss))} MiB, last ${f(soak.rss.at(-1) ?? NaN)} MiB.`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

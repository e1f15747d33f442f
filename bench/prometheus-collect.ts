/**
 * Telemetry collection benchmark: `outlay collect prometheus` logic over 30
 * days of 5-minute DCGM samples for 1,000 GPUs (plus kube-state-metrics GPU
 * requests and pod labels), against a fake Prometheus `query_range` server on
 * loopback in a child process that generates the series on the fly
 * (deterministic values; the real Prometheus is exercised by the tests).
 * Measures wall time and the collector's peak RSS, into a DuckDB file store.
 * Run: npx tsx bench/prometheus-collect.ts [--gpus 1000] [--days 30] [--step 300]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, dflt: number): number => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const GPUS = arg('gpus', 1000);
const DAYS = arg('days', 30);
const STEP = arg('step', 300);
const END = Date.UTC(2026, 7, 1) / 1000;
const START = END - DAYS * 86_400;

function labels(i: number): string {
  return `"UUID":"GPU-${String(i).padStart(8, '0')}-0000-0000-0000-000000000000","gpu":"${i % 8}","Hostname":"node-${Math.floor(i / 8)}","modelName":"NVIDIA H100 80GB HBM3","namespace":"ns-${i % 20}","pod":"pod-${i}","container":"main"`;
}

function value(metric: string, i: number, t: number): string {
  const k = (t / STEP + i * 7) % 100;
  if (metric === 'DCGM_FI_DEV_GPU_UTIL') return String(k);
  if (metric === 'DCGM_FI_DEV_FB_USED') return String(20000 + k * 100);
  if (metric === 'DCGM_FI_DEV_POWER_USAGE') return (300 + k).toFixed(3);
  return '';
}

/** The fake Prometheus: answers query_range and query for the metrics the collector asks. */
function serve(): void {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = url.searchParams.get('query') ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname.endsWith('/query')) {
      const parts = query === 'kube_pod_labels' ? Array.from({ length: GPUS }, (_, i) => `{"metric":{"__name__":"kube_pod_labels","namespace":"ns-${i % 20}","pod":"pod-${i}","label_team":"team-${i % 10}"},"value":[${END},"1"]}`) : [];
      res.end(`{"status":"success","data":{"resultType":"vector","result":[${parts.join(',')}]}}`);
      return;
    }
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const step = Number(url.searchParams.get('step'));
    res.write('{"status":"success","data":{"resultType":"matrix","result":[');
    const isRequest = query.includes('kube_pod_container_resource_requests');
    const metric = isRequest ? '' : query;
    if (isRequest || value(metric, 0, start) !== '') {
      for (let i = 0; i < GPUS; i++) {
        const pts: string[] = [];
        for (let t = start; t <= end; t += step) pts.push(`[${t},"${isRequest ? '1' : value(metric, i, t)}"]`);
        const m = isRequest ? `"namespace":"ns-${i % 20}","pod":"pod-${i}","container":"main"` : `"__name__":"${metric}",${labels(i)}`;
        res.write(`${i ? ',' : ''}{"metric":{${m}},"values":[${pts.join(',')}]}`);
      }
    }
    res.end(']}}');
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', '--gpus', String(GPUS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((r) => child.stdout.once('data', (d: Buffer) => r(d.toString().trim())));
  const { openStore } = await import('../src/store/index.ts');
  const { collectPrometheus } = await import('../src/ingest/index.ts');
  const dir = mkdtempSync(join(tmpdir(), 'outlay-bench-prom-'));
  const store = await openStore({ path: join(dir, 'bench.duckdb') });
  const t0 = performance.now();
  try {
    const r = await collectPrometheus(store, { url: `http://127.0.0.1:${port}`, start: new Date(START * 1000), end: new Date(END * 1000), stepSec: STEP, timeoutMs: 120_000 });
    const wall = (performance.now() - t0) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    const q = await store.query({ measures: ['gpu_hours', 'rows'], groupBy: ['resource_type'] }, { teams: 'all' });
    process.stdout.write([
      `machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
      `input: ${GPUS} GPUs × ${DAYS} days × ${86_400 / STEP} points/day, 4 DCGM metrics + GPU requests (fake query_range on loopback, child process)`,
      `DCGM points read: ${r.points.toLocaleString("en")}; devices: ${r.devices}; rows stored: ${r.files[0]?.rows}`,
      `GPU-hours stored: ${q.rows.map((x) => `${x.ResourceType} ${x.x_GpuHours}`).join(', ')} (expected ${GPUS * DAYS * 24} for GPUs)`,
      `wall: ${wall.toFixed(1)} s; collector peak RSS: ${rss.toFixed(0)} MiB`,
    ].join('\n') + '\n');
  } finally {
    await store.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) serve();
else await main();

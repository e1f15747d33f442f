/**
 * Runs generateDemo in its own process and prints rows, seconds and peak RSS
 * as JSON, so tests and benchmarks can bound memory from the outside.
 * Usage: node --import tsx src/demo/memory-probe.ts <out> <resources> <days> <daily|hourly> [focus|native]
 */
import { generateDemo } from './index.ts';

const [out = 'outlay-demo', resources = '300', days = '120', granularity = 'daily', formats = 'focus'] = process.argv.slice(2);
const started = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let peakHeap = 0;
const r = await generateDemo({
  out, resources: Number(resources), days: Number(days), granularity: granularity === 'hourly' ? 'hourly' : 'daily', formats: formats === 'native' ? 'native' : 'focus',
  end: new Date('2026-11-22T00:00:00Z'),
  onProgress: () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); },
});
const secs = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({
  rows: r.rows, files: r.files.length, secs: Math.round(secs * 100) / 100, rows_per_s: Math.round(r.rows / secs),
  cpu_s: Math.round((cpu.user + cpu.system) / 1e4) / 100,
  peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024), peak_heap_mib: Math.round(peakHeap / 1048576),
})}\n`);

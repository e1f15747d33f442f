/**
 * CLI start-up: wall time of `node bin/outlay.js …` for commands that do
 * little work, so the time is mostly loading modules. Each checkout given
 * (default: this one) runs every command in turn, alternating, and the
 * median of --runs is printed with the number of ES modules loaded
 * (NODE_DEBUG=esm, one counted run each).
 *
 *   npx tsx bench/cli-startup.ts [--runs 7] [--store s.duckdb] [checkout …]
 *
 * --store names an existing store (e.g. after `outlay --store s.duckdb ingest
 * ../shared/fixtures/billing/focus`); without it the `sources` case is skipped.
 * "tsx only" is the floor: node registering tsx and loading nothing else.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { arg, percentile } from './lib.ts';

const runs = Number(arg('runs', '7'));
const store = arg('store', '');
const flags = new Set(['--runs', '--store']);
const roots = process.argv.slice(2).filter((a, i, all) => !flags.has(a) && !flags.has(all[i - 1] ?? '')).map((r) => resolve(r));
if (roots.length === 0) roots.push(process.cwd());

const TSX_ONLY = ['--input-type=module', '-e', "import { register } from 'tsx/esm/api'; register();"];
const cases: Array<{ name: string; args: string[] }> = [
  { name: 'tsx only', args: [] },
  { name: '--help', args: ['--help'] },
  { name: 'query --help', args: ['query', '--help'] },
  ...(store ? [{ name: 'sources --format json', args: ['--store', resolve(store), 'sources', '--format', 'json'] }] : []),
];

function run(root: string, args: string[], env: Record<string, string> = {}): { ms: number; stderr: string } {
  const t0 = process.hrtime.bigint();
  const argv = args.length ? [join(root, 'bin/outlay.js'), ...args] : TSX_ONLY;
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${root}: outlay ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stderr: r.stderr };
}

/** ES modules the loader stored: every file and package entry, the loader's own included. */
function modules(root: string, args: string[]): number {
  const lines = run(root, args, { NODE_DEBUG: 'esm' }).stderr.split('\n');
  return new Set(lines.map((l) => /Storing (\S+)/.exec(l)?.[1]).filter(Boolean)).size;
}

console.log(`${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${runs} runs each`);
const times = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  for (const c of cases) {
    for (const root of roots) {
      const key = `${root}\t${c.name}`;
      times.set(key, [...(times.get(key) ?? []), run(root, c.args).ms]);
    }
  }
}
for (const c of cases) {
  for (const root of roots) {
    const sorted = [...(times.get(`${root}\t${c.name}`) ?? [])].sort((a, b) => a - b);
    const line = `${c.name.padEnd(22)} ${root.padEnd(28)} median ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)})`;
    console.log(`${line}  modules ${modules(root, c.args)}`);
  }
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

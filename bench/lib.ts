/**
 * Shared benchmark plumbing: timing a child process with its peak RSS
 * (GNU time), percentiles, and a machine line for RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export interface Measured { seconds: number; peakRssMb: number; status: number | null; stdout: string; stderr: string }

/** Runs a command under /usr/bin/time and returns wall time and peak RSS. */
export function measure(cmd: string, args: readonly string[], env: Record<string, string> = {}): Measured {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', cmd, ...args], {
    encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 'NaN');
  return { seconds, peakRssMb: kb / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export function machine(): string {
  const c = cpus();
  return `${c.length} cores (${c[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

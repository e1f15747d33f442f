/**
 * Serves the demo's DCGM samples from a real Prometheus: the OpenMetrics
 * file is backfilled into a TSDB with `promtool tsdb create-blocks-from
 * openmetrics`, and `prometheus` is started over it on a free loopback port,
 * so Outlay's Prometheus importer reads it with query_range like any server.
 * Uses Debian's `prometheus` package when it is installed; never downloads.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OutlayError } from '../core/index.ts';
import type { DcgmExport } from './native.ts';
import { freeLoopbackPort } from '../core/index.ts';

export interface ServedPrometheus {
  readonly url: string;
  stop(): Promise<void>;
}

/** Whether `promtool` and `prometheus` are on PATH (null) or why not (a sentence). */
export function prometheusMissing(): string | null {
  for (const bin of ['promtool', 'prometheus']) {
    const r = spawnSync(bin, ['--version'], { stdio: 'ignore' });
    if (r.error) return `${bin} is not installed (Debian: apt-get install prometheus, or scripts/ensure-prometheus.sh)`;
  }
  return null;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new OutlayError('INTERNAL', `prometheus exited (${child.exitCode}): ${log().slice(-500)}`);
    try {
      if ((await fetch(`${url}-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new OutlayError('INTERNAL', `prometheus did not become ready at ${url}: ${log().slice(-500)}`);
}

/**
 * Backfills the samples into a fresh TSDB next to them (promtool re-reads
 * its input once per 2-hour block, so this is the slow part: start it early
 * and do other work meanwhile). Resolves to the TSDB folder.
 */
export async function backfillPrometheus(dcgm: DcgmExport): Promise<string> {
  const dir = join(dirname(dcgm.openMetricsPath), 'tsdb');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const child = spawn('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', dcgm.openMetricsPath, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-2000); });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new OutlayError('INTERNAL', `promtool could not backfill ${dcgm.openMetricsPath}: ${err.slice(-500)}`);
  return dir;
}

/** Starts Prometheus over a backfilled TSDB on a free loopback port; stop() ends it and removes the TSDB. */
export async function servePrometheus(dir: string): Promise<ServedPrometheus> {
  const config = join(dirname(dir), 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}/`;
  // Retention far beyond the data's age: the samples are in the past and must not be deleted on start.
  const child = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${dir}`, '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-4000); });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => err);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}

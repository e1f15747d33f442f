/**
 * A real Prometheus for the telemetry tests and the benchmark: installs it
 * through scripts/ensure-prometheus.sh if missing, starts it on a free
 * loopback port with a fresh TSDB, scraping the given targets, and stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort } from '../src/core/index.ts';
import { REPO_ROOT, tempDir } from './helpers.ts';

export function ensurePrometheus(): string {
  const r = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'ensure-prometheus.sh')], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`scripts/ensure-prometheus.sh failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop() ?? 'prometheus';
}

export interface RunningPrometheus { readonly url: string; stop(): Promise<void> }

export async function startPrometheus(targets: readonly string[], scrapeInterval = '250ms'): Promise<RunningPrometheus> {
  const bin = ensurePrometheus();
  const t = tempDir('outlay-prom-');
  const port = await freeLoopbackPort();
  const config = join(t.dir, 'prometheus.yml');
  writeFileSync(config, `global:\n  scrape_interval: ${scrapeInterval}\n  scrape_timeout: ${scrapeInterval}\nscrape_configs:\n  - job_name: test\n    static_configs:\n      - targets: [${targets.map((x) => `'${x}'`).join(', ')}]\n`);
  const child: ChildProcess = spawn(bin, [`--config.file=${config}`, `--storage.tsdb.path=${join(t.dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((r) => { const k = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000); child.once('exit', () => { clearTimeout(k); r(); }); });
    }
    t.cleanup();
  };
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('Prometheus did not become ready in 10 s');
}

/**
 * A real Prometheus scrapes the running server's /metrics with a bearer
 * token (its authorization.credentials), and its query API returns the hand
 * totals. Skipped where no `prometheus` binary is installed
 * (scripts/ensure-prometheus.sh installs Debian's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerConfig } from './config.ts';
import { startServer } from './serve.ts';
import { serverFixture } from './testing/fixture.ts';
import { freeLoopbackPort } from '../core/index.ts';

const HAVE_PROMETHEUS = spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;

async function poll<T>(fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting for Prometheus');
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('Prometheus scrapes spend by team and provider', { skip: HAVE_PROMETHEUS ? false : 'prometheus is not installed' }, async () => {
  const fx = await serverFixture();
  const server = await startServer({ store: fx.store, meta: fx.meta, logger: fx.deps.logger, config: loadServerConfig({ overrides: [[['port'], 0]] }) });
  const promPort = await freeLoopbackPort();
  const config = join(fx.dir, 'prometheus.yml');
  writeFileSync(config, [
    'global: { scrape_interval: 1s }',
    'scrape_configs:',
    '  - job_name: outlay',
    `    authorization: { credentials: "${fx.tokens.finops}" }`,
    `    static_configs: [{ targets: ["${new URL(server.url).host}"] }]`,
  ].join('\n'));
  const prom = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(fx.dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
  try {
    type Vector = { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    const q = encodeURIComponent('sum by (team) (outlay_spend{job="outlay"})');
    const result = await poll(async () => {
      const body = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${q}`)).json()) as Vector;
      return body.data.result.length ? body.data.result : undefined;
    }, 30_000);
    const byTeam = Object.fromEntries(result.map((r) => [r.metric.team ?? '(unallocated)', Number(r.value[1])]));
    assert.deepEqual(byTeam, { research: 21.75, vision: 11111.1, '(unallocated)': 55.55 });
    const up = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=up`)).json()) as Vector;
    assert.equal(up.data.result[0]?.value[1], '1');
  } finally {
    prom.kill('SIGTERM');
    await new Promise((r) => prom.once('exit', r));
    await server.close();
    await fx.close();
  }
});

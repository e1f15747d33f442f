/**
 * Wiring and listening: builds the server's helpers around an open store,
 * starts HTTP (or HTTPS when a certificate and key are configured) on the
 * configured address, and stops cleanly (in-flight ingestions finish first).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from '../core/index.ts';
import type { MetadataStore, Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { TokenCache } from './auth/authenticate.ts';
import { oidcVerifier } from './auth/oidc.ts';
import { FailureLimiter } from './auth/rate-limit.ts';
import type { ServerConfig } from './config.ts';
import type { AppEnv, ServerDeps } from './context.ts';
import { IngestionJobs } from './jobs.ts';
import { createMetrics } from './metrics.ts';
import { QueryCache } from './query-cache.ts';

export interface ServerParts {
  readonly store: Store;
  readonly meta: MetadataStore;
  readonly config: ServerConfig;
  readonly logger: Logger;
}

/** Everything a request handler needs, built once per server. */
export function createDeps(p: ServerParts): ServerDeps {
  const { auth } = p.config;
  const cache = new QueryCache(p.store, p.config.cache.seconds * 1000, p.config.cache.entries);
  return {
    ...p,
    cache,
    oidc: auth.oidc ? oidcVerifier(auth.oidc) : null,
    limiter: new FailureLimiter({ max: auth.maxFailures, windowMs: auth.failureWindowSeconds * 1000, blockMs: auth.blockSeconds * 1000 }),
    tokens: new TokenCache(p.meta),
    jobs: new IngestionJobs(p.store, p.logger, async (job) => {
      cache.clear();
      await p.meta.appendAudit({
        actor: job.createdBy, action: `ingestion.${job.status}`, target: job.fileName, origin: 'server',
        details: { job: job.id, deliveryId: job.result?.deliveryId ?? null, rows: job.result?.files.reduce((n, f) => n + f.rows, 0) ?? 0, error: job.error?.code ?? null },
      });
    }),
    metrics: createMetrics(),
  };
}

export interface RunningServer {
  readonly url: string;
  readonly app: Hono<AppEnv>;
  readonly deps: ServerDeps;
  /** Stops accepting connections, waits for ingestions; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * Starts the API.
 *
 * @example
 *   const server = await startServer({ store, meta: store.metadata(), config: loadServerConfig(), logger });
 *   console.log(server.url); // http://127.0.0.1:8787
 */
export async function startServer(p: ServerParts): Promise<RunningServer> {
  const deps = createDeps(p);
  const app = createApp(deps);
  const { host, port, tls } = p.config;
  const httpsOptions = tls ? { createServer: createHttpsServer, serverOptions: { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } } : {};
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port, ...httpsOptions }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${addr.port}`;
  p.logger.info('listening', { url });
  return {
    url, app, deps,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await deps.jobs.idle();
    },
  };
}

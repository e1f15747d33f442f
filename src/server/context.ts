/**
 * What every handler gets: the store and metadata store, the validated
 * config, the one logger, and the server's in-process helpers.
 */
import type { Context } from 'hono';
import type { Logger } from '../core/index.ts';
import type { MetadataStore, Store } from '../store/index.ts';
import type { OidcVerifier } from './auth/oidc.ts';
import type { Principal } from './auth/principal.ts';
import type { FailureLimiter } from './auth/rate-limit.ts';
import type { TokenCache } from './auth/authenticate.ts';
import type { ServerConfig } from './config.ts';
import type { IngestionJobs } from './jobs.ts';
import type { ServerMetrics } from './metrics.ts';
import type { QueryCache } from './query-cache.ts';

export interface ServerDeps {
  readonly store: Store;
  readonly meta: MetadataStore;
  readonly config: ServerConfig;
  readonly logger: Logger;
  readonly oidc: OidcVerifier | null;
  readonly limiter: FailureLimiter;
  readonly tokens: TokenCache;
  readonly jobs: IngestionJobs;
  readonly metrics: ServerMetrics;
  /** Use for cost-explorer reads: store.query through a short-lived, scope-keyed cache. */
  readonly cache: QueryCache;
}

export interface AppEnv {
  Variables: {
    principal: Principal | null;
    clientIp: string;
  };
}

export type AppContext = Context<AppEnv>;

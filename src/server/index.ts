/**
 * The server door: the HTTP API (Hono), its configuration, API tokens and
 * the route registry that later capabilities extend.
 */
export { createApp } from './app.ts';
export { startServer, createDeps, type RunningServer, type ServerParts } from './serve.ts';
export { loadServerConfig, ServerConfigSchema, ENV_KEYS, type ServerConfig, type ConfigSources } from './config.ts';
export { createApiToken, parseDuration, type NewToken } from './auth/tokens.ts';
export { PERMISSIONS, scopeOf, type Permission, type Principal } from './auth/principal.ts';
export { openApiDocument } from './openapi.ts';
export { STATUS_OF, problem } from './problem.ts';
export { ALL_ROUTES, defineRoute, type AnyRoute } from './routes/index.ts';
export type { ServerDeps, AppEnv } from './context.ts';

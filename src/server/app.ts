/**
 * The Hono app: registers every declared route behind authentication,
 * permission checks and schema validation, times each request for
 * /metrics, and renders every error as problem+json (the only catch).
 *
 * @example
 *   const app = createApp(deps);
 *   const res = await app.request('/api/v1/costs?group_by=team', { headers: { authorization: `Bearer ${token}` } });
 */
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { matchedRoutes, routePath } from 'hono/route';
import type { z } from 'zod';
import { OutlayError } from '../core/index.ts';
import { authenticate } from './auth/authenticate.ts';
import { can, scopeOf, type Principal } from './auth/principal.ts';
import type { AppContext, AppEnv, ServerDeps } from './context.ts';
import { problem, problemOf, problemResponse } from './problem.ts';
import { honoPath, type AnyRoute, type AuditFn } from './routes/route.ts';
import { ALL_ROUTES } from './routes/index.ts';

function clientIp(c: AppContext, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** zod issues → INPUT_INVALID naming the first bad field (`whole` when the value as a whole is wrong, e.g. a body that is not an object). */
function invalid(where: string, whole: string, err: z.ZodError): OutlayError {
  const issue = err.issues[0];
  const keys = issue && 'keys' in issue ? (issue.keys as string[]) : [];
  const field = [...(issue?.path ?? []).map(String), ...keys.slice(0, 1)].join('.');
  if (!field) return new OutlayError('INPUT_INVALID', `${whole}: ${issue?.message ?? 'invalid'}`, { field: whole });
  const msg = issue?.code === 'unrecognized_keys' ? `unknown ${where} "${keys.join('", "')}"` : `${where} "${field}": ${issue?.message ?? 'invalid'}`;
  return new OutlayError('INPUT_INVALID', msg, { field });
}

function parseWith(schema: z.ZodType | undefined, value: unknown, where: string, whole: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(where, whole, r.error);
  return r.data;
}

function queryObject(c: AppContext): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, vs] of Object.entries(c.req.queries())) out[k] = vs.length === 1 ? (vs[0] ?? '') : vs;
  return out;
}

/** Reads at most `limit` bytes of the body, whatever Content-Length claims. */
async function readLimited(c: AppContext, limit: number): Promise<string> {
  const tooLarge = () => new OutlayError('PAYLOAD_TOO_LARGE', `request body is over the limit of ${limit} bytes`, { field: 'body', limit });
  if (Number(c.req.header('content-length') ?? '0') > limit) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Deeper than any body a route takes; a few thousand levels overflow the stack of validation and JSON.stringify. */
const MAX_JSON_DEPTH = 64;

/** How deeply arrays and objects nest in JSON text (brackets inside strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ']' || ch === '}') depth--;
  }
  return max;
}

async function jsonBody(c: AppContext, limit: number): Promise<unknown> {
  const text = await readLimited(c, limit);
  if (text.trim() === '') return {};
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new OutlayError('INPUT_INVALID', `request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`, { field: 'body' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new OutlayError('INPUT_INVALID', `request body is not valid JSON: ${(e as Error).message}`, { field: 'body' });
  }
}

function auditFor(deps: ServerDeps, c: AppContext, who: Principal | null): AuditFn {
  return async (action, target, details = {}) => {
    await deps.meta.appendAudit({ actor: who?.subject ?? 'anonymous', action, target, origin: c.get('clientIp'), details });
  };
}

function register(app: Hono<AppEnv>, route: AnyRoute, deps: ServerDeps): void {
  app.on(route.method.toUpperCase(), honoPath(route.path), async (c) => {
    let principal: Principal | null = null;
    if (route.permission) {
      principal = await authenticate(c, deps);
      c.set('principal', principal);
      if (!can(principal, route.permission)) {
        throw new OutlayError('FORBIDDEN', `role ${principal.role} may not ${route.permission.replace(':', ' ')}`, { permission: route.permission });
      }
    }
    const query = parseWith(route.query, queryObject(c), 'query parameter', 'query');
    const params = parseWith(route.params, c.req.param(), 'path parameter', 'path');
    const body = route.body ? parseWith(route.body, await jsonBody(c, deps.config.limits.bodyBytes), 'body field', 'body') : undefined;
    return route.handler({
      c, deps, query, params, body,
      principal: principal as Principal,
      scope: principal ? scopeOf(principal) : { teams: [] },
      audit: auditFor(deps, c, principal),
    });
  });
}

export function createApp(deps: ServerDeps, routes: readonly AnyRoute[] = ALL_ROUTES): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('clientIp', clientIp(c, deps.config.trustProxy));
    c.set('principal', null);
    await next();
    c.header('x-content-type-options', 'nosniff');
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
    const route = matchedRoutes(c).length > 1 ? routePath(c, -1) : '(unmatched)';
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.observeRequest(c.req.method, route, c.res.status, seconds);
    deps.logger.debug('request', { method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000), ip: c.get('clientIp'), who: c.get('principal')?.subject ?? null });
  });
  for (const route of routes) register(app, route, deps);
  app.notFound((c) => problemResponse(problem('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`, {}, c.req.path)));
  app.onError((err, c) => {
    const { problem: p, unexpected } = problemOf(err, c.req.path);
    if (unexpected) deps.logger.error('request failed', { path: c.req.path, method: c.req.method, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    const headers: Record<string, string> = {};
    if (p.status === 401) headers['www-authenticate'] = 'Bearer realm="outlay"';
    const retry = p.details?.retryAfter;
    if (typeof retry === 'number') headers['retry-after'] = String(retry);
    return problemResponse(p, headers);
  });
  return app;
}

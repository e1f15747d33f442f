/**
 * One route = one declaration: method, path, permission, the zod schemas of
 * its query, path parameters and JSON body, its responses, and its handler.
 * The app registers it with Hono and validates with the same schemas that
 * openapi.ts turns into the OpenAPI document, so the two cannot drift.
 * Adding an API capability is one file exporting `defineRoute(...)`s plus one
 * line in routes/index.ts.
 */
import type { z } from 'zod';
import type { AccessScope } from '../../store/index.ts';
import type { Permission, Principal } from '../auth/principal.ts';
import type { AppContext, ServerDeps } from '../context.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
}

export interface AuditFn {
  (action: string, target: string, details?: Record<string, unknown>): Promise<void>;
}

export interface HandlerContext<Q, P, B> {
  readonly c: AppContext;
  readonly deps: ServerDeps;
  /** Null only on routes with `permission: null`. */
  readonly principal: Principal;
  /** The caller's team scope, to pass to every Store read. */
  readonly scope: AccessScope;
  readonly query: Q;
  readonly params: P;
  readonly body: B;
  /** Records a change or export in the audit log, with who and from where. */
  readonly audit: AuditFn;
}

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  readonly method: Method;
  /** OpenAPI style: /api/v1/tokens/{name}. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** null = no authentication (health checks, the API document). */
  readonly permission: Permission | null;
  readonly query?: Q;
  readonly params?: P;
  /** JSON request body. */
  readonly body?: B;
  /** The body is a raw upload (not JSON), limited by limits.uploadBytes. */
  readonly upload?: { readonly contentTypes: readonly string[]; readonly description: string };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handler(ctx: HandlerContext<z.output<Q>, z.output<P>, z.output<B>>): Promise<Response>;
}

/** A route with its types erased, for the registry. */
export interface AnyRoute extends Omit<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, 'handler'> {
  handler(ctx: HandlerContext<unknown, unknown, unknown>): Promise<Response>;
}

export function defineRoute<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
>(spec: RouteSpec<Q, P, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** /api/v1/tokens/{name} → /api/v1/tokens/:name (Hono's syntax). */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Bearer authentication: `Authorization: Bearer otk_…` (API token) or a JWT
 * from the configured OIDC issuer. Tokens in a query string are refused
 * outright (they end up in logs and browser history). Every failure counts
 * against the client address; too many and the address waits.
 */
import { OutlayError } from '../../core/index.ts';
import type { ApiTokenInfo, MetadataStore } from '../../store/index.ts';
import type { AppContext, ServerDeps } from '../context.ts';
import type { Principal } from './principal.ts';
import { checkApiToken, parseToken, sha256Hex } from './tokens.ts';

const QUERY_TOKEN_KEYS = ['access_token', 'token', 'api_key', 'apikey', 'key', 'bearer'];

/**
 * Verified tokens for a few seconds, so a busy client does not cost a metadata
 * read per request. Revocation through the API clears it; the CLI cannot
 * revoke while the server holds the store file.
 */
export class TokenCache {
  private readonly hits = new Map<string, { info: ApiTokenInfo; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly meta: MetadataStore, private readonly ttlMs = 10_000) {}

  async check(text: string, now = Date.now()): Promise<ApiTokenInfo | null> {
    const key = sha256Hex(text);
    const hit = this.hits.get(key);
    const expired = (i: ApiTokenInfo) => i.expiresAt !== null && Date.parse(i.expiresAt) <= now;
    if (hit && hit.until > now && !expired(hit.info)) return hit.info;
    const info = await checkApiToken(this.meta, text, new Date(now));
    if (!info) { this.hits.delete(key); return null; }
    if (this.hits.size > 10_000) this.hits.clear();
    this.hits.set(key, { info, until: now + this.ttlMs });
    // last_used_at to the minute: a write per request would slow reads down.
    if ((this.touched.get(info.id) ?? 0) < now - 60_000) {
      this.touched.set(info.id, now);
      await this.meta.touchToken(info.id, new Date(now).toISOString());
    }
    return info;
  }

  clear(): void {
    this.hits.clear();
  }
}

function isJoseError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_J');
}

async function resolveBearer(text: string, deps: ServerDeps): Promise<Principal | null> {
  if (parseToken(text)) {
    const info = await deps.tokens.check(text);
    return info ? { subject: `token:${info.name}`, kind: 'token', role: info.role, teams: info.teams } : null;
  }
  if (deps.oidc && text.split('.').length === 3) {
    try {
      return await deps.oidc.verify(text);
    } catch (e) {
      if (isJoseError(e)) return null;
      throw e;
    }
  }
  return null;
}

/** Authenticates the request or throws UNAUTHENTICATED / RATE_LIMITED / INPUT_INVALID. */
export async function authenticate(c: AppContext, deps: ServerDeps): Promise<Principal> {
  const ip = c.get('clientIp');
  const wait = deps.limiter.retryAfter(ip);
  if (wait > 0) {
    throw new OutlayError('RATE_LIMITED', `too many failed authentications from ${ip}; retry in ${wait} s`, { retryAfter: wait });
  }
  const url = new URL(c.req.url);
  const inQuery = QUERY_TOKEN_KEYS.find((k) => url.searchParams.has(k));
  if (inQuery) {
    deps.limiter.fail(ip);
    throw new OutlayError('INPUT_INVALID', `credentials are never accepted in the query string ("${inQuery}"); send Authorization: Bearer <token>`, { field: inQuery });
  }
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const principal = m?.[1] ? await resolveBearer(m[1], deps) : null;
  if (!principal) {
    deps.limiter.fail(ip);
    throw new OutlayError('UNAUTHENTICATED', header ? 'the bearer token is unknown, expired, revoked or invalid' : 'send Authorization: Bearer <token>');
  }
  return principal;
}

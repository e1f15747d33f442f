/**
 * OpenID Connect bearer tokens: a JWT access token verified against the
 * issuer's JWKS (found through its discovery document), its issuer, audience
 * and expiry checked by jose. Two claims map the caller onto Outlay: a role
 * claim (string or array; the most privileged known role wins) and a teams
 * claim (array or string).
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { OutlayError } from '../../core/index.ts';
import { isRole, type Role } from '../../store/index.ts';
import type { OidcConfig } from '../config.ts';
import { ROLE_PRECEDENCE, type Principal } from './principal.ts';

export interface OidcVerifier {
  verify(jwt: string): Promise<Principal>;
}

async function discoverJwks(cfg: OidcConfig): Promise<URL> {
  if (cfg.jwksUri) return new URL(cfg.jwksUri);
  const url = `${cfg.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new OutlayError('CONFIG_INVALID', `OIDC discovery ${url} answered ${res.status}`, { field: 'auth.oidc.issuer' });
  const doc = (await res.json()) as { jwks_uri?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new OutlayError('CONFIG_INVALID', `OIDC discovery ${url} has no jwks_uri`, { field: 'auth.oidc.issuer' });
  return new URL(doc.jwks_uri);
}

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Maps verified claims to a principal; null when no role can be found. */
export function principalFromClaims(payload: JWTPayload, cfg: OidcConfig): Principal | null {
  const named = strings(payload[cfg.rolesClaim]).map((r) => r.toLowerCase()).filter(isRole);
  const role: Role | undefined = ROLE_PRECEDENCE.find((r) => named.includes(r)) ?? cfg.defaultRole;
  if (!role || typeof payload.sub !== 'string') return null;
  const teams = [...new Set(strings(payload[cfg.teamsClaim]).map((t) => t.trim().toLowerCase()).filter(Boolean))];
  return { subject: `oidc:${payload.sub}`, kind: 'oidc', role, teams };
}

export function oidcVerifier(cfg: OidcConfig): OidcVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return {
    async verify(jwt) {
      jwks ??= createRemoteJWKSet(await discoverJwks(cfg), { timeoutDuration: 5000 });
      const { payload } = await jwtVerify(jwt, jwks, {
        issuer: cfg.issuer, audience: cfg.audience, clockTolerance: cfg.clockToleranceSeconds,
      });
      const p = principalFromClaims(payload, cfg);
      if (!p) throw new OutlayError('FORBIDDEN', `the token names no Outlay role in claim "${cfg.rolesClaim}"`);
      return p;
    },
  };
}

/** API token management (admin): create (the secret is in this one answer only), list, revoke. */
import { z } from 'zod';
import { OutlayError } from '../../core/index.ts';
import { ROLES } from '../../store/index.ts';
import { createApiToken, parseDuration } from '../auth/tokens.ts';
import { defineRoute } from './route.ts';
import { nextOffsetSchema, pageQuery, paged } from './params.ts';

const TokenInfoSchema = z.object({
  id: z.string(), name: z.string(), role: z.enum(ROLES), teams: z.array(z.string()),
  createdAt: z.string(), createdBy: z.string(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
});

export const createToken = defineRoute({
  method: 'post',
  path: '/api/v1/tokens',
  operationId: 'createToken',
  tag: 'tokens',
  summary: 'Create an API token; the token text is returned once and stored only as a hash (audited)',
  permission: 'tokens:manage',
  body: z.object({
    name: z.string().min(1).max(64),
    role: z.enum(ROLES),
    teams: z.array(z.string().min(1)).max(100).default([]).describe('Required for member and viewer: the teams they see'),
    expires: z.string().optional().describe('Lifetime, e.g. 30m, 12h, 90d, 1y; omit for no expiry'),
  }).strict(),
  responses: { 201: { description: 'The token (shown once) and its record', schema: z.object({ token: z.string(), info: TokenInfoSchema }) } },
  async handler({ c, deps, principal, body, audit }) {
    const expiresInMs = body.expires === undefined ? undefined : parseDuration(body.expires, 'expires');
    const created = await createApiToken(deps.meta, { name: body.name, role: body.role, teams: body.teams, expiresInMs, createdBy: principal.subject });
    await audit('token.create', created.info.name, { role: created.info.role, teams: created.info.teams, expiresAt: created.info.expiresAt });
    return c.json(created, 201);
  },
});

export const listTokens = defineRoute({
  method: 'get',
  path: '/api/v1/tokens',
  operationId: 'listTokens',
  tag: 'tokens',
  summary: 'API tokens (never their secrets)',
  permission: 'tokens:manage',
  query: pageQuery().extend({ include_revoked: z.enum(['true', 'false']).default('false') }).strict(),
  responses: { 200: { description: 'Tokens, oldest first', schema: z.object({ items: z.array(TokenInfoSchema), next_offset: nextOffsetSchema }) } },
  async handler({ c, deps, query }) {
    return c.json(await paged(query.limit, query.offset, (limit, offset) => deps.meta.listTokens({ limit, offset }, query.include_revoked === 'true')));
  },
});

export const revokeToken = defineRoute({
  method: 'delete',
  path: '/api/v1/tokens/{name}',
  operationId: 'revokeToken',
  tag: 'tokens',
  summary: 'Revoke a token by name; it stops working at once (audited)',
  permission: 'tokens:manage',
  params: z.object({ name: z.string().min(1) }),
  responses: { 200: { description: 'The revoked token', schema: TokenInfoSchema } },
  async handler({ c, deps, params, audit }) {
    const info = await deps.meta.revokeToken(params.name, new Date().toISOString());
    if (!info) throw new OutlayError('NOT_FOUND', `no live token named "${params.name}"`, { field: 'name', value: params.name });
    deps.tokens.clear();
    await audit('token.revoke', info.name, { id: info.id });
    return c.json(info);
  },
});
